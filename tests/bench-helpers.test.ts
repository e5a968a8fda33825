import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from '../bench/lib/stats';
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
