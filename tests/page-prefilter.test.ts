/**
 * The prefilter (src/page/prefilter.ts) must be a superset of the detector: every mention the
 * detector finds contains a prefilter candidate. Checked on every text of every corpus in
 * tests/corpus/, on every registry form spelled in the ways folding forgives (soft hyphens,
 * zero-width characters, accents, combining marks, line breaks, dashes, case), and character by
 * character for the anchors' letters. Data-driven: new forms and corpora are checked as they come.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../src/detect/index';
import { entities } from '../src/entities/registry';
import { foldString } from '../src/detect/normalize';
import { anchorsOf, detectorReadsAs, prefilterSpec } from '../src/page/prefilter-source';
import { createPrefilter } from '../src/page/prefilter';

const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));
const spec = prefilterSpec(entities);
const prefilter = createPrefilter(spec);
const detector = createDetector();

/** Mentions of `text` (all kinds, programme phrases always on) that hold no candidate. */
function missed(text: string): string[] {
  const candidates = prefilter.candidates(text);
  return detector
    .detect(text, { programmePolicy: 'always' })
    .filter((m) => !candidates.some((at) => at >= m.start && at < m.end))
    .map((m) => m.surface);
}

const corpusTexts = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith('.jsonl'))
  .flatMap((name) =>
    readFileSync(CORPUS_DIR + name, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => ({ name, ...(JSON.parse(line) as { id: string; text: string }) })),
  );

/** Spellings of a form that the detector reads as the form itself. */
function variants(text: string): string[] {
  const words = text.split(' ');
  const middle = (word: string, insert: string) => (word.length < 2 ? word : word.slice(0, word.length >> 1) + insert + word.slice(word.length >> 1));
  const accented = text.replace(/[aeiou]/, (v) => ({ a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' })[v]!);
  return [
    text,
    text.toUpperCase(),
    text.toLowerCase(),
    words.map((w) => middle(w, '\u00ad')).join(' '),
    words.map((w) => middle(w, '\u200b')).join(' '),
    words.map((w) => middle(w, '\u200d\u2060')).join(' '),
    accented,
    accented.normalize('NFD'),
    text.normalize('NFD'),
    words.join('\n        '),
    words.join('\u00a0'),
    words.join(' \u2013 '),
    words.join('-'),
    text.replace(/'/g, '\u2019').replace(/\u2019/g, '\u2018'),
  ];
}

describe('prefilter', () => {
  it('is built from the registry: a short expression with an anchor for every form', () => {
    expect(spec.pattern.length).toBeLessThan(2_000);
    expect(anchorsOf(entities).length).toBeGreaterThan(10);
    expect(prefilter.candidates('A page about the weather and the price of bread.')).toEqual([]);
    expect(prefilter.candidates('axiom, biome, decimal')).toEqual([]);
    expect(prefilter.candidates('said the IOM on Monday')).toEqual([9]);
  });

  it(`finds every mention the detector finds in every corpus text (${corpusTexts.length} texts)`, () => {
    expect(corpusTexts.length).toBeGreaterThan(300);
    const misses = corpusTexts.map((t) => ({ id: `${t.name}:${t.id}`, missed: missed(t.text) })).filter((t) => t.missed.length);
    expect(misses).toEqual([]);
  });

  it('finds every registry form in every spelling folding forgives', () => {
    const misses: string[] = [];
    for (const entity of entities) {
      for (const form of entity.forms) {
        for (const variant of variants(form.text)) {
          // Context that lets ambiguous forms through: the full name and migration words.
          const text = `The International Organization for Migration helps migrants and refugees. ${variant} said on Monday.`;
          const found = missed(text);
          if (found.length) misses.push(`${JSON.stringify(variant)}: ${found.join(', ')}`);
          const alone = missed(variant);
          if (alone.length) misses.push(`${JSON.stringify(variant)} alone: ${alone.join(', ')}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it("accepts, for every anchor letter, every character the detector reads as it (raw, or through a folded window)", () => {
    const raw = new RegExp(`^(?:${spec.trigger})$`);
    const problems: string[] = [];
    const foldedOf: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) foldedOf[cp] = cp >= 0xd800 && cp <= 0xdfff ? '' : foldString(String.fromCharCode(cp));
    for (const anchor of anchorsOf(entities)) {
      for (const ch of anchor.text) {
        const direct = new RegExp(`^${ch}$`, /^[A-Za-z]$/.test(ch) ? 'i' : 'iu');
        for (let cp = 0; cp <= 0xffff; cp++) {
          const x = String.fromCharCode(cp);
          const folded = foldedOf[cp];
          if (folded.length !== 1 || !detectorReadsAs(folded, ch, anchor.caseInsensitive)) continue;
          if (!(folded === x && direct.test(x)) && !raw.test(x)) problems.push(`${anchor.text}: U+${cp.toString(16)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
