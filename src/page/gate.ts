import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { EffectiveSettings } from '../settings/types';
import type { PageMentionsResponse } from '../messaging/protocol';
import { readContentRequest } from '../messaging/content-requests';
import { createPrefilter, type Prefilter, type PrefilterSpec } from './prefilter';
import type { PagePipeline, PageSession, PageTextHandoff } from './pipeline-handoff';
import { STOP_AFTER } from './stage-stop';

/**
 * What every page pays: the site's setting, then the prefilter over the page's text
 * (prefilter.ts). Only when it finds a candidate is the page pipeline (detector, scanner,
 * highlighter, card) loaded into the frame; until then a MutationObserver passes added and
 * changed text through the same prefilter, and nothing else runs: no detector, no
 * stylesheet, no walk, no idle tasks. A long text is read SLICE_CHARS at a time, one task
 * each, so no page (a 10 MB text/plain document, a 20 MiB page) makes the gate one long task.
 */

/**
 * Characters the prefilter reads per task: 2–5 ms here (it scans 50–130 characters a µs on
 * English or accented text), so even a phone ten times slower stays under the 50 ms of a long
 * task; pages shorter than this (nearly all) are read in one task, as before.
 */
const SLICE_CHARS = 262_144;
/** Between two texts passed together: a name never runs from one changed node into another. */
const TEXT_SEPARATOR = '\n\u00b6\n';

/** A changed text node longer than this is prefiltered only around the change, not whole (a 10 MB node edited a character at a time). */
const CHANGE_WINDOW_MIN_CHARS = 65_536;
/** Characters kept on each side of a change in a long text node: more than any form spans. */
const CHANGE_WINDOW_CHARS = 512;
/** Strings are compared this many characters at a time to find where a long text node changed. */
const COMPARE_BLOCK_CHARS = 16_384;

export interface GateDeps {
  prefilter: PrefilterSpec;
  getSettings(host: string): Promise<EffectiveSettings>;
  /** `current`: the value getSettings just gave, so the watcher need not read it again. */
  watchSettings(host: string, onChange: (settings: EffectiveSettings) => void, signal: AbortSignal, current: EffectiveSettings): void;
  /** Has the background inject the page pipeline into this frame; null when that failed. */
  loadPipeline(): Promise<PagePipeline | null>;
}

/** Counters for the benchmark and the tests, read with the `page:stats` message (never exposed to the page). */
export interface GateStats {
  prefilterRuns: number;
  prefilterMs: number;
  /** The longest single step of the prefilter (one task's share): SLICE_CHARS bounds it. */
  prefilterLongestMs: number;
  textLength: number;
  candidates: number;
  pipelineRequested: boolean;
  pipelineLoaded: boolean;
}

/** Asked when a request arrives, not on every page's start: most pages get none. */
function isTopFrame(): boolean {
  try {
    return window.top === window;
  } catch {
    return false;
  }
}

/** Offsets [start, end) of `now` where it differs from `before`, found a block at a time. */
export function changedSpan(before: string, now: string): [number, number] {
  let start = 0;
  const shorter = Math.min(before.length, now.length);
  while (start < shorter) {
    const size = Math.min(COMPARE_BLOCK_CHARS, shorter - start);
    if (before.substr(start, size) === now.substr(start, size)) start += size;
    else {
      while (before.charCodeAt(start) === now.charCodeAt(start)) start++;
      break;
    }
  }
  let end = now.length;
  let endBefore = before.length;
  while (end > start && endBefore > start) {
    const size = Math.min(COMPARE_BLOCK_CHARS, end - start, endBefore - start);
    if (before.substr(endBefore - size, size) === now.substr(end - size, size)) {
      end -= size;
      endBefore -= size;
    } else {
      while (end > start && endBefore > start && before.charCodeAt(endBefore - 1) === now.charCodeAt(end - 1)) {
        end--;
        endBefore--;
      }
      break;
    }
  }
  return [start, end];
}

