/**
 * Mention detection: compiles the entity registry into a few trie-shaped regular
 * expressions once, then finds mentions in a whole page's text and accepts ambiguous
 * forms (IOM, OIM, ICEM, ICM, "Swing"…) only with evidence. Pure: no DOM, no browser APIs.
 */
import type { Entity, SurfaceForm } from '../entities/types';
import { entities as registryEntities } from '../entities/registry';
import type { DetectOptions, Mention } from './types';
import { foldString, foldText, type FoldedText } from './normalize';
import { phraseKey, triePattern } from './trie-regex';
import { CAMPAIGN_CUES, COLLISION_CUES, INTERGOVERNMENTAL_CUES, MIGRATION_CUES, type Cue } from './cues';
import { BRANDING_GUARDS, DEFAULT_RULE, FORM_RULES, PERSON_TITLES, SURNAME_FOLLOWERS, type FormRule } from './rules';

export type { DetectOptions, Mention, ProgrammePolicy } from './types';

export interface Detector {
  detect(text: string, options?: DetectOptions): Mention[];
}

/** How far (in folded characters, each side) context words count as "near" a mention. */
export const EVIDENCE_WINDOW_CHARS = 300;
/** How far a year may stand from a former acronym to count as evidence of its era. */
const ERA_WINDOW_CHARS = 400;
/** Years of slack around a former name's era ("ICEM's 1951 founding conference"). */
const ERA_SLACK_YEARS = 2;
/** Near-context weight that accepts an acronym on its own (e.g. "migrants", or "UN" + "Geneva"). */
const NEAR_CONTEXT_THRESHOLD = 2;
/** Near-context weight that suffices when the page has no counter-evidence at all. */
const WEAK_CONTEXT_THRESHOLD = 1;
/** An IOM form this close to an ambiguous full name ("William Swing, IOM's chief") supports it. */
const PERSON_IOM_WINDOW_CHARS = 60;
/** Page-wide weight of distinct migration words that lends an acronym weak support. */
const PAGE_CONTEXT_THRESHOLD = 6;
/** A campaign phrase counts when "campaign" (or hashtag, slogan…) is this close… */
const CAMPAIGN_CUE_WINDOW_CHARS = 40;
/** …and IOM is named on the page or an IOM acronym stands this close. */
const CAMPAIGN_IOM_WINDOW_CHARS = 80;

interface CompiledForm {
  entity: Entity;
  form: SurfaceForm;
  rule: FormRule | undefined;
  /** Words after this form that show it names something else ("UN Migration Compact"). */
  brandingGuards: readonly string[] | undefined;
  /** The reason shown for a plain match, computed once. */
  baseReason: string;
}

interface Candidate {
  /** Folded offsets. */
  fs: number;
  fe: number;
  compiled: CompiledForm;
}

interface CueEntry {
  id: string;
  group: string;
  cue: Cue;
}

interface CueHit {
  at: number;
  end: number;
  entry: CueEntry;
}

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', 'en-GB': 'British English', fr: 'French', es: 'Spanish', ar: 'Arabic', zh: 'Chinese',
  'zh-Hant': 'Chinese (traditional)', ru: 'Russian', de: 'German', it: 'Italian', pt: 'Portuguese',
};
const ACRONYM_STOPWORDS = new Set([
  'of', 'for', 'the', 'and', 'on', 'in', 'de', 'des', 'du', 'la', 'le', 'les', 'pour', 'para', 'las', 'los', 'del',
  'y', 'et', 'fur', 'per', 'di', 'da', 'do', 'das', 'dos', 'e', '&',
]);

function eraText(entity: Entity): string {
  if (!entity.era) return '';
  const { from, to } = entity.era;
  if (to === undefined) return `since ${from}`;
  return from === to ? `${from}` : `${from}–${to}`;
}

