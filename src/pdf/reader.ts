import { browser } from 'wxt/browser';
import { pdfjsLib } from './pdfjs';
import { EventBus, FindState, GenericL10n, PDFFindController, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { pageHostOf } from '../settings/model';
import { t, type MessageKey } from '../ui/i18n';
import type { ReaderPipeline } from './page-bridge';
import { hideFromPipeline } from './own-ui';
import type { HandlerStream } from './mime-handler';
import type { ContentRequest } from '../messaging/protocol';
import { readerRequestFor } from './reader-messaging';
import { pdfFileName, requestedPdfUrl } from './source';
import { DocumentTextLayers } from './text-layers';
import { installIdleFallback } from './idle-fallback';
import { nextTask } from './next-task';

/** pdf.js's TextLayerMode.ENABLE: its own text layer, used by find-in-document. */
const TEXT_LAYER_ENABLE = 1;
/** Zoom steps for the +/− buttons and Ctrl +/−. */
const ZOOM_STEP = 1.2;
const MIN_SCALE = 0.25;
const MAX_SCALE = 8;
/** pdf.js's 'auto' zoom (PDFViewer #setScale): the margins it leaves and its largest scale, and how many
 * rounds presetAutoScale takes to reach the very number pdf.js will compute (one or two in practice). */
const PDFJS_SCROLLBAR_PADDING = 40;
const PDFJS_VERTICAL_PADDING = 5;
const PDFJS_MAX_AUTO_SCALE = 1.25;
const AUTO_SCALE_ROUNDS = 4;
/** Print resolution: 150 dpi (pdf.js's scale 1 is 72 dpi in CSS pixels of 96 dpi). */
const PRINT_SCALE = 150 / 72;

/** User Timing entries for the e2e tests and the figures in the README. */
const PERF_FIRST_PAGE = 'iom-lens:pdf-first-page';
const PERF_TEXT_READY = 'iom-lens:pdf-text-ready';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function label(id: string, key: MessageKey, asText = false): void {
  const element = $(id);
  if (asText) element.textContent = t(key);
  else {
    element.setAttribute('aria-label', t(key));
    element.title = t(key);
  }
}

function errorDetail(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

class Reader {
  private readonly eventBus = new EventBus();
  private readonly linkService = new PDFLinkService({ eventBus: this.eventBus });
  private readonly findController = new PDFFindController({ eventBus: this.eventBus, linkService: this.linkService });
  private readonly viewer: PDFViewer;
  private readonly textLayers: DocumentTextLayers;
  private pdf: PDFDocumentProxy | null = null;
  private loadingTask: ReturnType<typeof pdfjsLib.getDocument> | null = null;
  private pipeline: ReaderPipeline | null = null;
  private pipelineStart: Promise<ReaderPipeline | null> | null = null;
  private loadAbort: AbortController | null = null;
  private fileName = 'document.pdf';
  private fallback: (() => void) | null = null;
  private firstPagePainted = false;
  /** The tab this reader shows: the popup's and the background's requests name it. */
  tabId: number | undefined;

  constructor() {
    const container = $('viewerContainer');
    const viewerDiv = $('viewer');
    this.viewer = new PDFViewer({
      container: container as HTMLDivElement,
      viewer: viewerDiv as HTMLDivElement,
      eventBus: this.eventBus,
      linkService: this.linkService,
      findController: this.findController,
      textLayerMode: TEXT_LAYER_ENABLE,
      // Given an L10n, the viewer no longer translates the DOM it builds with Fluent (without one it
      // does, through a MutationObserver: 42 ms of CPU in one task for a 500-page PDF, most of it
      // formatting "Page N" 500 times). The reader's strings are its own (labelPages); this one,
      // pdf.js's built-in English (no language given: no locale file is fetched), answers what pdf.js asks.
      l10n: new GenericL10n(undefined),
      // Turning plain-text URLs into links builds, on its first use, a table of every character
      // NFKC changes (a loop over 65,536 code points: 28 ms of CPU in the first page's text-layer task).
      // Links the PDF itself has still work; find-in-document builds that table on the first search.
      enableAutoLinking: false,
    });
    this.linkService.setViewer(this.viewer);
    this.textLayers = new DocumentTextLayers(container, viewerDiv);
    // pdf.js's own text layers (for find) would be read twice: the pipeline reads the reader's layers.
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof HTMLElement && node.classList.contains('textLayer')) hideFromPipeline(node);
        }
      }
    }).observe(viewerDiv, { childList: true, subtree: true });
    this.labelControls();
    this.bindControls();
    this.bindViewerEvents();
  }

  private labelControls(): void {
    document.title = t('pdfReaderTitle');
    label('sidebar-toggle', 'pdfSidebar');
    $('sidebar-toggle').textContent = '☰';
    label('prev-page', 'pdfPrevious');
    $('prev-page').textContent = '‹';
    label('next-page', 'pdfNext');
    $('next-page').textContent = '›';
    label('page-number', 'pdfPageNumber');
    label('zoom-in', 'pdfZoomIn');
    label('zoom-out', 'pdfZoomOut');
    label('zoom', 'pdfZoom');
    for (const option of document.querySelectorAll<HTMLOptionElement>('#zoom option[data-label]')) {
      option.textContent = t(option.dataset.label as MessageKey);
    }
    label('find-input', 'pdfFind');
    $<HTMLInputElement>('find-input').placeholder = t('pdfFind');
    label('find-previous', 'pdfFindPrevious');
    $('find-previous').textContent = '↑';
    label('find-next', 'pdfFindNext');
    $('find-next').textContent = '↓';
    label('open-file', 'pdfOpenFile', true);
    label('print', 'pdfPrint', true);
    label('download', 'pdfDownload', true);
    label('native-viewer', 'pdfNativeViewer', true);
    label('status-native', 'pdfNativeViewer', true);
    label('status-open', 'pdfOpenFile', true);
    label('outline-title', 'pdfOutline', true);
    label('password-label', 'pdfPasswordLabel', true);
    label('password-submit', 'pdfPasswordSubmit', true);
    label('drop-hint', 'pdfDropHere', true);
  }

  // ---- opening ----

  /** Opens what the reader was started for: the handler's stream, a ?url=, or asks for a file. */
  async start(stream: HandlerStream | undefined): Promise<void> {
    if (stream) {
      const { info, handler } = stream;
      this.tabId = info.tabId;
      this.fallback = () => void handler.abortAndFallbackToNativeHandler();
      await this.openUrl(info.streamUrl, info.originalUrl);
      return;
    }
    this.tabId = (await browser.tabs.getCurrent().catch(() => undefined))?.id;
    const requested = requestedPdfUrl(location.search);
    if (requested) {
      // Firefox: back to the browser's own viewer is the same URL, without the reader.
      this.fallback = () => location.replace(requested);
      await this.openUrl(requested, requested);
      return;
    }
    this.showStatus('pdfPickFile', [], { openFile: true });
  }

  private async openUrl(fetchUrl: string, originalUrl: string): Promise<void> {
    this.showStatus('pdfLoading');
    let bytes: Uint8Array;
    try {
      // The only read the reader makes: Chrome's stream URL (bytes it already downloaded), or in
      // Firefox the PDF URL the user chose to open here (PRIVACY.md, README "PDFs").
      const response = await fetch(fetchUrl);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      this.showStatus('pdfFetchFailed', [errorDetail(error)], { openFile: true, native: true });
      return;
    }
    await this.openBytes(bytes, pdfFileName(originalUrl), pageHostOf(originalUrl) ?? '');
  }

  async openFile(file: File): Promise<void> {
    this.fallback = null;
    await this.openBytes(new Uint8Array(await file.arrayBuffer()), file.name || 'document.pdf', '');
  }

  private async openBytes(bytes: Uint8Array, fileName: string, siteHost: string): Promise<void> {
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    this.fileName = fileName;
    $('native-viewer').hidden = !this.fallback;
    this.showStatus('pdfLoading');
    const task = pdfjsLib.getDocument({ data: bytes, enableXfa: false });
    task.onPassword = (updatePassword: (password: string) => void, reason: number) => this.askPassword(updatePassword, reason);
    let pdf: PDFDocumentProxy;
    try {
      pdf = await task.promise;
    } catch (error) {
      this.showStatus('pdfCorrupt', [errorDetail(error)], { openFile: true, native: true });
      return;
    }
    if (abort.signal.aborted) return;
    await this.loadingTask?.destroy();
    this.loadingTask = task;
    this.pdf = pdf;
    this.hideStatus();
    this.textLayers.clear();
    this.pipeline?.stop();
    this.pipeline = null;
    this.pipelineStart = null;
    // The first page is drawn before the pipeline starts: loading it and compiling the detector would delay it.
    // It starts in a task of its own: started in the task that drew the page (pdf.js's last drawing step and,
    // once a first page is drawn, its requests for every other page), the dynamic import (the module preload
    // links Vite's helper adds) made that task some 10 ms longer.
    this.eventBus.on(
      'pagerendered',
      () =>
        void nextTask(abort.signal)
          .then(() => this.startPipeline(siteHost, abort.signal))
          .catch((error: unknown) => {
            if (!abort.signal.aborted) console.warn('[IOM Lens] starting the page pipeline failed:', error);
          }),
      { once: true, signal: abort.signal },
    );
    const metadata = await pdf.getMetadata().catch(() => null);
    const title = (metadata?.info as { Title?: unknown } | undefined)?.Title;
    document.title = typeof title === 'string' && title.trim() ? title : fileName;
    const firstPage = await pdf.getPage(1).catch(() => null);
    // Another document may have been opened meanwhile.
    if (abort.signal.aborted) return;
    this.viewer.setDocument(pdf);
    if (firstPage) this.presetAutoScale(firstPage);
    this.linkService.setDocument(pdf, null);
    $('page-count').textContent = t('pdfPageCount', String(pdf.numPages));
    $<HTMLInputElement>('page-number').max = String(pdf.numPages);
    void this.buildOutline(pdf);
    this.eventBus.on(
      'pagesinit',
      async () => {
        try {
          // pdf.js has just built its last page views and started drawing page 1 in this task. Should
          // presetAutoScale have missed the scale 'auto' comes to, fitting is another pass over every view;
          // it and labelling 500 pages come in a task of their own.
          await nextTask(abort.signal);
          this.labelPages();
          this.viewer.currentScaleValue = 'auto';
          $('viewerContainer').focus({ preventScroll: true });
          const result = await this.textLayers.build(pdf, abort.signal);
          if (abort.signal.aborted) return;
          performance.mark(PERF_TEXT_READY, { detail: result });
          if (result.characters === 0) this.showStatus('pdfNoText');
          // Every page's text is in: read the document once more as a whole.
          (await this.startPipeline(siteHost, abort.signal))?.requestRescan();
        } catch (error) {
          if (!abort.signal.aborted) console.warn('[IOM Lens] reading the PDF text failed:', error);
        }
      },
      { once: true },
    );
  }

  /**
   * pdf.js builds a new document's page views at scale 1; the 'auto' zoom set once they exist is then
   * a second pass over every view (36 ms of CPU for 500 pages). Set beforehand to the very scale 'auto'
   * comes to, the views are built at it and 'auto' changes nothing (pdf.js's #isSameScale). `_currentScale`
   * is the field behind pdf.js's `currentScale`, whose setter would also scroll to a page not built yet.
   * Should a pdf.js update rename it, or the numbers differ, 'auto' still applies, with the extra pass.
   */
  private presetAutoScale(page: PDFPageProxy): void {
    const container = $('viewerContainer');
    let scale = 1;
    for (let round = 0; round < AUTO_SCALE_ROUNDS; round++) {
      // What pdf.js reads from the first page's view built at `scale`.
      const { width, height } = page.getViewport({ scale: scale * pdfjsLib.PixelsPerInch.PDF_TO_CSS_UNITS });
      const widthScale = ((container.clientWidth - PDFJS_SCROLLBAR_PADDING) / width) * scale;
      const heightScale = ((container.clientHeight - PDFJS_VERTICAL_PADDING) / height) * scale;
      const next = Math.min(PDFJS_MAX_AUTO_SCALE, width <= height ? widthScale : Math.min(heightScale, widthScale));
      if (next === scale) break;
      scale = next;
    }
    (this.viewer as unknown as { _currentScale: number })._currentScale = scale;
  }

  /** Names each page's landmark (pdf.js marks it role="region" and leaves its label to its Fluent strings). */
  private labelPages(): void {
    for (let index = 0; index < this.viewer.pagesCount; index++) {
      (this.viewer.getPageView(index) as { div: HTMLElement }).div.setAttribute('aria-label', t('pdfPageLandmark', String(index + 1)));
    }
  }

  /** Loads and starts the page pipeline once per document (null when another document replaced it meanwhile). */
  private startPipeline(siteHost: string, signal: AbortSignal): Promise<ReaderPipeline | null> {
    this.pipelineStart ??= import('./page-bridge').then(({ startPagePipeline }) => {
      if (signal.aborted) return null;
      this.pipeline = startPagePipeline(siteHost);
      return this.pipeline;
    });
    return this.pipelineStart;
  }

  private askPassword(updatePassword: (password: string) => void, reason: number): void {
    const wrong = reason === pdfjsLib.PasswordResponses.INCORRECT_PASSWORD;
    this.showStatus(wrong ? 'pdfPasswordWrong' : 'pdfPasswordNeeded', [], { native: true });
    const form = $<HTMLFormElement>('password-form');
    const input = $<HTMLInputElement>('password-input');
    form.hidden = false;
    input.value = '';
    input.focus();
    form.onsubmit = (event) => {
      event.preventDefault();
      form.hidden = true;
      this.showStatus('pdfLoading');
      updatePassword(input.value);
    };
  }

  private async buildOutline(pdf: PDFDocumentProxy): Promise<void> {
    const outline = await pdf.getOutline().catch(() => null);
    const toggle = $('sidebar-toggle');
    const sidebar = $('sidebar');
    const list = $('outline');
    list.replaceChildren();
    toggle.hidden = !outline?.length;
    sidebar.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    if (!outline?.length) return;
    type OutlineItem = (typeof outline)[number];
    const build = (items: OutlineItem[], into: HTMLElement) => {
      for (const item of items) {
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = item.title;
        button.addEventListener('click', () => {
          if (item.dest) void this.linkService.goToDestination(item.dest);
        });
        li.append(button);
        if (item.items?.length) {
          const sub = document.createElement('ul');
          build(item.items, sub);
          li.append(sub);
        }
        into.append(li);
      }
    };
    build(outline, list);
  }

  // ---- status ----

  private showStatus(key: MessageKey, substitutions: string[] = [], actions: { openFile?: boolean; native?: boolean } = {}): void {
    const status = $('status');
    status.hidden = false;
    status.dataset.message = key;
    $('status-text').textContent = t(key, substitutions);
    const native = Boolean(actions.native && this.fallback);
    $('status-actions').hidden = !actions.openFile && !native;
    $('status-open').hidden = !actions.openFile;
    $('status-native').hidden = !native;
    if (key !== 'pdfPasswordNeeded' && key !== 'pdfPasswordWrong') $('password-form').hidden = true;
  }

  private hideStatus(): void {
    $('status').hidden = true;
  }

  // ---- controls ----

  private setScale(scale: number): void {
    this.viewer.currentScale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
  }

  private find(findPrevious: boolean, again: boolean): void {
    const query = $<HTMLInputElement>('find-input').value;
    this.eventBus.dispatch('find', {
      source: this,
      type: again ? 'again' : '',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious,
      matchDiacritics: false,
    });
  }

  private bindControls(): void {
    $('prev-page').addEventListener('click', () => this.viewer.previousPage());
    $('next-page').addEventListener('click', () => this.viewer.nextPage());
    $<HTMLInputElement>('page-number').addEventListener('change', (event) => {
      const value = Number((event.target as HTMLInputElement).value);
      if (this.pdf && Number.isInteger(value) && value >= 1 && value <= this.pdf.numPages) this.viewer.currentPageNumber = value;
      else (event.target as HTMLInputElement).value = String(this.viewer.currentPageNumber);
    });
    $('zoom-in').addEventListener('click', () => this.setScale(this.viewer.currentScale * ZOOM_STEP));
    $('zoom-out').addEventListener('click', () => this.setScale(this.viewer.currentScale / ZOOM_STEP));
    $<HTMLSelectElement>('zoom').addEventListener('change', (event) => {
      this.viewer.currentScaleValue = (event.target as HTMLSelectElement).value;
    });
    const findInput = $<HTMLInputElement>('find-input');
    findInput.addEventListener('input', () => this.find(false, false));
    $<HTMLFormElement>('find-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.find(false, true);
    });
    $('find-previous').addEventListener('click', () => this.find(true, true));
    findInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.shiftKey) {
        event.preventDefault();
        this.find(true, true);
      } else if (event.key === 'Escape') {
        findInput.value = '';
        this.find(false, false);
        $('viewerContainer').focus({ preventScroll: true });
      }
    });
    const fileInput = $<HTMLInputElement>('file-input');
    const pick = () => fileInput.click();
    $('open-file').addEventListener('click', pick);
    $('status-open').addEventListener('click', pick);
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      if (file) void this.openFile(file);
      fileInput.value = '';
    });
    $('print').addEventListener('click', () => void this.print());
    $('download').addEventListener('click', () => void this.download());
    const native = () => this.fallback?.();
    $('native-viewer').addEventListener('click', native);
    $('status-native').addEventListener('click', native);
    $('sidebar-toggle').addEventListener('click', () => {
      const sidebar = $('sidebar');
      sidebar.hidden = !sidebar.hidden;
      $('sidebar-toggle').setAttribute('aria-expanded', String(!sidebar.hidden));
      document.body.classList.toggle('with-sidebar', !sidebar.hidden);
    });
    this.bindDrop();
    document.addEventListener('keydown', (event) => this.onKeydown(event));
  }

  private bindDrop(): void {
    const hint = $('drop-hint');
    const hasFile = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    document.addEventListener('dragover', (event) => {
      if (!hasFile(event)) return;
      event.preventDefault();
      hint.hidden = false;
    });
    document.addEventListener('dragleave', (event) => {
      if (event.relatedTarget === null) hint.hidden = true;
    });
    document.addEventListener('drop', (event) => {
      hint.hidden = true;
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      void this.openFile(file);
    });
  }

  private onKeydown(event: KeyboardEvent): void {
    const mod = event.ctrlKey || event.metaKey;
    const inField = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
    if (mod && !event.altKey) {
      const key = event.key.toLowerCase();
      const action: Record<string, () => void> = {
        f: () => $<HTMLInputElement>('find-input').select(),
        p: () => void this.print(),
        s: () => void this.download(),
        '=': () => this.setScale(this.viewer.currentScale * ZOOM_STEP),
        '+': () => this.setScale(this.viewer.currentScale * ZOOM_STEP),
        '-': () => this.setScale(this.viewer.currentScale / ZOOM_STEP),
        '0': () => (this.viewer.currentScaleValue = 'auto'),
      };
      if (action[key]) {
        event.preventDefault();
        action[key]();
      }
      return;
    }
    if (inField || event.altKey) return;
    switch (event.key) {
      case 'n':
      case 'j':
        this.viewer.nextPage();
        break;
      case 'p':
      case 'k':
        this.viewer.previousPage();
        break;
      case 'Home':
        if (this.pdf) this.viewer.currentPageNumber = 1;
        break;
      case 'End':
        if (this.pdf) this.viewer.currentPageNumber = this.pdf.numPages;
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private bindViewerEvents(): void {
    this.eventBus.on('pagechanging', ({ pageNumber }: { pageNumber: number }) => {
      $<HTMLInputElement>('page-number').value = String(pageNumber);
    });
    this.eventBus.on('scalechanging', ({ scale, presetValue }: { scale: number; presetValue?: string }) => {
      const select = $<HTMLSelectElement>('zoom');
      const custom = $<HTMLOptionElement>('zoom-custom');
      const preset = presetValue ?? String(scale);
      const match = [...select.options].find((option) => option.value === preset);
      custom.hidden = Boolean(match);
      if (match) select.value = preset;
      else {
        custom.textContent = `${Math.round(scale * 100)}%`;
        select.value = 'custom';
      }
      this.textLayers.update();
    });
    this.eventBus.on('pagerendered', () => {
      if (this.firstPagePainted) return;
      this.firstPagePainted = true;
      performance.mark(PERF_FIRST_PAGE);
    });
    this.eventBus.on(
      'updatefindmatchescount',
      ({ matchesCount }: { matchesCount: { current: number; total: number } }) => this.showFindCount(matchesCount),
    );
    this.eventBus.on(
      'updatefindcontrolstate',
      ({ state, matchesCount }: { state: number; matchesCount: { current: number; total: number } }) => {
        if (state === FindState.NOT_FOUND) $('find-status').textContent = t('pdfFindNotFound');
        else this.showFindCount(matchesCount);
      },
    );
  }

  private showFindCount({ current, total }: { current: number; total: number }): void {
    const query = $<HTMLInputElement>('find-input').value;
    $('find-status').textContent = query && total > 0 ? t('pdfFindCount', [String(current), String(total)]) : '';
  }

  // ---- print and download ----

  /** Saves the bytes the reader already has: no request. */
  private async download(): Promise<void> {
    if (!this.pdf) return;
    const data = await this.pdf.getData();
    const url = URL.createObjectURL(new Blob([data as BlobPart], { type: 'application/pdf' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = this.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  /** Draws every page as an image into the print-only container, then opens the print dialog. */
  private async print(): Promise<void> {
    const pdf = this.pdf;
    if (!pdf) return;
    const container = $('print-container');
    container.replaceChildren();
    const urls: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      this.showStatus('pdfPreparingPrint', [String(n), String(pdf.numPages)]);
      const page = await pdf.getPage(n);
      const viewport = page.getViewport({ scale: PRINT_SCALE });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve));
      if (!blob) continue;
      const url = URL.createObjectURL(blob);
      urls.push(url);
      const img = document.createElement('img');
      img.src = url;
      img.alt = '';
      container.append(img);
    }
    this.hideStatus();
    await Promise.all([...container.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
    window.addEventListener(
      'afterprint',
      () => {
        container.replaceChildren();
        urls.forEach((url) => URL.revokeObjectURL(url));
      },
      { once: true },
    );
    window.print();
  }

  handleMessage(request: ContentRequest): Promise<unknown> | undefined {
    return this.pipeline?.handleMessage(request);
  }
}

/** The reader page's entry: builds the reader and answers the popup's page:* messages for its tab. */
export async function startReader(stream: HandlerStream | undefined): Promise<void> {
  installIdleFallback(window);
  const reader = new Reader();
  browser.runtime.onMessage.addListener((message: unknown) => {
    const request = readerRequestFor(message, reader.tabId);
    return request ? reader.handleMessage(request) : undefined;
  });
  await reader.start(stream);
}
