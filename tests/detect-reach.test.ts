/**
 * src/detect/reach.ts: the figures bound what the detector reads, and reading that much text
 * around each candidate gives the whole text's mentions. Text is cut as the page pipeline reads
 * it (candidate-blocks.ts): around each candidate (every form is one), CONTEXT_REACH_CHARS each side, the pieces joined with the block separator. Each case below puts
 * its evidence at the edge of one of the detector's windows, and fails with a context too short
 * for it; the corpora are compared whole.
 */
import { describe, expect, it } from 'vitest';
import { allCorpusTexts } from './corpus-texts';
import { createDetector } from '../src/detect/index';
import { foldString } from '../src/detect/normalize';
import { CAMPAIGN_CUES, COLLISION_CUES, INTERGOVERNMENTAL_CUES, MIGRATION_CUES } from '../src/detect/cues';
import { CONTEXT_REACH_CHARS, LEAN_REACH_CHARS, MATCH_MAX_CHARS, PROGRAMME_MATCH_MAX_CHARS } from '../src/detect/reach';
import { entities } from '../src/entities/registry';
import { prefilterSpec } from '../src/page/prefilter-source';
import { createPrefilter } from '../src/page/prefilter';
import { BLOCK_SEPARATOR } from '../src/page/text-model';

const detector = createDetector();
const spec = prefilterSpec(entities);
/** Every form: where a block is read again after a change. */
const anyFormPrefilter = createPrefilter(spec);

type Prefilter = typeof anyFormPrefilter;

const keys = (text: string): string[] => detector.detect(text).map((m) => `${m.start}:${m.surface}:${m.entityId}`);

/** Cut points fall between words, as node boundaries do: a window is widened to the white space beyond it. */
function widenToSpace(text: string, from: number, to: number): [number, number] {
  let a = Math.max(0, from);
  while (a > 0 && !/\s/.test(text[a - 1])) a--;
  let b = Math.min(text.length, to);
  while (b < text.length && !/\s/.test(text[b])) b++;
  return [a, b];
}

/**
 * The mentions found in the text read around `prefilter`'s candidates, `context` characters each
 * side of each candidate's start, as offsets in `text`. Less than the page pipeline reads: it counts
 * the context from the edges of the block that holds the candidate.
 */
function keysReadAround(text: string, prefilter: Prefilter, context: number): string[] {
  const windows: [number, number][] = [];
  for (const at of prefilter.candidates(text)) {
    const [from, to] = widenToSpace(text, at - context, at + context);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  let joined = '';
  const pieces: { joinedStart: number; from: number; to: number }[] = [];
  for (const [from, to] of windows) {
    if (joined) joined += BLOCK_SEPARATOR;
    pieces.push({ joinedStart: joined.length, from, to });
    joined += text.slice(from, to);
  }
  return detector.detect(joined).map((m) => {
    const piece = pieces.findLast((p) => p.joinedStart <= m.start)!;
    return `${m.start - piece.joinedStart + piece.from}:${m.surface}:${m.entityId}`;
  });
}

/** Sentences with no context word, no form, no year, no actor. */
function filler(chars: number): string {
  const sentence = 'The river runs past the old mill and the road goes on. ';
  return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars).replace(/\S*$/, '');
}

describe('reach.ts bounds the detector', () => {
  it('no form or context word matches more than MATCH_MAX_CHARS folded characters, no programme phrase more than PROGRAMME_MATCH_MAX_CHARS', () => {
    // In a trie a hyphen matches up to two characters ("- ").
    const matched = (text: string) => foldString(text).trim().length + (text.match(/-/g)?.length ?? 0);
    const forms = entities.flatMap((entity) => entity.forms.map((form) => ({ kind: entity.kind, length: matched(form.text) })));
    const cues = [...MIGRATION_CUES, ...INTERGOVERNMENTAL_CUES, ...CAMPAIGN_CUES, ...Object.values(COLLISION_CUES).flat()].map((cue) => matched(cue.text));
    expect(Math.max(...forms.map((f) => f.length), ...cues)).toBeLessThanOrEqual(MATCH_MAX_CHARS);
    expect(Math.max(...forms.filter((f) => f.kind === 'programme').map((f) => f.length))).toBeLessThanOrEqual(PROGRAMME_MATCH_MAX_CHARS);
  });

  const cases: { name: string; text: (gap: number) => string; inside: number; outside: number; expectInside: (found: string[]) => void }[] = [
    {
      name: 'a year of ICEM’s era ERA_WINDOW_CHARS (400) away',
      text: (gap) => `${filler(1_500)} In 1956 ${filler(gap)} ICEM ran the transports. ${filler(1_500)}`,
      inside: 390,
      outside: 420,
      expectInside: (found) => expect(found.some((k) => k.includes(':ICEM:'))).toBe(true),
    },
    {
      name: 'migration words EVIDENCE_WINDOW_CHARS (300) from IOM',
      text: (gap) => `${filler(1_500)} IOM sent a team. ${filler(gap)} Refugees and migrants arrived at the border. ${filler(1_500)}`,
      inside: 270,
      outside: 320,
      expectInside: (found) => expect(found.some((k) => k.includes(':IOM:'))).toBe(true),
    },
    {
      name: 'a programme phrase PARAGRAPH_REACH_CHARS (500) into a paragraph that opens with IOM (rule 9)',
      text: (gap) => `${filler(1_500)}\nIOM opened an office for migrants and refugees in Chisinau. ${filler(gap)} The labour migration programme also trains police.\n${filler(1_500)}`,
      inside: 420,
      outside: 460,
      expectInside: (found) => expect(found.some((k) => k.includes(':labour migration:'))).toBe(true),
    },
    {
      name: 'a heading that is a programme phrase HEADING_IOM_WINDOW_CHARS (400) before IOM (rule 8)',
      text: (gap) => `${filler(1_500)}\nLabour Migration\n${filler(gap)} IOM helps migrants and refugees find work.\n${filler(1_500)}`,
      inside: 370,
      outside: 430,
      expectInside: (found) => expect(found.some((k) => k.includes(':Labour Migration:'))).toBe(true),
    },
  ];

  for (const { name, text, inside, outside, expectInside } of cases) {
    it(`${name}: decides the mention, and is read with it`, () => {
      const near = text(inside);
      // The evidence decides: just outside its window the mention is decided otherwise.
      expectInside(keys(near));
      expect(keys(text(outside)).length).toBeLessThan(keys(near).length);
      expect(keysReadAround(near, anyFormPrefilter, CONTEXT_REACH_CHARS)).toEqual(keys(near));
    });
  }

  it('the comparison can fail: a context shorter than ERA_WINDOW_CHARS loses the year that decides ICEM', () => {
    const near = cases[0].text(cases[0].inside);
    expect(keysReadAround(near, anyFormPrefilter, 300)).not.toEqual(keys(near));
  });

  it('a form leaning on another is read with it: their contexts meet (LEAN_REACH_CHARS ≤ 2 × CONTEXT_REACH_CHARS)', () => {
    expect(LEAN_REACH_CHARS).toBeLessThanOrEqual(2 * CONTEXT_REACH_CHARS);
  });

  it('every corpus text: the text read around its candidates gives the whole text’s mentions', () => {
    const differ: string[] = [];
    for (const { name, id, text } of allCorpusTexts()) {
      const whole = keys(text);
      if (JSON.stringify(keysReadAround(text, anyFormPrefilter, CONTEXT_REACH_CHARS)) !== JSON.stringify(whole)) differ.push(`${name} ${id}`);
    }
    expect(differ).toEqual([]);
  });
});
