import { describe, expect, it } from 'vitest';
import { median, pairedDifferences, percentile, summarize } from '../bench/lib/stats';
import { describeLongTask, longTaskOwners, ownerGroup, summariseLoad } from '../bench/lib/long-task-owners';
import type { TraceEvent } from '../bench/lib/trace-event';
import { MENTION_SENTENCES, MENTIONS_PER_SENTENCE, seededRandom, spliceMentions } from '../bench/lib/mentions-page';
import { createDetector } from '../src/detect/index';
import { htmlToText } from '../src/detect/html-text';

describe('bench statistics', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates percentiles between ranks', () => {
    const values = [10, 20, 30, 40, 50];
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 50)).toBe(30);
    expect(percentile(values, 95)).toBeCloseTo(48);
  });

  it('summarises and refuses empty or non-finite samples', () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, runs: 3 });
    expect(() => median([])).toThrow(/no samples/);
    expect(() => summarize([1, Number.NaN])).toThrow(/finite/);
    expect(() => percentile([1], 101)).toThrow(/0…100/);
  });
});

describe('paired differences', () => {
  it('subtracts each run of one configuration from the same run of the other', () => {
    expect(pairedDifferences([10, 20, 35], [4, 21, 5])).toEqual([6, -1, 30]);
    expect(() => pairedDifferences([1, 2], [1])).toThrow(/equal counts/);
  });
});

describe('who owns a long task', () => {
  const PID = 1;
  const TID = 7;
  const event = (name: string, ts: number, dur: number, extra: Partial<TraceEvent> = {}): TraceEvent => ({ name, cat: 'devtools.timeline', ph: 'X', ts, dur, pid: PID, tid: TID, ...extra });
  const pipeline = { data: { url: 'chrome-extension://abc/page-pipeline.js', functionName: 'scan' } };
  const trace: TraceEvent[] = [
    { name: 'thread_name', cat: '__metadata', ph: 'M', ts: 0, pid: PID, tid: TID, args: { name: 'CrRendererMain' } },
    // A short task first: not listed.
    event('RunTask', 0, 10_000, { cat: 'toplevel', tdur: 9_000 }),
    // 80 ms: 50 of the extension's script, of which 20 of GC under it, and 25 of Chrome's page-text capture.
    event('RunTask', 100_000, 80_000, { cat: 'toplevel', tdur: 45_000 }),
    event('FunctionCall', 100_000, 50_000, { args: pipeline }),
    event('MajorGC', 110_000, 20_000),
    event('ChromeRenderFrameObserver::CapturePageText', 152_000, 25_000),
    // 60 ms: GC outside any script.
    event('RunTask', 300_000, 60_000, { cat: 'toplevel', tdur: 58_000 }),
    event('MinorGC', 301_000, 55_000),
  ];

  it('groups each kind of work under its owner', () => {
    expect(ownerGroup('script · ext:page-pipeline.js')).toBe('extension script');
    expect(ownerGroup('GC · ext:content-scripts/content.js')).toBe('extension GC');
    expect(ownerGroup('GC · browser')).toBe('GC');
    expect(ownerGroup("Chrome's page-text capture · browser")).toBe("Chrome's page-text capture");
    expect(ownerGroup('layout · page')).toBe('rendering');
    expect(ownerGroup('script · page:app.js')).toBe('page script');
  });

  it('lists the tasks over the threshold, with wall and thread time, GC and the extension’s share', () => {
    const [first, second, ...rest] = longTaskOwners(trace, 50);
    expect(rest).toHaveLength(0);
    expect(first).toMatchObject({ atMs: 100, wallMs: 80, threadMs: 45, gcMs: 20, gcInExtensionMs: 20, extensionScriptMs: 30, capturePageTextMs: 25, owner: 'extension script' });
    expect(second).toMatchObject({ wallMs: 60, gcMs: 55, gcInExtensionMs: 0, extensionScriptMs: 0, owner: 'GC' });
    expect(describeLongTask(first)).toBe("80 ms (thread 45) → extension script: extension script 30, GC 20 (20 of it under the extension's script), Chrome's page-text capture 25");
  });

  it('summarises a load: counts by owner, how many are long by thread time, the longest by thread time first', () => {
    const summary = summariseLoad(longTaskOwners(trace, 50), 50);
    expect(summary).toMatch(/^2 over 50 ms \(extension script 1, GC 1\), 1 of them by thread time; longest by thread time: 60 ms \(thread 58\) → GC/);
    expect(summariseLoad([], 50)).toBe('no task over 50 ms');
    const quiet = { ts: 0, atMs: 0, wallMs: 70, threadMs: 2, gcMs: 0, gcInExtensionMs: 0, extensionScriptMs: 0, pageScriptMs: 0, capturePageTextMs: 0, owner: 'other' };
    expect(describeLongTask(quiet)).toBe('70 ms (thread 2) → other');
  });
});

describe('the mention-splicing page builder', () => {
  const page = `<html><head><title>t</title></head><body>${Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i} about streams.</p>`).join('\n')}</body></html>`;

  it('is deterministic for a seed and differs between seeds', () => {
    const a = spliceMentions(page, { count: 10, seed: 42 });
    expect(spliceMentions(page, { count: 10, seed: 42 })).toBe(a);
    expect(spliceMentions(page, { count: 10, seed: 43 })).not.toBe(a);
    expect(seededRandom(7)()).toBe(seededRandom(7)());
  });

  it('puts each sentence inside a distinct paragraph and keeps the rest of the page', () => {
    const out = spliceMentions(page, { count: 12, seed: 1 });
    const paragraphs = out.match(/<p>[^<]*<\/p>/g) ?? [];
    expect(paragraphs).toHaveLength(40);
    const withSentence = paragraphs.filter((p) => MENTION_SENTENCES.some((s) => p.includes(s)));
    expect(withSentence).toHaveLength(12);
    expect(out.replace(new RegExp(` (${MENTION_SENTENCES.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g'), '')).toBe(page);
  });

  it('chooses only paragraphs a reader sees: none in a closed <details>, hidden, display: none, <template> or <noscript>', () => {
    const hidden = ['<details><p>x</p></details>', '<div hidden><p>x</p></div>', '<p style="display: none">x</p>', '<template><p>x</p></template>', '<noscript><p>x</p></noscript>'];
    const visible = ['<p>v</p>', '<details open><p>v</p></details>', '<details><summary><p>v</p></summary><p>x</p></details>'];
    const mixed = `<html><body>${[...hidden, ...visible].join('\n')}</body></html>`;
    const out = spliceMentions(mixed, { count: 3, seed: 3 });
    for (const sentence of MENTION_SENTENCES.slice(0, 3)) expect(out).toContain(`v ${sentence}</p>`);
    expect(() => spliceMentions(mixed, { count: 4, seed: 3 })).toThrow(/3 visible paragraphs/);
  });

  it('refuses to insert more sentences than there are paragraphs', () => {
    expect(() => spliceMentions(page, { count: 41, seed: 1 })).toThrow(/40 visible paragraphs/);
  });

  it('inserts exactly three detector mentions per sentence', () => {
    const detector = createDetector();
    for (const sentence of MENTION_SENTENCES) expect(detector.detect(sentence)).toHaveLength(MENTIONS_PER_SENTENCE);
    const out = spliceMentions(page, { count: 18, seed: 5 });
    expect(detector.detect(htmlToText(out))).toHaveLength(18 * MENTIONS_PER_SENTENCE);
  });
});
