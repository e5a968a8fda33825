/**
 * Mention detection: compiles the entity registry into a few trie-shaped regular
 * expressions once, then finds mentions in a whole page's text and accepts ambiguous
 * forms (IOM, OIM, ICEM, ICM, "Swing"…) only with evidence. Pure: no DOM, no browser APIs.
 * How it works and how to extend it: README.md in this folder.
 */
import type { Entity } from '../entities/types';
import { entities as registryEntities } from '../entities/registry';
import { DEFAULT_PROGRAMME_POLICY, type DetectOptions, type Mention } from './types';
import { FoldBuffers, foldText } from './normalize';
import type { Candidate, PageEvidence, Verdict } from './model';
import { Matchers, removeOverlaps, runScan, scanCues, scanTextsOf, scanYears } from './matchers';
import { findDefinitions } from './definitions';
import { brandingGuarded, genericLowercase, insideAddressOrSlug, insideOtherBodyName, judge, stageOf } from './evidence';
import { judgeProgramme } from './programmes';

export type { DetectOptions, Mention, ProgrammePolicy } from './types';
export { DEFAULT_PROGRAMME_POLICY } from './types';

export interface Detector {
  detect(text: string, options?: DetectOptions): Mention[];
}

/**
 * Matching only (fold + form scans, no evidence): what the benchmark compares with a
 * one-regex-per-form baseline. Returns the number of raw candidates.
 */
export function createFormScanner(entityList: readonly Entity[] = registryEntities): { scan(text: string): number } {
  const matchers = new Matchers(entityList);
  const foldBuffers = new FoldBuffers();
  return {
    scan(text: string): number {
      const texts = scanTextsOf(foldText(text, foldBuffers).text);
      let count = 0;
      for (const scan of matchers.forms) runScan(scan, texts, () => count++);
      return count;
    },
  };
}

/** `matchers`: built from `entityList` here, or precompiled at build time (precompiled.ts). */
export function createDetector(entityList: readonly Entity[] = registryEntities, matchers: Matchers = new Matchers(entityList)): Detector {
  // One call's folded text lives only during that call: its offset maps are reused by the next.
  const foldBuffers = new FoldBuffers();
  function detect(text: string, options: DetectOptions = {}): Mention[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const programmePolicy = options.programmePolicy ?? DEFAULT_PROGRAMME_POLICY;
    const folded = foldText(text, foldBuffers);
    const texts = scanTextsOf(folded.text);
    const raw: Candidate[] = [];
    for (const scan of matchers.forms) {
      runScan(scan, texts, (fs, fe, entries) => raw.push({ fs, fe, compiled: entries[0] }));
    }
    if (raw.length === 0) return [];
    // Text in web addresses, file names and slugs is never a mention, nor evidence for one.
    const candidates = removeOverlaps(raw).filter((candidate) => !insideAddressOrSlug(folded.text, candidate));
    if (candidates.length === 0) return [];

    const needsEvidence = candidates.some((c) => c.compiled.form.ambiguous);
    const page: PageEvidence = {
      text,
      folded,
      candidates,
      hits: needsEvidence ? scanCues(matchers, texts, candidates) : [],
      years: candidates.some((c) => c.compiled.rule?.rule === 'former-acronym') ? scanYears(folded.text) : [],
      namedUnambiguously: new Set(),
      definitions: new Map(),
      pageScores: new Map(),
    };
    for (const candidate of candidates) {
      if (!candidate.compiled.form.ambiguous && !brandingGuarded(page, candidate)) page.namedUnambiguously.add(candidate.compiled.entity.id);
    }
    for (const id of options.knownEntityIds ?? []) page.namedUnambiguously.add(id);
    if (needsEvidence) page.definitions = findDefinitions(page);

    // Decide in stages: plain names first, then forms whose evidence depends on them
    // (IOM's acronym on the Director General's name, surnames on full names, programmes on IOM).
    const accepted = new Map<Candidate, string>();
    const acceptedEntities = new Set<string>(options.knownEntityIds ?? []);
    const order = candidates.map((candidate, index) => ({ candidate, index, stage: stageOf(candidate) }));
    order.sort((a, b) => a.stage - b.stage || a.index - b.index);
    for (const { candidate } of order) {
      const { compiled } = candidate;
      let verdict: Verdict;
      if (compiled.entity.kind === 'programme') {
        if (programmePolicy === 'never') verdict = { accept: false, reason: 'Programme phrases are turned off' };
        else if (insideOtherBodyName(page, candidate)) verdict = { accept: false, reason: 'Part of the name of another forum or body' };
        else verdict = judgeProgramme(page, candidate, programmePolicy, accepted, acceptedEntities);
      } else if (brandingGuarded(page, candidate)) {
        verdict = { accept: false, reason: 'Names another UN body or agreement' };
      } else if (genericLowercase(page, candidate)) {
        verdict = { accept: false, reason: 'Lower-case phrase, not the name' };
      } else if (!compiled.form.ambiguous) {
        verdict = { accept: true, reason: compiled.baseReason };
      } else {
        verdict = judge(page, candidate, acceptedEntities);
      }
      if (verdict.accept) {
        accepted.set(candidate, verdict.reason);
        acceptedEntities.add(compiled.entity.id);
      }
    }

    const kinds = options.kinds;
    const mentions: Mention[] = [];
    for (const candidate of candidates) {
      const reason = accepted.get(candidate);
      if (reason === undefined) continue;
      const { entity } = candidate.compiled;
      if (kinds && !kinds.includes(entity.kind)) continue;
      const start = folded.sourceStart[candidate.fs];
      const end = folded.sourceEnd[candidate.fe - 1];
      mentions.push({ start, end, surface: text.slice(start, end), entityId: entity.id, kind: entity.kind, reason });
    }
    return mentions;
  }

  return { detect };
}