/** A trie regex and how to read its matches. */
interface Scan<T> {
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
class Matchers {
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
interface ScanTexts {
  folded: string;
  /** Lower-cased folded text, or null when lower-casing would change its length. */
  lower: string | null;
}

function runScan<T>(scan: Scan<T>, texts: ScanTexts, onEntry: (start: number, end: number, entries: T[]) => void): void {
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

function isWordCharacterBefore(text: string, index: number): boolean {
  const code = text.charCodeAt(index - 1);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
  // Astral letters: look at the whole surrogate pair.
  const from = code >= 0xdc00 && code <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return WORD_CHAR.test(text.slice(from, index));
}

/** Longest match wins; ties go to the earlier start. Input sorted by start, then length descending. */
function removeOverlaps(candidates: Candidate[]): Candidate[] {
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

const LOWER_OR_IDENT = /[\p{Ll}\p{N}_$]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** True when an acronym sits inside code or an address: `IOM.read()`, `cfg.IOM;`, `IOM::x`, `--IOM`, `IOM = 3`, `@IOM`. */
function looksLikeCode(text: string, fs: number, fe: number): boolean {
  const prev = text[fs - 1] ?? '';
  const prev2 = text[fs - 2] ?? '';
  const next = text[fe] ?? '';
  const next2 = text[fe + 1] ?? '';
  if (next === '(' || next === '[' || next === '{' || next === '=') return true;
  if (next === '.' && LOWER_OR_IDENT.test(next2)) return true;
  if (next === ':' && next2 === ':') return true;
  if (next === '-' && next2 === '>') return true;
  if (next === ' ' && next2 === '=' && text[fe + 2] !== '=') return true;
  // "@IOM" is a social-media handle (an account, not a mention), "user@IOM" an address.
  if (prev === '$' || prev === '@' || prev === '\\' || prev === '<') return true;
  if (prev === ':' && prev2 === ':') return true;
  if (prev === '-' && prev2 === '-') return true;
  if (prev === '.' && WORD_CHAR.test(prev2) && (next === '' || /[.;,)=]/.test(next))) return true;
  return false;
}

/** "IOM MIGRATION CONSULTANTS LIMITED", "ICM Costruzioni srl": a registered company's name, not the body. */
const COMPANY_AFTER =
  /^(?:[ &-]+[\p{Lu}\p{N}][\p{L}\p{N}'.&-]*){0,5}[ ,]+(?:Limited|LIMITED|Ltd|LTD|PLC|plc|LLC|Inc|INC|GmbH|GMBH|AG|S\.A\.|SA|S\.r\.l\.|Srl|srl|SRL|SARL|SAS|B\.V\.|BV|Pty|PTY)\.?(?![\p{L}\p{N}])/u;

function inCompanyName(text: string, fs: number, fe: number): boolean {
  return COMPANY_AFTER.test(text.slice(fe, fe + 80));
}

/** Words of a folded string, without punctuation, for acronym-definition checks. */
function definitionWords(segment: string): string[] {
  return segment
    .split(/[\s\-/]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu, ''))
    .filter((w) => w.length > 0);
}

/** Can `acronym` be spelled by the initials of `words` (stopwords may be skipped or used)? */
function initialsSpell(acronym: string, words: string[]): boolean {
  const letters = acronym.toLowerCase();
  const memo = new Map<string, boolean>();
  const go = (w: number, a: number): boolean => {
    if (a === letters.length) return w === words.length;
    if (w === words.length) return false;
    const key = `${w},${a}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const word = words[w].toLowerCase();
    let ok = word[0] === letters[a] && go(w + 1, a + 1);
    if (!ok && ACRONYM_STOPWORDS.has(word)) ok = go(w + 1, a);
    memo.set(key, ok);
    return ok;
  };
  return words.length > 0 && words[0][0]?.toLowerCase() === letters[0] && go(0, 0);
}

/** A long form written before "(ACR)" or inside "ACR (…)" that spells the acronym, if any. */
function findLongForm(acronym: string, words: string[], fromEnd: boolean): string | null {
  const maxWords = acronym.length + 4;
  for (let n = acronym.length - 1; n <= Math.min(maxWords, words.length); n++) {
    if (n <= 0) continue;
    const slice = fromEnd ? words.slice(words.length - n) : words.slice(0, n);
    if (initialsSpell(acronym, slice)) return slice.join(' ');
  }
  return null;
}

interface Definition {
  at: number;
  own: boolean;
  longForm: string;
}

interface PageEvidence {
  text: string;
  folded: FoldedText;
  candidates: Candidate[];
  hits: CueHit[];
  years: { at: number; year: number }[];
  /** Entity ids named on the page by an unambiguous form. */
  namedUnambiguously: Set<string>;
  definitions: Map<string, Definition[]>;
  /** Keyed by the (constant) group list. */
  pageScores: Map<readonly string[], ContextScore>;
}

/** Page-wide score of the given cue groups, computed once per page and group list. */
function pageScore(page: PageEvidence, groups: readonly string[]): ContextScore {
  const key = groups;
  let score = page.pageScores.get(key);
  if (!score) {
    score = scoreCues(page, groups, 0, page.folded.text.length);
    page.pageScores.set(key, score);
  }
  return score;
}

function lowerBound(hits: CueHit[], position: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid].at < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface ContextScore {
  weight: number;
  /** The first two distinct cues found, for the reason text (turned into words only when shown). */
  hits: CueHit[];
}

// Cue-group lists are constants (here and in FORM_RULES), so their sets are cached by identity.
const MIGRATION_GROUPS: readonly string[] = ['migration'];
const FORMER_NAME_GROUPS: readonly string[] = ['migration', 'intergovernmental'];
const CAMPAIGN_GROUPS: readonly string[] = ['campaign'];
const GROUP_SETS = new WeakMap<readonly string[], Set<string>>();

function groupSet(groups: readonly string[]): Set<string> {
  let set = GROUP_SETS.get(groups);
  if (!set) {
    set = new Set(groups);
    GROUP_SETS.set(groups, set);
  }
  return set;
}

/** Distinct cues of the given groups within [from, to), outside [skipFrom, skipTo). */
function scoreCues(page: PageEvidence, groups: readonly string[], from: number, to: number, skipFrom = -1, skipTo = -1): ContextScore {
  const wanted = groupSet(groups);
  const hits: CueHit[] = [];
  let seen: Set<string> | null = null;
  let weight = 0;
  for (let i = lowerBound(page.hits, Math.max(0, from)); i < page.hits.length && page.hits[i].at < to; i++) {
    const hit = page.hits[i];
    if (hit.at >= skipFrom && hit.end <= skipTo) continue;
    if (!wanted.has(hit.entry.group)) continue;
    seen ??= new Set();
    // Two cues that match the same word ("coastguard" / "coast guard") count once.
    if (seen.has(hit.entry.id) || seen.has(`@${hit.at}`)) continue;
    seen.add(hit.entry.id);
    seen.add(`@${hit.at}`);
    weight += hit.entry.cue.weight;
    if (hits.length < 2) hits.push(hit);
  }
  return { weight, hits };
}

/** The original word a cue hit sits in ("migrant" hit → "migrants"), for reasons. */
function surfaceWord(page: PageEvidence, hit: CueHit): string {
  let end = hit.end;
  const text = page.folded.text;
  while (end < text.length && end - hit.at < 40 && WORD_CHAR.test(text[end])) end++;
  const start = page.folded.sourceStart[hit.at];
  const sourceEnd = page.folded.sourceEnd[end - 1];
  const word = page.text.slice(start, sourceEnd);
  return hit.entry.cue.caseSensitive ? word : word.toLowerCase();
}

function joinLabels(page: PageEvidence, hits: CueHit[]): string {
  const labels = hits.map((hit) => (hit.entry.group === 'late-year' ? hit.entry.cue.text : surfaceWord(page, hit)));
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

interface Verdict {
  accept: boolean;
  reason: string;
}

function acronymReason({ entity, form }: CompiledForm): string {
  const languages = [...new Set(entity.forms.filter((f) => f.text === form.text).map((f) => LANGUAGE_NAMES[f.lang] ?? f.lang))];
  return languages.length === 1 && languages[0] === 'English' ? 'Acronym of IOM' : `${languages.join('/')} acronym of IOM`;
}

function baseReason(compiled: CompiledForm): string {
  const { entity, form } = compiled;
  const language = LANGUAGE_NAMES[form.lang] ?? form.lang;
  switch (entity.kind) {
    case 'org':
      if (form.type === 'acronym') return acronymReason(compiled);
      if (form.type === 'short-name') return `IOM's UN branding (${language})`;
      if (form.lang === 'en') return 'Name of IOM';
      if (form.lang === 'en-GB') return 'Name of IOM, British spelling';
      if (form.lang === 'fr' || form.lang === 'es') return `Official ${language} name of IOM`;
      return `IOM's name in ${language}`;
    case 'former-name':
      return `Former name of IOM, ${eraText(entity)}`;
    case 'programme':
      return `IOM programme area: ${entity.name}`;
    case 'campaign':
      return `IOM campaign: ${entity.name}`;
    case 'person':
      return entity.description.replace(/\.$/, '');
  }
}

/** Names of the collision groups behind a rejection (cheap: rejections are not shown to users). */
function counterGroups(hits: CueHit[]): string {
  return [...new Set(hits.map((hit) => hit.entry.group))].join(', ');
}

/** A pseudo cue hit so that a late year can be named in a reason like a context word. */
function lateYearHit(year: string, at: number): CueHit {
  return { at, end: at, entry: { id: `late-year:${year}`, group: 'late-year', cue: { text: year, weight: 3 } } };
}

/** Decide an ambiguous candidate. `acceptedEntities` holds the entities accepted in earlier stages. */
function judge(page: PageEvidence, candidate: Candidate, acceptedEntities: Set<string>): Verdict {
  const { compiled, fs, fe } = candidate;
  const rule = compiled.rule ?? DEFAULT_RULE;
  const base = compiled.baseReason;
  const text = page.folded.text;
  const near = (groups: readonly string[]) =>
    scoreCues(page, groups, fs - EVIDENCE_WINDOW_CHARS, fe + EVIDENCE_WINDOW_CHARS, fs, fe);
  const against = (extra = 0, extraLabel = '') => {
    const nearAgainst = near(rule.collisions);
    const pageAgainst = pageScore(page, rule.collisions);
    let hits = nearAgainst.hits.length ? nearAgainst.hits : pageAgainst.hits;
    if (extraLabel) hits = [lateYearHit(extraLabel, fe), ...hits].slice(0, 2);
    return { weight: nearAgainst.weight + pageAgainst.weight + extra, hits };
  };
  const reject = (why: string): Verdict => ({ accept: false, reason: why });
  const iomNamed = page.namedUnambiguously.has('iom');
  const iomAccepted = iomNamed || acceptedEntities.has('iom');
  const directorGeneralNamed = PERSON_IDS.some((id) => acceptedEntities.has(id));

  const nextWord = /^[ -]?(\p{L}+)/u.exec(text.slice(fe, fe + 40))?.[1]?.toLowerCase();
  if (nextWord && rule.vetoNext?.includes(nextWord)) return reject(`"${compiled.form.text} ${nextWord}" names something else`);

  if (compiled.form.type === 'acronym') {
    if (looksLikeCode(text, fs, fe)) return reject('Identifier in code');
    if (inCompanyName(text, fs, fe)) return reject('Part of a company name');
    const definition = governingDefinition(page, compiled.form.text, fs);
    if (definition && !definition.own) return reject(`Defined on this page as "${definition.longForm}"`);
    if (definition?.own) return { accept: true, reason: `${base}; defined on this page` };
  }

  switch (rule.rule) {
    case 'org-acronym':
    case 'context': {
      const context = near(MIGRATION_GROUPS);
      const counter = against();
      const campaignNamed = CAMPAIGN_IDS.some((id) => acceptedEntities.has(id));
      // A page full of migration words (several distinct ones) lends weak support to a far-off acronym.
      const pageWide = pageScore(page, MIGRATION_GROUPS).weight >= PAGE_CONTEXT_THRESHOLD ? 1 : 0;
      const strength = (iomNamed ? 4 : 0) + (directorGeneralNamed || campaignNamed ? 3 : 0) + Math.min(context.weight, 6) + pageWide;
      // Weak context (one humanitarian word) is enough only where nothing on the page points elsewhere.
      const needed = counter.weight === 0 ? WEAK_CONTEXT_THRESHOLD : NEAR_CONTEXT_THRESHOLD;
      if (strength < needed) return reject('No IOM name or migration context on the page');
      if (counter.weight >= strength) return reject(`Context points elsewhere (${counterGroups(counter.hits)})`);
      if (iomNamed) return { accept: true, reason: `${base}; page names the organization in full` };
      if (directorGeneralNamed) return { accept: true, reason: `${base}; page names IOM's Director General` };
      if (campaignNamed) return { accept: true, reason: `${base}; page names an IOM campaign` };
      if (context.hits.length) return { accept: true, reason: `${base}; text mentions ${joinLabels(page, context.hits)}` };
      return { accept: true, reason: `${base}; page is about migration` };
    }
    case 'former-acronym':
    case 'defined-only': {
      const entityId = compiled.entity.id;
      const fullName = page.namedUnambiguously.has(entityId);
      if (rule.rule === 'defined-only' && !fullName) return reject('Acronym of a former name, but the name is not on the page');
      const context = near(FORMER_NAME_GROUPS);
      const year = nearestYear(page, fs, fe);
      const eraNear = year !== null && inEra(compiled.entity, year) ? year : null;
      const lateYear = year !== null && compiled.entity.era?.to !== undefined && year > compiled.entity.era.to + ERA_SLACK_YEARS ? year : null;
      const familyNamed = iomAccepted || FORMER_IDS.some((id) => id !== entityId && (page.namedUnambiguously.has(id) || acceptedEntities.has(id)));
      const counter = against(lateYear !== null ? 3 : 0, lateYear !== null ? `${lateYear}` : '');
      const gate =
        fullName ||
        (familyNamed && (context.weight >= NEAR_CONTEXT_THRESHOLD || eraNear !== null)) ||
        (context.weight >= NEAR_CONTEXT_THRESHOLD && eraNear !== null) ||
        // ICEM's era (1950s-70s) predates the other ICEMs: a year of it alone will do, unopposed.
        (rule.eraAlone === true && eraNear !== null && counter.weight === 0);
      if (!gate) return reject('No evidence of the migration committee or its era');
      const strength = (fullName ? 5 : 0) + (familyNamed ? 2 : 0) + Math.min(context.weight, 6) + (eraNear !== null ? 2 : 0);
      if (counter.weight >= strength) return reject(`Context points elsewhere (${counterGroups(counter.hits)})`);
      const details: string[] = [];
      if (fullName) details.push('full name on the page');
      else if (familyNamed) details.push('page names IOM');
      if (eraNear !== null) details.push(`${eraNear} nearby`);
      if (context.hits.length && details.length < 2) details.push(`text mentions ${joinLabels(page, context.hits)}`);
      return { accept: true, reason: `${base}; ${details.join('; ')}` };
    }
    case 'person-name': {
      const context = near(MIGRATION_GROUPS);
      const counter = against();
      // "Amy Pope, IOM Director General": an IOM form right beside the name supports it.
      const iomBeside = hasIomCandidateWithin(page, fs - PERSON_IOM_WINDOW_CHARS, fe + PERSON_IOM_WINDOW_CHARS);
      const strength = (iomAccepted ? 4 : iomBeside ? 2 : 0) + Math.min(context.weight, 6);
      if (strength < NEAR_CONTEXT_THRESHOLD) return reject("No sign on the page that this is IOM's Director General");
      if (counter.weight >= strength) return reject(`Context points elsewhere (${counterGroups(counter.hits)})`);
      const why = iomAccepted ? 'page mentions IOM' : iomBeside ? 'named beside IOM' : `text mentions ${joinLabels(page, context.hits)}`;
      return { accept: true, reason: `${base}; ${why}` };
    }
    case 'person-surname': {
      const counter = near(rule.collisions);
      if (counter.weight > 0) return reject(`Context points elsewhere (${counterGroups(counter.hits)})`);
      const fullName = acceptedEntities.has(compiled.entity.id);
      if (titled(text, fs) && (fullName || iomAccepted)) return { accept: true, reason: `${base}; titled, on a page that mentions IOM` };
      if (!fullName) return reject('Surname alone, without the full name on the page');
      if (!usedAsName(page, fs, fe)) return reject('Surname not used as a name here');
      return { accept: true, reason: `${base}; full name given on the page` };
    }
    case 'campaign-phrase': {
      const iomClose = hasIomCandidateWithin(page, fs - CAMPAIGN_IOM_WINDOW_CHARS, fe + CAMPAIGN_IOM_WINDOW_CHARS);
      if (!iomAccepted && !iomClose) return reject('Campaign phrase on a page that does not mention IOM');
      const campaign = scoreCues(page, CAMPAIGN_GROUPS, fs - CAMPAIGN_CUE_WINDOW_CHARS, fe + CAMPAIGN_CUE_WINDOW_CHARS, fs, fe);
      const quoted = /["'«]/.test(text[fs - 1] ?? '') || /["'»]/.test(text[fe] ?? '');
      if (campaign.weight < 2 && !quoted) return reject('Phrase not presented as a campaign');
      return { accept: true, reason: `${base}; ${iomAccepted ? 'page mentions IOM' : 'named as a campaign next to IOM'}` };
    }
  }
}

/** Is any IOM form (accepted or not) within [from, to)? Candidates are sorted by start. */
function hasIomCandidateWithin(page: PageEvidence, from: number, to: number): boolean {
  const { candidates } = page;
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candidates[mid].fs < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < candidates.length && candidates[i].fs < to; i++) {
    if (candidates[i].compiled.entity.id === 'iom') return true;
  }
  return false;
}

const PERSON_IDS = ['person/william-lacy-swing', 'person/antonio-vitorino', 'person/amy-pope'];
const FORMER_IDS = ['picmme', 'icem', 'icm'];
const CAMPAIGN_IDS = ['campaign/migrants-contribute', 'campaign/migration-means'];
const TITLE_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${PERSON_TITLES.map((t) => t.replace(/[.]/g, '\\.').replace(/ /g, '[ -]')).join('|')}) $`, 'iu');

function titled(text: string, fs: number): boolean {
  return TITLE_BEFORE.test(text.slice(Math.max(0, fs - 25), fs));
}

function inEra(entity: Entity, year: number): boolean {
  if (!entity.era) return false;
  return year >= entity.era.from - ERA_SLACK_YEARS && year <= (entity.era.to ?? entity.era.from) + ERA_SLACK_YEARS;
}

/** The year written closest to [fs, fe) within ERA_WINDOW_CHARS, if any. Years are sorted by position. */
function nearestYear(page: PageEvidence, fs: number, fe: number): number | null {
  const { years } = page;
  let lo = 0;
  let hi = years.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (years[mid].at < fs) lo = mid + 1;
    else hi = mid;
  }
  // The closest year is the last one before fs or the first one at or after it.
  const before = lo > 0 ? years[lo - 1] : undefined;
  const after = years[lo];
  const beforeDistance = before ? fs - before.at : Infinity;
  const afterDistance = after ? Math.max(0, after.at - fe) : Infinity;
  const best = beforeDistance <= afterDistance ? before : after;
  const distance = Math.min(beforeDistance, afterDistance);
  return best && distance <= ERA_WINDOW_CHARS ? best.year : null;
}

/**
 * Is a bare surname used as the person's name here? "Swing said", "Pope's plan", "…,” said Pope."
 * or a sentence starting with it; not "the Pope", "Pope Francis" or "the singer Vitorino".
 */
function usedAsName(page: PageEvidence, fs: number, fe: number): boolean {
  const text = page.folded.text;
  const after = text.slice(fe, fe + 30);
  const before = text.slice(Math.max(0, fs - 30), fs);
  const previousWord = /(\p{L}+)[ ]?$/u.exec(before)?.[1]?.toLowerCase();
  if (/^'s(?![\p{L}])/u.test(after)) return previousWord === undefined || !ARTICLES.has(previousWord);
  if (/^(?:[,.;:)!?'"]|\s*$)/u.test(after)) {
    // Ends a clause: fine at the start of a sentence or after a speech verb ("said Pope.").
    return previousWord === undefined || /[.!?:"'(\n]\s*$/.test(before) || SPEECH_BEFORE.has(previousWord);
  }
  const nextWord = /^ (\p{L}+)/u.exec(after)?.[1];
  if (!nextWord) return false;
  if (previousWord !== undefined && ARTICLES.has(previousWord)) return false;
  if (SURNAME_FOLLOWERS.has(nextWord.toLowerCase())) return true;
  // Verb endings carry accents ("afirmó"), which folding removed: read the original word.
  const originalEnd = page.folded.sourceEnd[fe - 1];
  const originalNext = /^\s+(\p{L}+)/u.exec(page.text.slice(originalEnd, originalEnd + 40))?.[1];
  return originalNext !== undefined && VERB_LIKE.test(originalNext.normalize('NFC'));
}

/** A lower-case word that reads as a verb after a name: "emphasized", "calls", "afirmó", "afirmou". */
const VERB_LIKE = /^\p{Ll}{2,}(?:ed|es|s|ó|ou|ò)$/u;

const ARTICLES = new Set(['the', 'a', 'an', 'le', 'la', 'el', 'o', 'il', 'der', 'die']);
const SPEECH_BEFORE = new Set(['said', 'says', 'added', 'explained', 'noted', 'stressed', 'warned', 'told', 'asked', 'wrote', 'insisted', 'urged', 'dit', 'dijo', 'afirmo', 'disse', 'ha', 'to']);

/** The definition of `acronym` that governs position `at`: the last one before it, else the first after. */
function governingDefinition(page: PageEvidence, acronym: string, at: number): Definition | null {
  const list = page.definitions.get(acronym);
  if (!list || list.length === 0) return null;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].at <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : list[0];
}

const OWN_GAP_AFTER_ACRONYM = /^[ ,(:\-–—]*(?:(?:the|la|le|el|les|los|las|l'|die|der) ?)?$/i;
const OWN_GAP_BEFORE_ACRONYM = /^[ ,(:\-–—]*(?:(?:or|ou|o|aka|also known as|known as|dite?|llamad[oa]) ?)?[ ,(]*$/i;

function findDefinitions(page: PageEvidence): Map<string, Definition[]> {
  const text = page.folded.text;
  const definitions = new Map<string, Definition[]>();
  const { candidates } = page;
  const add = (acronym: string, definition: Definition) => {
    const list = definitions.get(acronym);
    if (list) list.push(definition);
    else definitions.set(acronym, [definition]);
  };
  const isName = (c: Candidate | undefined, entityId: string) => c !== undefined && c.compiled.entity.id === entityId && c.compiled.form.type !== 'acronym';
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i];
    if (candidate.compiled.form.type !== 'acronym') continue;
    const acronym = candidate.compiled.form.text;
    const { fs, fe } = candidate;
    const entityId = candidate.compiled.entity.id;
    const previous = candidates[i - 1];
    const next = candidates[i + 1];
    // Own: "Full Name (ACR)", "Full Name, or ACR", "ACR (Full Name)", "ACR, the Full Name".
    if (isName(previous, entityId) && fs - previous.fe <= 20 && OWN_GAP_BEFORE_ACRONYM.test(text.slice(previous.fe, fs))) {
      add(acronym, { at: fs, own: true, longForm: text.slice(previous.fs, previous.fe) });
      continue;
    }
    if (isName(next, entityId) && next.fs - fe <= 8 && OWN_GAP_AFTER_ACRONYM.test(text.slice(fe, next.fs))) {
      add(acronym, { at: fs, own: true, longForm: text.slice(next.fs, next.fe) });
      continue;
    }
    // Foreign: "Isle of Man (IOM)", "Institute of Medicine (IOM, 2005)", "… Medicine's (IOM's)".
    if (text[fs - 1] === '(' && /^(?:\)|,|;|'s\))/.test(text.slice(fe, fe + 3))) {
      const open = text[fs - 2] === ' ' ? fs - 2 : fs - 1;
      const before = text.slice(Math.max(0, open - 120), open).replace(/'s$/, '');
      const longForm = findLongForm(acronym, definitionWords(before), true);
      if (longForm) add(acronym, { at: fs, own: false, longForm });
      continue;
    }
    // Foreign: "OIM (Oracle Identity Manager)".
    const opening = text[fe] === ' ' && text[fe + 1] === '(' ? fe + 2 : text[fe] === '(' ? fe + 1 : -1;
    if (opening > 0) {
      const close = text.indexOf(')', opening);
      if (close < 0 || close - opening > 120) continue;
      const longForm = findLongForm(acronym, definitionWords(text.slice(opening, close)), false);
      if (longForm) add(acronym, { at: fs, own: false, longForm });
      continue;
    }
    // Foreign, in scraped headings and lists: "ICEM – International Council for Educational Media",
    // "Institute of Medicine – IOM", "ICM: International Congress of Mathematicians".
    const dashAfter = /^ ?[–—:-] /.exec(text.slice(fe, fe + 3));
    if (dashAfter) {
      const segment = text.slice(fe + dashAfter[0].length, fe + dashAfter[0].length + 120).split(/[.;,()\n|]/)[0];
      const longForm = findLongForm(acronym, definitionWords(segment), false);
      if (longForm) {
        add(acronym, { at: fs, own: false, longForm });
        continue;
      }
    }
    const dashBefore = / [–—-] ?$/.exec(text.slice(Math.max(0, fs - 3), fs));
    if (dashBefore) {
      const end = fs - dashBefore[0].length;
      const segment = text.slice(Math.max(0, end - 120), end).split(/[.;,()\n|]/).pop() ?? '';
      const longForm = findLongForm(acronym, definitionWords(segment), true);
      if (longForm) add(acronym, { at: fs, own: false, longForm });
    }
  }
  return definitions;
}

/** Context words found in the text, minus those inside names ("Migration" in IOM's name is not context). */
function scanCues(matchers: Matchers, texts: ScanTexts, candidates: Candidate[]): CueHit[] {
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

function scanYears(text: string): { at: number; year: number }[] {
  const years: { at: number; year: number }[] = [];
  const regex = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) years.push({ at: match.index, year: Number(match[1]) });
  return years;
}

function brandingGuarded(page: PageEvidence, candidate: Candidate): boolean {
  const guards = candidate.compiled.brandingGuards;
  if (!guards) return false;
  const nextWord = /^ (\p{L}+)/u.exec(page.folded.text.slice(candidate.fe, candidate.fe + 40))?.[1];
  return nextWord !== undefined && guards.includes(nextWord.toLowerCase());
}

/** "Global Forum on Migration and Development", "Journal of Migration and Health", "Office of Refugee Resettlement": another body's name. */
const OTHER_BODY_BEFORE =
  /(?:(?:forum|dialogue|network|committee|conference|commission|summit|council|convention|compact|declaration) on (?:international )?|(?:journal|institute|centre|center|department|ministry|office|school|faculty|chair) (?:of|for|on) (?:international )?)$/i;

function insideOtherBodyName(page: PageEvidence, candidate: Candidate): boolean {
  return OTHER_BODY_BEFORE.test(page.folded.text.slice(Math.max(0, candidate.fs - 40), candidate.fs));
}

function stageOf(candidate: Candidate): number {
  const { compiled } = candidate;
  if (compiled.entity.kind === 'programme') return 6;
  if (!compiled.form.ambiguous) return 0;
  switch ((compiled.rule ?? DEFAULT_RULE).rule) {
    case 'person-name':
      return 1;
    case 'campaign-phrase':
      return 2;
    case 'org-acronym':
    case 'context':
      return 3;
    case 'former-acronym':
    case 'defined-only':
      return 4;
    case 'person-surname':
      return 5;
  }
}

/**
 * "an international organization for migration studies": an English name written all in
 * lower case is a description, not the name (names are matched case-insensitively so that
 * ALL-CAPS headings still count).
 */
function genericLowercase(page: PageEvidence, candidate: Candidate): boolean {
  const { form, entity } = candidate.compiled;
  if (form.type !== 'name' || !form.lang.startsWith('en') || (entity.kind !== 'org' && entity.kind !== 'former-name')) return false;
  return !/\p{Lu}/u.test(page.folded.text.slice(candidate.fs, candidate.fe));
}

/**
 * Matching only (fold + form scans, no evidence): what the benchmark compares with a
 * one-regex-per-form baseline. Returns the number of raw candidates.
 */
export function createFormScanner(entityList: readonly Entity[] = registryEntities): { scan(text: string): number } {
  const matchers = new Matchers(entityList);
  return {
    scan(text: string): number {
      const folded = foldText(text).text;
      const lower = folded.toLowerCase();
      const texts: ScanTexts = { folded, lower: lower.length === folded.length ? lower : null };
      let count = 0;
      for (const scan of matchers.forms) runScan(scan, texts, () => count++);
      return count;
    },
  };
}

export function createDetector(entityList: readonly Entity[] = registryEntities): Detector {
  const matchers = new Matchers(entityList);

  function detect(text: string, options: DetectOptions = {}): Mention[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const programmePolicy = options.programmePolicy ?? 'if-iom-mentioned';
    const folded = foldText(text);
    const lower = folded.text.toLowerCase();
    const texts: ScanTexts = { folded: folded.text, lower: lower.length === folded.text.length ? lower : null };
    const raw: Candidate[] = [];
    for (const scan of matchers.forms) {
      runScan(scan, texts, (fs, fe, entries) => raw.push({ fs, fe, compiled: entries[0] }));
    }
    if (raw.length === 0) return [];
    const candidates = removeOverlaps(raw);

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
        const iomMentioned = acceptedEntities.has('iom') || FORMER_IDS.some((id) => acceptedEntities.has(id));
        if (programmePolicy === 'never') verdict = { accept: false, reason: 'Programme phrases are turned off' };
        else if (insideOtherBodyName(page, candidate)) verdict = { accept: false, reason: 'Part of the name of another forum or body' };
        else if (programmePolicy === 'always') verdict = { accept: true, reason: compiled.baseReason };
        else if (iomMentioned) verdict = { accept: true, reason: `${compiled.baseReason}; page mentions IOM` };
        else verdict = { accept: false, reason: 'Programme phrase on a page that does not mention IOM' };
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
