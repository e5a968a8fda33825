/**
 * Builds the "with mentions" copy of a real page: IOM sentences spliced into its
 * paragraphs (just before a `</p>`), at paragraphs drawn with a fixed seed, so every run
 * and every machine measures the same page. Only paragraphs a reader sees are chosen: not
 * inside a closed `<details>` (Node's 800 changelog tables), `hidden`, `display: none`,
 * `<template>`, `<noscript>` or a closed `<dialog>`, whose text IOM Lens rightly never marks.
 * Pure string work, no I/O.
 */
import { Parser } from 'htmlparser2';

/** Each sentence holds exactly three mentions for the detector (checked by tests/bench-helpers.test.ts). */
export const MENTION_SENTENCES: readonly string[] = [
  'The International Organization for Migration published new figures, and IOM staff said the IOM office in Geneva would share them.',
  'L’Organisation internationale pour les migrations (OIM) a ouvert un bureau; l’OIM et ses partenaires ont publié un rapport.',
  'William Lacy Swing, Director General of the International Organization for Migration, said IOM would expand its work.',
  'Its predecessor ICEM, the Intergovernmental Committee for European Migration, moved migrants before IOM existed.',
  'La Organización Internacional para las Migraciones (OIM) abrió una oficina y la OIM publicó datos.',
  'António Vitorino, Director General of IOM, spoke for the International Organization for Migration in Geneva.',
];
export const MENTIONS_PER_SENTENCE = 3;

/** mulberry32: a small deterministic PRNG, so the spliced page is the same everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SpliceOptions {
  sentences?: readonly string[];
  /** How many sentences to insert (one per chosen paragraph). */
  count: number;
  seed: number;
}

const HIDING_ELEMENTS = new Set(['template', 'noscript', 'script', 'style', 'head']);

/** Does this element hide its content (all of it; a closed `<details>` all but its `<summary>`)? */
function hidesContent(name: string, attributes: Record<string, string>): boolean {
  if (HIDING_ELEMENTS.has(name) || 'hidden' in attributes || /display\s*:\s*none/i.test(attributes.style ?? '')) return true;
  return (name === 'details' || name === 'dialog') && !('open' in attributes);
}

/** Offsets of the written `</p>` tags of the paragraphs a reader sees. */
function visibleParagraphEnds(html: string): number[] {
  const ends: number[] = [];
  /** Per open element: is it hidden, and is it a closed <details> (whose <summary> shows)? */
  const stack: { hidden: boolean; closedDetails: boolean }[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      const parent = stack[stack.length - 1];
      const inherited = parent ? parent.hidden || (parent.closedDetails && name !== 'summary') : false;
      const closedDetails = name === 'details' && !('open' in attributes);
      stack.push({ hidden: inherited || (!closedDetails && hidesContent(name, attributes)), closedDetails });
    },
    onclosetag(name, isImplied) {
      const element = stack.pop();
      const at = parser.startIndex;
      if (name === 'p' && !isImplied && element && !element.hidden && html.slice(at, at + 3).toLowerCase() === '</p') ends.push(at);
    },
  });
  parser.end(html);
  return ends;
}

/** Inserts `count` sentences, each before the `</p>` of a distinct visible paragraph chosen with `seed`. */
export function spliceMentions(html: string, { sentences = MENTION_SENTENCES, count, seed }: SpliceOptions): string {
  const ends = visibleParagraphEnds(html);
  if (ends.length < count) throw new Error(`the page has ${ends.length} visible paragraphs, fewer than the ${count} sentences to insert`);
  // Partial Fisher–Yates: the first `count` slots become a seeded sample without repeats.
  const random = seededRandom(seed);
  const pool = [...ends];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const chosen = pool.slice(0, count).sort((a, b) => a - b);
  let out = '';
  let from = 0;
  chosen.forEach((at, i) => {
    out += `${html.slice(from, at)} ${sentences[i % sentences.length]}`;
    from = at;
  });
  return out + html.slice(from);
}
