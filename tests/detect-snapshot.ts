/**
 * What tests/detect-snapshot.test.ts compares with a pinned detector's output: the mentions found in
 * every corpus text, read whole and read in chunks as the page pipeline once read a page (chunks with
 * the previous chunk's end as context and the entities found so far as knownEntityIds),
 * under each programme policy. Mentions are written as "start-end entityId kind #reason" with the
 * reasons listed once, to keep the fixture small.
 */
import type { Detector } from '../src/detect/index';
import type { DetectOptions, Mention, ProgrammePolicy } from '../src/detect/types';
import { allCorpusTexts } from './corpus-texts';

export interface DetectSnapshot {
  reasons: string[];
  /** Keyed "corpus file/text id" for whole texts, "corpus file@chunked/policy" for the pipeline's reading. */
  readings: Record<string, string[]>;
}

/**
 * A chunked reading as the page pipeline read pages when the readings were pinned (detect-step.ts
 * at 84ca787: chunks of at most 24,000 characters, 300 characters of the previous chunk before
 * each), written out so the pinned readings do not move when the pipeline changes how it reads:
 * they pin the detector, and the pipeline's own reading is checked against the whole page by
 * e2e/page-candidate-blocks.spec.ts and tests/page-detect-step.test.ts.
 */
const CHUNK_CHARS = 24_000;
const CHUNK_CONTEXT_CHARS = 300;
/** Between texts, as the pipeline joins blocks (text-model.ts BLOCK_SEPARATOR at 1b07e62), written out so the fixture does not depend on the pipeline's choice. */
const TEXT_SEPARATOR = '\n\u00b6\n';
const POLICIES: readonly ProgrammePolicy[] = ['as-iom-work', 'if-iom-mentioned', 'always', 'never'];

export function detectSnapshot(detector: Detector): DetectSnapshot {
  const reasons: string[] = [];
  const reasonIndex = new Map<string, number>();
  const write = (m: Mention, offset = 0): string => {
    let index = reasonIndex.get(m.reason);
    if (index === undefined) {
      index = reasons.push(m.reason) - 1;
      reasonIndex.set(m.reason, index);
    }
    return `${m.start + offset}-${m.end + offset} ${m.entityId} ${m.kind} #${index}`;
  };
  const readings: Record<string, string[]> = {};
  const texts = allCorpusTexts();
  for (const { name, id, text } of texts) {
    readings[`${name}/${id}`] = detector.detect(text).map((m) => {
      if (m.surface !== text.slice(m.start, m.end)) throw new Error(`surface of ${name}/${id} ${m.start} is not its text`);
      return write(m);
    });
  }
  for (const name of [...new Set(texts.map((t) => t.name))]) {
    const page = texts.filter((t) => t.name === name).map((t) => t.text).join(TEXT_SEPARATOR);
    for (const programmePolicy of POLICIES) {
      const found: string[] = [];
      const known: string[] = [];
      for (let start = 0; start < page.length; start += CHUNK_CHARS) {
        const from = Math.max(0, start - CHUNK_CONTEXT_CHARS);
        const options: DetectOptions = { programmePolicy, ...(known.length ? { knownEntityIds: [...known] } : {}) };
        for (const m of detector.detect(page.slice(from, start + CHUNK_CHARS), options)) {
          if (m.start < start - from) continue;
          found.push(write(m, from));
          if (!known.includes(m.entityId)) known.push(m.entityId);
        }
      }
      readings[`${name}@chunked/${programmePolicy}`] = found;
    }
    // The whole corpus in one call: longer than any buffer the detector keeps between calls.
    readings[`${name}@whole`] = detector.detect(page).map((m) => write(m));
  }
  return { reasons, readings };
}