export class PageGate {
  /** One prefilter per setting that changes what counts alone (see prefilter.ts wholePage), compiled when first needed. */
  private readonly prefilters = new Map<boolean, Prefilter>();
  private settings: EffectiveSettings | null = null;
  private session: PageSession | null = null;
  private loading = false;
  private observer: MutationObserver | null = null;
  /** The page's whole text is to be read (at start, and after a settings change). */
  private wholePageDue = false;
  /** Changed text waiting for the prefilter. */
  private readonly changed: string[] = [];
  /** The worker reading texts through the prefilter (run) is on. */
  private reading = false;
  /** Bumped by every settings change: a pass under older settings stops at its next slice. */
  private generation = 0;
  /** The whole page's text in which the gate found a candidate, while the pipeline loads (see pageCandidates). */
  private candidateText: string | null = null;
  /** Something in the document changed since the gate last read the whole page's text. */
  private changedSinceRead = false;
  readonly stats: GateStats = { prefilterRuns: 0, prefilterMs: 0, prefilterLongestMs: 0, textLength: 0, candidates: 0, pipelineRequested: false, pipelineLoaded: false };

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly deps: GateDeps,
  ) {}

  async start(): Promise<void> {
    // SVG and XML documents have no HTML body to mark or to host a card.
    if (document.documentElement?.namespaceURI !== 'http://www.w3.org/1999/xhtml') return;
    const host = location.host;
    try {
      this.settings = await this.deps.getSettings(host);
    } catch (error) {
      console.warn('[IOM Lens] could not read the settings; staying off on this page:', error);
      return;
    }
    if (this.ctx.isInvalid) return;
    this.deps.watchSettings(host, (next) => this.apply(next), this.ctx.signal, this.settings);
    this.ctx.onInvalidated(() => this.stopWatching());
    this.apply(this.settings);
  }

  private apply(next: EffectiveSettings): void {
    this.settings = next;
    this.generation++;
    // Once loaded, the pipeline follows the settings itself.
    if (this.session || this.loading) return;
    if (!next.enabled) {
      this.stopWatching();
      this.changed.length = 0;
      return;
    }
    // Watching starts before the read: what changes while a long page is read is read after it.
    this.watch();
    this.wholePageDue = true;
    this.changed.length = 0;
    void this.run();
  }

  /** Reads the page, then changed text, through the prefilter, one text at a time, until a candidate. */
  private async run(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      while (!this.session && !this.loading && this.settings?.enabled && !this.ctx.isInvalid) {
        let text: string;
        const wholePage = this.wholePageDue;
        if (this.wholePageDue) {
          this.wholePageDue = false;
          this.changed.length = 0;
          this.changedSinceRead = false;
          text = document.body?.textContent ?? '';
        } else if (this.changed.length) {
          text = this.changed.join(TEXT_SEPARATOR);
          this.changed.length = 0;
        } else return;
        if (await this.hasCandidate(text)) {
          // The page's text goes on to the pipeline while the document stays as it was read; the watcher now only says whether it did.
          if (this.observer?.takeRecords().length) this.changedSinceRead = true;
          this.changed.length = 0;
          if (wholePage && document.body && !this.changedSinceRead) this.candidateText = text;
          else this.stopWatching();
          if (STOP_AFTER !== 'gate') void this.load();
          return;
        }
      }
    } finally {
      this.reading = false;
    }
  }

  /**
   * The gate reads the whole page (and then only what changes while no candidate was found):
   * forms that count only with another form on the page are no candidates here, because that
   * other form is one. Programme phrases count alone only under the 'always' policy.
   */
  private prefilter(): Prefilter {
    const programmePhrasesCount = this.settings?.programmePolicy === 'always' && this.settings.kinds.programme;
    let prefilter = this.prefilters.get(programmePhrasesCount);
    if (!prefilter) {
      prefilter = createPrefilter(this.deps.prefilter, { wholePage: { programmePhrasesCount } });
      this.prefilters.set(programmePhrasesCount, prefilter);
    }
    return prefilter;
  }

  /** The prefilter over `text`, SLICE_CHARS per task; false as well when the settings changed meanwhile (run reads again). */
  private async hasCandidate(text: string): Promise<boolean> {
    const generation = this.generation;
    const pass = this.prefilter().pass(text, 1);
    for (;;) {
      const t0 = performance.now();
      const done = pass.step(SLICE_CHARS);
      const ms = performance.now() - t0;
      this.stats.prefilterMs += ms;
      this.stats.prefilterLongestMs = Math.max(this.stats.prefilterLongestMs, ms);
      if (done) break;
      if (!(await this.nextTask()) || generation !== this.generation) return false;
    }
    const found = pass.candidates().length > 0;
    this.stats.prefilterRuns++;
    this.stats.textLength += text.length;
    if (found) this.stats.candidates++;
    return found;
  }

  /**
   * While the pipeline loads: the anchor of every form in the text the gate read (stage 1 alone,
   * prefilter.ts anchorsOnly: an anchor finds its form's block as well as the form's start does,
   * and stage 2 was most of this pass), SLICE_CHARS per task, so candidate-blocks.ts routes them
   * instead of reading and prefiltering the page again. Null when the document changed meanwhile
   * (the pipeline then reads the page itself).
   */
  private async pageCandidates(text: string): Promise<PageTextHandoff | null> {
    const pass = createPrefilter(this.deps.prefilter, { anchorsOnly: true }).pass(text);
    for (;;) {
      if (this.changedSinceRead) return null;
      const t0 = performance.now();
      const done = pass.step(SLICE_CHARS);
      this.stats.prefilterMs += performance.now() - t0;
      if (done) break;
      // At the pipeline's priority: this is the start of its scan, not the gate's background reading.
      if (!(await this.nextTask('user-visible'))) return null;
    }
    return {
      length: text.length,
      candidates: pass.candidates(),
      unchanged: () => {
        if (!this.changedSinceRead && this.observer?.takeRecords().length) this.changedSinceRead = true;
        return !this.changedSinceRead && this.observer !== null;
      },
      release: () => this.stopWatching(),
    };
  }

  /** Gives the page the main thread until a later task; false when the content script was stopped meanwhile. */
  private async nextTask(priority: 'background' | 'user-visible' = 'background'): Promise<boolean> {
    const { signal } = this.ctx;
    try {
      const scheduler = (globalThis as { scheduler?: { postTask?(task: () => void, options: { priority: string; signal: AbortSignal }): Promise<void> } }).scheduler;
      if (scheduler?.postTask) await scheduler.postTask(() => undefined, { priority, signal });
      else await new Promise<void>((resolve) => this.ctx.setTimeout(resolve, 0));
    } catch {
      return false; // Aborted: the context was invalidated.
    }
    return !signal.aborted;
  }

  /** Until something could be a mention, changed text goes through the prefilter, and nothing else. */
  private watch(): void {
    if (this.observer) return;
    this.observer = new MutationObserver((records) => {
      this.changedSinceRead = true;
      // The pipeline is loading (or reading the page with the gate's offsets): a change only makes those stale.
      if (this.loading) return;
      const texts: string[] = [];
      for (const record of records) {
        if (record.type === 'characterData') {
          const data = (record.target as CharacterData).data;
          if (data.length < CHANGE_WINDOW_MIN_CHARS || record.oldValue === null) texts.push(data);
          else {
            const [start, end] = changedSpan(record.oldValue, data);
            texts.push(data.slice(Math.max(0, start - CHANGE_WINDOW_CHARS), end + CHANGE_WINDOW_CHARS));
          }
        } else for (const node of record.addedNodes) texts.push(node.textContent ?? '');
      }
      if (texts.length === 0) return;
      for (const text of texts) this.changed.push(text);
      void this.run();
    });
    this.observer.observe(document, { childList: true, characterData: true, characterDataOldValue: true, subtree: true });
  }

  private stopWatching(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.stats.pipelineRequested = true;
    const text = this.candidateText;
    this.candidateText = null;
    let pipeline: PagePipeline | null = null;
    let pageText: PageTextHandoff | null = null;
    try {
      [pipeline, pageText] = await Promise.all([this.deps.loadPipeline(), text === null || STOP_AFTER === 'pipeline' ? null : this.pageCandidates(text)]);
    } catch (error) {
      console.warn('[IOM Lens] could not load the page pipeline:', error);
    }
    if (!pageText) this.stopWatching();
    if (!pipeline || this.ctx.isInvalid || !this.settings) {
      this.stopWatching();
      return;
    }
    this.stats.pipelineLoaded = true;
    // Every form a candidate: the pipeline reads the page in parts, where entities may be known from other parts.
    this.session = pipeline.start(this.ctx, { prefilter: createPrefilter(this.deps.prefilter), pageText, settings: this.settings });
    // The pipeline follows the page from now on: the gate's own prefilters are never used again (their expressions are big).
    this.prefilters.clear();
  }

  /** Answers the popup and the background; only the top frame speaks for the tab. */
  handleMessage(raw: unknown): Promise<unknown> | undefined {
    if (!isTopFrame()) return undefined;
    // Only tabs.sendMessage reaches a content script, and only content requests are sent that way.
    const request = readContentRequest(raw, 'content script');
    if (!request) return undefined;
    if (request.type === 'page:stats') {
      const pipeline = this.session?.handleMessage(request) ?? Promise.resolve(null);
      return pipeline.then((stats) => ({ gate: { ...this.stats }, pipeline: stats }));
    }
    if (this.session) return this.session.handleMessage(request);
    switch (request.type) {
      case 'page:mentions':
        return Promise.resolve({ host: location.host, enabled: Boolean(this.settings?.enabled), groups: [] } satisfies PageMentionsResponse);
      case 'page:reveal':
      case 'page:jump':
        return Promise.resolve({ ok: false });
    }
  }
}
