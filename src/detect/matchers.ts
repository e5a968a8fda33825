/** Compiled trie scans for forms and context cues, and the scanning loop with Unicode word boundaries. */
import type { Entity } from '../entities/types';
import { foldString } from './normalize';
import { phraseKey, triePattern } from './trie-regex';
import { CAMPAIGN_CUES, COLLISION_CUES, INTERGOVERNMENTAL_CUES, MIGRATION_CUES, type Cue } from './cues';
import { BRANDING_GUARDS, FORM_RULES } from './rules';
import { type Candidate, type CompiledForm, type CueEntry, type CueHit } from './model';
import { baseReason } from './reasons';
import { isWordCharacterBefore } from './word-boundary';

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** A trie regex and how to read its matches. */
export interface Scan<T> {
  /** Matches the lower-cased text (case-insensitive phrases) or the folded text as is. */
  lowerCase: boolean;
  /** Word boundary required before the match. */
  bounded: boolean;
  regex: RegExp;
  /** Same pattern with the i flag, for the rare text whose lower-casing changes its length. */
  fallback: RegExp | null;
  entries: Map<string, T[]>;
}

function addEntry<T>(map: Map<string, T[]>, key: string, entry: T, same: (a: T, b: T) => boolean): void {
  const list = map.get(key);
  if (!list) map.set(key, [entry]);
  else if (!list.some((existing) => same(existing, entry))) list.push(entry);
}

function buildScan<T>(
  items: { phrase: string; entry: T }[],
  options: { lowerCase: boolean; bounded: boolean; wordEnd: boolean },
  same: (a: T, b: T) => boolean,
): Scan<T> | null {
  if (items.length === 0) return null;
  const entries = new Map<string, T[]>();
  const phrases = items.map(({ phrase, entry }) => {
    const text = options.lowerCase ? phrase.toLowerCase() : phrase;
    addEntry(entries, phraseKey(text, options.lowerCase), entry, same);
    // Also under the phrase as written, for the fast path in runScan.
    addEntry(entries, text, entry, same);
    return text;
  });
  const pattern = triePattern(phrases, options.wordEnd);
  return {
    lowerCase: options.lowerCase,
    bounded: options.bounded,
    regex: new RegExp(pattern, 'gu'),
    fallback: options.lowerCase ? new RegExp(pattern, 'giu') : null,
    entries,
  };
}

/** Compiled matchers for one list of entities: forms and context cues, each as a few trie regexes. */
export class Matchers {
  readonly forms: Scan<CompiledForm>[];
  readonly cues: Scan<CueEntry>[];

  constructor(entities: readonly Entity[]) {
    const insensitive: { phrase: string; entry: CompiledForm }[] = [];
    const sensitive: { phrase: string; entry: CompiledForm }[] = [];
    const unspaced: { phrase: string; entry: CompiledForm }[] = [];
    for (const entity of entities) {
      for (const form of entity.forms) {
        const folded = foldString(form.text).trim();
        const entry: CompiledForm = {
          entity,
          form,
          rule: FORM_RULES[`${entity.id}|${form.text}`],
          brandingGuards: BRANDING_GUARDS[folded],
          baseReason: '',
        };
        entry.baseReason = baseReason(entry);
        if (UNSPACED_SCRIPT.test(folded)) unspaced.push({ phrase: folded, entry });
        else if (form.caseSensitive) {
          sensitive.push({ phrase: folded, entry });
          // Title-case names also appear in ALL-CAPS headings ("MIGRATION MEANS").
          const upper = folded.toUpperCase();
          if (form.type !== 'acronym' && upper !== folded) sensitive.push({ phrase: upper, entry });
        } else insensitive.push({ phrase: folded, entry });
      }
    }
    const sameForm = (a: CompiledForm, b: CompiledForm) => a.entity.id === b.entity.id && a.form.text === b.form.text;
    this.forms = [
      buildScan(insensitive, { lowerCase: true, bounded: true, wordEnd: true }, sameForm),
      buildScan(sensitive, { lowerCase: false, bounded: true, wordEnd: true }, sameForm),
      // Chinese has no spaces between words: no boundaries around its forms.
      buildScan(unspaced, { lowerCase: true, bounded: false, wordEnd: false }, sameForm),
    ].filter((scan): scan is Scan<CompiledForm> => scan !== null);

    const cueItems = { word: { ci: [], cs: [] }, prefix: { ci: [], cs: [] } } as Record<'word' | 'prefix', Record<'ci' | 'cs', { phrase: string; entry: CueEntry }[]>>;
    const addCues = (group: string, cues: readonly Cue[]) => {
      for (const cue of cues) {
        const entry: CueEntry = { id: `${group}:${cue.text}`, group, cue };
        cueItems[cue.prefix ? 'prefix' : 'word'][cue.caseSensitive ? 'cs' : 'ci'].push({ phrase: foldString(cue.text), entry });
      }
    };
    addCues('migration', MIGRATION_CUES);
    addCues('intergovernmental', INTERGOVERNMENTAL_CUES);
    addCues('campaign', CAMPAIGN_CUES);
    for (const [group, cues] of Object.entries(COLLISION_CUES)) addCues(group, cues);
    const sameCue = (a: CueEntry, b: CueEntry) => a.id === b.id;
    this.cues = [
      buildScan(cueItems.word.ci, { lowerCase: true, bounded: true, wordEnd: true }, sameCue),
      buildScan(cueItems.word.cs, { lowerCase: false, bounded: true, wordEnd: true }, sameCue),
      buildScan(cueItems.prefix.ci, { lowerCase: true, bounded: true, wordEnd: false }, sameCue),
      buildScan(cueItems.prefix.cs, { lowerCase: false, bounded: true, wordEnd: false }, sameCue),
    ].filter((scan): scan is Scan<CueEntry> => scan !== null);
  }
}

