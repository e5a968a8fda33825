import { TextLayer, type PDFDocumentProxy } from 'pdfjs-dist';
import { joinsHyphenated, LINE_END, softenFinalHyphen } from './page-text';
import { nextTask } from './next-task';

/**
 * The reader's own text layer for every page of the PDF, laid over the pages at their
 * places. pdf.js draws a text layer only for the few pages on screen (and drops it when
 * they scroll away); this one holds the text of all pages all the time, so the page
 * pipeline reads the whole document (its evidence, the popup's list, the badge, jumping to
 * a mention on page 300), and a mention keeps its place when pdf.js re-renders a page.
 * pdf.js's own layer stays below it for find-in-document and is hidden from the pipeline.
 *
 * Built page by page, yielding to the browser every TASK_BUDGET_MS, so a 500-page report never blocks the reader.
 */

/** Laying out text stops for the browser after this long in one task (a page takes a few ms). */
const TASK_BUDGET_MS = 8;
/** Pages whose text is asked of pdf.js's worker ahead of the one being laid out, so the worker is never idle. */
const TEXT_PREFETCH_PAGES = 4;

interface TextLayersResult {
  pages: number;
  /** Characters of text found on all pages: 0 for a scanned PDF with no text layer. */
  characters: number;
}

/** Line ends drawn as `<br>` become spaces, and hyphenated words are joined (see page-text.ts). */
function fixLineEnds(layer: HTMLElement): void {
  for (const br of [...layer.querySelectorAll('br')]) {
    const before = br.previousSibling;
    const after = br.nextSibling;
    const beforeText = before?.firstChild instanceof Text ? before.firstChild : null;
    if (beforeText && after?.textContent && joinsHyphenated(beforeText.data, after.textContent)) {
      beforeText.data = softenFinalHyphen(beforeText.data);
      br.remove();
    } else {
      br.replaceWith(document.createTextNode(LINE_END));
    }
  }
}

export class DocumentTextLayers {
  readonly container: HTMLElement;
  private readonly layers: HTMLElement[] = [];
  private frame = 0;
  /** Kept so it lives as long as the layers: it moves them when the zoom changes. */
  private readonly resizeObserver = new ResizeObserver(() => this.schedulePlace());

  constructor(
    private readonly viewerContainer: HTMLElement,
    private readonly viewer: HTMLElement,
  ) {
    this.container = document.createElement('div');
    this.container.className = 'iom-lens-text-layers';
    viewerContainer.append(this.container);
    this.resizeObserver.observe(viewer);
  }

  /** Lays out every page's text, in page order; resolves when all pages are in. */
  async build(pdf: PDFDocumentProxy, signal: AbortSignal): Promise<TextLayersResult> {
    let characters = 0;
    const textOf = (pageNumber: number) =>
      pdf.getPage(pageNumber).then(async (page) => ({ page, textContent: await page.getTextContent() }));
    const pending = new Map<number, ReturnType<typeof textOf>>();
    /** Layers laid out in this task, appended together: one layout for their places, not one per page. */
    const batch: { layer: HTMLElement; pageNumber: number }[] = [];
    const flush = () => {
      for (const { layer, pageNumber } of batch) this.place(layer, pageNumber);
      this.container.append(...batch.map(({ layer }) => layer));
      batch.length = 0;
    };
    let taskStart = performance.now();
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      for (let ahead = pageNumber; ahead <= Math.min(pdf.numPages, pageNumber + TEXT_PREFETCH_PAGES); ahead++) {
        if (!pending.has(ahead)) pending.set(ahead, textOf(ahead));
      }
      const { page, textContent } = await pending.get(pageNumber)!;
      pending.delete(pageNumber);
      if (signal.aborted) break;
      for (const item of textContent.items) if ('str' in item) characters += item.str.trim().length;
      const layer = document.createElement('div');
      layer.className = 'textLayer iom-lens-text-layer';
      layer.dataset.page = String(pageNumber);
      layer.lang = textContent.lang ?? '';
      const textLayer = new TextLayer({ textContentSource: textContent, container: layer, viewport: page.getViewport({ scale: 1 }) });
      await textLayer.render();
      // Another document may have replaced this one meanwhile (clear() was called): drop the layer.
      if (signal.aborted) break;
      fixLineEnds(layer);
      this.layers.push(layer);
      batch.push({ layer, pageNumber });
      if (performance.now() - taskStart > TASK_BUDGET_MS) {
        flush();
        await nextTask(signal);
        taskStart = performance.now();
      }
    }
    if (!signal.aborted) flush();
    return { pages: this.layers.length, characters };
  }

  private pageDiv(pageNumber: number): HTMLElement | null {
    return this.viewer.querySelector<HTMLElement>(`.page[data-page-number="${pageNumber}"]`);
  }

  /** Puts a layer over its page's content box (pages move when the zoom changes). */
  private place(layer: HTMLElement, pageNumber: number): void {
    const page = this.pageDiv(pageNumber);
    if (!page) return;
    layer.style.top = `${page.offsetTop + page.clientTop}px`;
    layer.style.left = `${page.offsetLeft + page.clientLeft}px`;
  }

  private schedulePlace(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      // The layers' sizes follow pdf.js's zoom through its --scale-factor.
      this.container.style.setProperty('--scale-factor', getComputedStyle(this.viewer).getPropertyValue('--scale-factor'));
      this.layers.forEach((layer, i) => this.place(layer, i + 1));
    });
  }

  /** Call after the zoom changed. */
  update(): void {
    this.schedulePlace();
  }

  clear(): void {
    this.layers.length = 0;
    this.container.replaceChildren();
  }

}