/** The folded text in the two cases the scans need. */
export interface ScanTexts {
  folded: string;
  /** Lower-cased folded text, or null when lower-casing would change its length. */
  lower: string | null;
}

/** Both texts the scans read, from the folded page text. */
export function scanTextsOf(folded: string): ScanTexts {
  const lower = folded.toLowerCase();
  return { folded, lower: lower.length === folded.length ? lower : null };
}

export function runScan<T>(scan: Scan<T>, texts: ScanTexts, onEntry: (start: number, end: number, entries: T[]) => void): void {
  const useFallback = scan.lowerCase && texts.lower === null;
  const text = scan.lowerCase && texts.lower !== null ? texts.lower : texts.folded;
  const regex = useFallback ? scan.fallback! : scan.regex;
  scanBounded(regex, text, scan.bounded, (start, matched) => {
    // Most matches are spelled exactly like a phrase: try the raw string before normalizing it.
    const entries = scan.entries.get(matched) ?? scan.entries.get(phraseKey(matched, scan.lowerCase));
    if (entries) onEntry(start, start + matched.length, entries);
  });
}

/**
 * Runs a trie regex and calls `onMatch` for each match that starts at a word boundary.
 * The left boundary is checked here rather than with a lookbehind in the pattern: a leading
 * lookbehind stops V8 from skipping ahead to possible first characters (≈7× slower scans).
 * A match rejected for its left edge resumes one character later, so no match is lost.
 */
function scanBounded(regex: RegExp, text: string, bounded: boolean, onMatch: (start: number, matched: string) => void): void {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    const start = match.index;
    const matched = match[0];
    if (bounded && start > 0 && isWordCharacterBefore(text, start) && !afterArabicProclitic(text, start, matched)) {
      regex.lastIndex = start + 1;
      continue;
    }
    onMatch(start, matched);
  }
}

/**
 * Arabic writes "and", "by", "as", "so" as one-letter prefixes on the next word
 * ("والمنظمة الدولية للهجرة" = "and the IOM"): a name starting with the article "ال" still
 * counts after such a prefix; the mention is the name without it.
 */
function afterArabicProclitic(text: string, start: number, matched: string): boolean {
  if (!matched.startsWith('\u0627\u0644')) return false;
  if (!'\u0648\u0641\u0628\u0643'.includes(text[start - 1])) return false;
  return start === 1 || !isWordCharacterBefore(text, start - 1);
}


/** Longest match wins; ties go to the earlier start. Sorts `candidates` in place (by start, then length descending). */
export function removeOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.fs - b.fs || b.fe - b.fs - (a.fe - a.fs));
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    const last = kept[kept.length - 1];
    if (last && candidate.fs < last.fe) {
      if (candidate.fe - candidate.fs > last.fe - last.fs) kept[kept.length - 1] = candidate;
      continue;
    }
    kept.push(candidate);
  }
  return kept;
}

/** Context words found in the text, minus those inside names ("Migration" in IOM's name is not context). */
export function scanCues(matchers: Matchers, texts: ScanTexts, candidates: Candidate[]): CueHit[] {
  const hits: CueHit[] = [];
  for (const scan of matchers.cues) {
    runScan(scan, texts, (at, end, entries) => {
      for (const entry of entries) hits.push({ at, end, entry });
    });
  }
  hits.sort((a, b) => a.at - b.at);
  const names = candidates.filter((c) => c.compiled.entity.kind !== 'programme');
  let n = 0;
  return hits.filter((hit) => {
    while (n < names.length && names[n].fe <= hit.at) n++;
    const name = names[n];
    return !(name && name.fs <= hit.at && hit.end <= name.fe);
  });
}

export function scanYears(text: string): { at: number; year: number }[] {
  const years: { at: number; year: number }[] = [];
  const regex = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) years.push({ at: match.index, year: Number(match[1]) });
  return years;
}
