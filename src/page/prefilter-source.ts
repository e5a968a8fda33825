/**
 * Builds the prefilter (see prefilter.ts) from the entity registry and the detector's own
 * folding rules (src/detect/normalize.ts), so it can never miss a form the detector
 * accepts. Runs at build time (wxt.config.ts inlines the result into the content script)
 * and in the unit tests; pure, no DOM.
 *
 * Two stages. Stage 1: every phrase the detector matches gets an anchor: one of its words
 * (a stem of it), a part the phrase cannot match without. The anchors become ONE regular
 * expression over the raw page text: a single pass of a short alternation, the cheapest
 * test a page can get (a trie of every form, with every folding variant, scans ~50× slower).
 * The detector matches folded text (accents and marks dropped, soft hyphens and
 * zero-width characters dropped, case ignored for names), so an anchor's letters can
 * hide behind characters that fold. Those "foldable" characters are found by a second,
 * one-class pass; a window of text around each is folded with the detector's own
 * foldText and searched with the anchor expression too.
 * Stage 2: an anchor is a word ("migra", "william", "swing"), and ordinary pages are full of
 * them. Around each anchor hit a window is folded with foldText and searched with the
 * detector's own phrase tries (src/detect/trie-regex.ts, the same phrases and case rules as
 * src/detect/matchers.ts): only a whole form is a candidate, with no word boundary required:
 * the gate reads textContent, which glues adjacent blocks together, and the pipeline does not
 * (see PHRASE_WORD_END).
 * Forms are grouped by the evidence the detector needs to accept them (phraseGroup): where
 * the text read is the whole page (the gate), a form that needs another form on the page
 * (programme phrases, campaign phrases, bare surnames, CIM) is no candidate on its own,
 * because that other form is a candidate itself.
 */
import type { Entity, SurfaceForm } from '../entities/types';
import { foldString } from '../detect/normalize';
import { FORM_RULES } from '../detect/rules';
import { triePattern } from '../detect/trie-regex';
import { SURNAME_TITLE_CHARS, groupsFor } from './prefilter';

/** Highest code point whose folding is enumerated: the registry's forms are all in the BMP. */
const LAST_CODE_POINT = 0xffff;
/** Stems this long are distinctive enough ("migra", "traffi", "humanit"), and short enough to match every inflection. */
const STEM_CHARS = 7;
/** Words this short are anchors only when a phrase has nothing longer ("IOM", "Pope"). */
const MIN_ANCHOR_CHARS = 4;
/** A stem every migration name shares; preferred over the phrase's longest word, which is often "International". */
const PREFERRED_STEMS = ['migra', 'migr', 'мигра', 'لهجرة', '移民'];

const WORD = /[\p{L}\p{N}#]+/gu;

interface FoldTable {
  /** Folded character → every BMP character that folds to exactly it. */
  foldsTo: Map<string, number[]>;
}

let table: FoldTable | null = null;

function foldTable(): FoldTable {
  if (table) return table;
  const foldsTo = new Map<string, number[]>();
  for (let cp = 0; cp <= LAST_CODE_POINT; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const folded = foldString(String.fromCharCode(cp));
    const list = foldsTo.get(folded);
    if (list) list.push(cp);
    else foldsTo.set(folded, [cp]);
  }
  table = { foldsTo };
  return table;
}

/** The phrases the detector matches for one form, folded as it folds them (see src/detect/matchers.ts). */
function detectorPhrases(form: Entity['forms'][number]): { phrase: string; caseInsensitive: boolean }[] {
  const folded = foldString(form.text).trim();
  if (!form.caseSensitive) return [{ phrase: folded.toLowerCase(), caseInsensitive: true }];
  const upper = folded.toUpperCase();
  return upper === folded ? [{ phrase: folded, caseInsensitive: false }] : [{ phrase: folded, caseInsensitive: false }, { phrase: upper, caseInsensitive: false }];
}

export interface Anchor {
  text: string;
  caseInsensitive: boolean;
}

/** The part of a folded phrase that every match of it contains. */
function anchorOf(phrase: string, caseInsensitive: boolean): Anchor {
  const lower = phrase.toLowerCase();
  for (const stem of PREFERRED_STEMS) {
    const at = lower.indexOf(stem);
    if (at >= 0) return { text: caseInsensitive ? stem : phrase.slice(at, at + stem.length), caseInsensitive };
  }
  const longestOf = (parts: string[]) => parts.reduce((a, b) => (b.length > a.length ? b : a));
  let longest = longestOf(phrase.match(WORD) ?? [phrase]);
  // Dotted acronyms ("C.I.M.E.") have only one-letter words: the whole dotted token is the anchor.
  if (longest.length < 2) longest = longestOf(phrase.match(/\S+/g) ?? [phrase]);
  // Case-sensitive short words ("IOM", "Swing") stay whole; names are cut to a stem.
  const text = longest.length >= MIN_ANCHOR_CHARS || !caseInsensitive ? longest.slice(0, STEM_CHARS) : longest;
  return { text, caseInsensitive };
}

/**
 * What the detector needs, besides the form itself, to accept a form (src/detect/index.ts,
 * evidence.ts, programmes.ts, definitions.ts):
 * - 'name': nothing outside the form's own neighbourhood (unambiguous names; acronyms and
 *   full names of people that migration words near them can establish);
 * - 'programme': a programme phrase; under the 'as-iom-work' and 'if-iom-mentioned' policies
 *   only an accepted IOM or former name makes it count, under 'never' nothing does;
 * - 'needs-name': a campaign phrase needs a form of IOM on the page or beside it; CIM, C.I.M.
 *   the full former name on the page (or a definition by it);
 * - 'surname': "Swing", "Pope", "Vitorino" need the person's full name or a form of IOM on
 *   the page, or "IOM chief" / "head of the IOM" written right before them (matched there
 *   in any case, see SURNAME_TITLE_CHARS).
 */
export type PhraseGroup = 'name' | 'programme' | 'needs-name' | 'surname';

export function phraseGroup(entity: Entity, form: SurfaceForm): PhraseGroup {
  if (entity.kind === 'programme') return 'programme';
  if (!form.ambiguous) return 'name';
  switch (FORM_RULES[`${entity.id}|${form.text}`]?.rule) {
    case 'person-surname':
      return 'surname';
    case 'campaign-phrase':
    case 'defined-only':
      return 'needs-name';
    default:
      return 'name';
  }
}

/** The anchors of every phrase (of the given groups), without those another anchor already covers. */
export function anchorsOf(entityList: readonly Entity[], groups?: readonly PhraseGroup[]): Anchor[] {
  const all = new Map<string, Anchor>();
  for (const entity of entityList) {
    for (const form of entity.forms) {
      if (groups && !groups.includes(phraseGroup(entity, form))) continue;
      for (const { phrase, caseInsensitive } of detectorPhrases(form)) {
        const anchor = anchorOf(phrase, caseInsensitive);
        all.set(`${anchor.caseInsensitive ? 'i' : 's'}${anchor.text}`, anchor);
      }
    }
  }
  const list = [...all.values()];
  const covers = (a: Anchor, b: Anchor) =>
    a !== b && (a.caseInsensitive ? b.text.toLowerCase().includes(a.text) : !b.caseInsensitive && b.text.includes(a.text));
  return list.filter((anchor) => !list.some((other) => covers(other, anchor))).sort((a, b) => (a.text < b.text ? -1 : 1));
}

/** Stage 1: where a form could start. */
export interface AnchorSpec {
  /** Alternation of the case-insensitive Latin anchors, for the raw text (flags `gi`). */
  pattern: string;
  /**
   * Alternation of the case-sensitive Latin anchors ("IOM", "OIM"), for the raw text as written
   * (flag `g`; empty when there are none). Apart from `pattern`, so that the raw scan neither tries
   * them in every case nor stops at the "iom" of every "axiom" to drop it: two short expressions
   * read a page of English about 1.7× faster than their alternation with the i flag.
   */
  caseSensitivePattern: string;
  /** Alternation of every anchor, case-insensitive ones first, for folded windows (flags `giu`). */
  windowPattern: string;
  /** The case-sensitive anchors, as written. */
  caseSensitive: string[];
  /**
   * Source of a character class (flag `g`): characters that fold into an anchor's letter or to
   * nothing, plus the letters of anchors in other scripts; none of them ASCII. Around each, a window is folded
   * and searched with `windowPattern` (flags `giu`).
   */
  trigger: string;
  /**
   * Source of the character class the raw scan finds trigger candidates with (flags `gi`, beside
   * `pattern`): every non-ASCII character but the punctuation and symbols pages are full of that are
   * no triggers (SCAN_SKIPPED_BLOCKS). Each character it finds is tested against `trigger`.
   */
  scanClass: string;
  /** Characters on each side of a trigger that its window holds: the longest anchor. */
  windowChars: number;
  /**
   * For a Latin anchor that ends no phrase (case-insensitive ones in lower case): what can follow
   * it in the raw text of a match (anchorContinuations). An anchor that ends a phrase has no
   * entry: anything may follow it. Only in the anchors of every form, the ones stage 1 alone reads.
   */
  continuations?: Record<string, Continuation>;
}

/** The ASCII characters that can follow an anchor in a match (anything else always may). */
interface Continuation {
  /** Right after the anchor. */
  next: string;
  /** After a run of white space and hyphens right after it; absent when a phrase may end there. */
  afterSeparators?: string;
}

/**
 * Blocks whose non-trigger characters the raw scan skips: Latin-1's punctuation and symbols (no-break
 * space, "¶", "»", "°") and General Punctuation to the Miscellaneous Technical and Arrows blocks
 * (curly quotes, dashes, "…", "→", box drawing). Texinfo's bashref.html has 2,900 of them, each one a
 * match of the scan (a call into the expression and back) that the trigger test then dropped.
 */
const SCAN_SKIPPED_BLOCKS: [number, number][] = [
  [0x0080, 0x00bf],
  [0x2000, 0x2bff],
];

/** Gaps this small between trigger characters are closed: a shorter class (a faster scan), a few more windows. */
const TRIGGER_MERGE_GAP = 64;
/**
 * Below this, gaps are never closed: Latin-1 and Latin Extended hold the punctuation and symbols
 * that pages of English are full of (Sphinx's "¶" after every heading, "·", "»", "°", "±", "×"),
 * and a trigger folds a window around it. Above it, text rarely leaves a script whose letters are
 * triggers anyway.
 */
const TRIGGER_MERGE_FROM = 0x0250;

/** Anchors the raw-text expression can search directly: ASCII letters, and the dots of dotted acronyms. */
const LATIN = /^[A-Za-z][A-Za-z.]*$/;

function hex(cp: number): string {
  return `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** A character class (without the u flag: astral characters by their high surrogate) over the given code points. */
function bmpClassOf(codePoints: Iterable<number>, mergeGap: number): string {
  const units = new Set<number>();
  for (const cp of codePoints) units.add(cp > 0xffff ? String.fromCodePoint(cp).charCodeAt(0) : cp);
  const sorted = [...units].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    // Merging never crosses into ASCII ("I" must not let every letter in), nor into Latin-1's punctuation (TRIGGER_MERGE_FROM).
    while (j + 1 < sorted.length && sorted[j + 1] - sorted[j] <= (sorted[j] < TRIGGER_MERGE_FROM ? 1 : mergeGap)) j++;
    out += j === i ? hex(sorted[i]) : `${hex(sorted[i])}-${hex(sorted[j])}`;
    i = j + 1;
  }
  return `[${out}]`;
}

const ignoringCase = new Map<string, RegExp>();

/** Whether the detector could read the unfolded character `x` as the anchor letter `ch`. */
export function detectorReadsAs(x: string, ch: string, caseInsensitive: boolean): boolean {
  if (x === ch) return true;
  if (!caseInsensitive) return false;
  if (x.toLowerCase() === ch.toLowerCase()) return true;
  // The detector's fallback for text whose lower-casing changes its length: the i flag with Unicode case folding.
  let same = ignoringCase.get(ch);
  if (!same) {
    same = new RegExp(`^[${ch.replace(/[\\\]^-]/g, '\\$&')}]$`, 'iu');
    ignoringCase.set(ch, same);
  }
  return same.test(x);
}

/** Stage 2: one of the detector's phrase tries, for the phrases of one group (or of all: 'any'). */
interface PhraseScanSpec {
  group: PhraseGroup | 'any';
  /** Trie pattern source (flags `gu`; `giu` for the fallback of a lower-case scan). */
  source: string;
  /** Matched against the lower-cased folded window (case-insensitive forms), else the folded window as is. */
  lowerCase: boolean;
  /** Some phrase is all ASCII: only then can the scan match an all-ASCII window. */
  matchesAscii: boolean;
}

export interface PrefilterSpec {
  /** Anchors of every form: for text read in parts of a page (entities may be known from elsewhere). */
  anchors: AnchorSpec;
  /** Anchors of the 'name' and 'surname' forms only: the gate, when programme phrases cannot count alone. */
  standaloneAnchors: AnchorSpec;
  /** The tries of each group, and of all forms together (group 'any': fewer scans where every form counts). */
  phrases: PhraseScanSpec[];
  /**
   * Folded characters a window holds on each side of an anchor hit: more than the longest
   * match of any phrase (a hyphen matches up to two characters), and than a bare surname
   * and the title reach before it, plus a margin for the folding at a cut window's edge.
   */
  reach: number;
}

/** Scripts the detector matches without word boundaries (src/detect/matchers.ts UNSPACED_SCRIPT). */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * The detector's word boundaries (src/detect/word-boundary.ts before a form, NOT_BEFORE_WORD in
 * src/detect/trie-regex.ts after it) are none of the prefilter's. The gate reads
 * document.body.textContent, which joins adjacent blocks, and lines broken by <br>, with nothing
 * between (https://dom.spec.whatwg.org/#concept-descendant-text-content): "<h2>Partners</h2><p>IOM
 * works…" reads "PartnersIOM works…", "…agency IOM</p><p>The next…" reads "IOMThe next…", while
 * the pipeline, and so the detector, reads them apart (src/page/block-text.ts, text-model.ts
 * BLOCK_SEPARATOR). A block or line may end and start in anything: the corpora, cut at their line
 * breaks, hold "FUNDINGIOM appeal", "UN MIGRATIONIOM LAUNCHES", "IOMIOM Director", "OIMO antigo",
 * "IOMcoordinates". No rule of case tells those from one word, so a form is a candidate wherever
 * its letters stand. The cost: a word holding a case-sensitive form as written is a candidate
 * ("AXIOM", "IOMMU", "ICMP", "RADIOMETER", "getIOMStatus"; none on the bench's real pages) and
 * makes the gate load the pipeline, whose detector drops it. Case-insensitive forms are names of
 * several words that no ordinary word holds.
 */
const PHRASE_WORD_END = false;

/** Folded characters at a window's cut edges whose folding may differ from the whole text's (a stray page number, a collapsed space). */
const EDGE_MARGIN_CHARS = 16;

/** The phrases the detector's form scans hold, by group and scan, as src/detect/matchers.ts builds them. */
function phraseScans(entityList: readonly Entity[]): { scans: PhraseScanSpec[]; longestMatch: number; longestSurname: number } {
  const lists = new Map<string, { group: PhraseGroup | 'any'; lowerCase: boolean; phrases: string[] }>();
  let longestMatch = 0;
  let longestSurname = 0;
  const add = (group: PhraseGroup | 'any', kind: 'insensitive' | 'sensitive' | 'unspaced', phrase: string) => {
    const key = `${group}|${kind}`;
    let list = lists.get(key);
    if (!list) {
      list = { group, lowerCase: kind !== 'sensitive', phrases: [] };
      lists.set(key, list);
    }
    const text = list.lowerCase ? phrase.toLowerCase() : phrase;
    list.phrases.push(text);
    // In a trie a hyphen matches up to two characters ("- "), a space one.
    const matchLength = text.length + (text.match(/-/g)?.length ?? 0);
    longestMatch = Math.max(longestMatch, matchLength);
    if (group === 'surname') longestSurname = Math.max(longestSurname, matchLength);
  };
  for (const entity of entityList) {
    for (const form of entity.forms) {
      const folded = foldString(form.text).trim();
      for (const group of [phraseGroup(entity, form), 'any'] as const) {
        if (UNSPACED_SCRIPT.test(folded)) add(group, 'unspaced', folded);
        else if (form.caseSensitive) {
          add(group, 'sensitive', folded);
          const upper = folded.toUpperCase();
          if (upper !== folded) add(group, 'sensitive', upper);
        } else add(group, 'insensitive', folded);
      }
    }
  }
  const scans = [...lists.values()].map(({ group, lowerCase, phrases }) => {
    for (const phrase of phrases) assertAsciiSafe(phrase);
    return { group, source: triePattern(phrases, PHRASE_WORD_END), lowerCase, matchesAscii: phrases.some((phrase) => /^\p{ASCII}*$/u.test(phrase)) };
  });
  return { scans, longestMatch, longestSurname };
}

/**
 * prefilter.ts reads an all-ASCII window with the exact lower-case scans only, and skips scans
 * without an ASCII phrase: sound only if no non-ASCII phrase character matches an ASCII one
 * ignoring case ("ſ" would match "s", the Kelvin sign "k").
 */
function assertAsciiSafe(phrase: string): void {
  for (const ch of phrase) {
    if (ch.charCodeAt(0) < 0x80) continue;
    for (let code = 0; code < 0x80; code++) {
      if (detectorReadsAs(String.fromCharCode(code), ch, true)) throw new Error(`prefilter: the phrase "${phrase}" has "${ch}", which matches ASCII "${String.fromCharCode(code)}" ignoring case`);
    }
  }
}

/** The prefilter for these entities: candidates wherever the detector could find one of their forms. */
export function prefilterSpec(entityList: readonly Entity[]): PrefilterSpec {
  const { scans, longestMatch, longestSurname } = phraseScans(entityList);
  const phrases = entityList.flatMap((entity) => entity.forms.flatMap(detectorPhrases));
  return {
    anchors: anchorSpec(anchorsOf(entityList), phrases),
    standaloneAnchors: anchorSpec(anchorsOf(entityList, groupsFor({ wholePage: { programmePhrasesCount: false } })), null),
    phrases: scans,
    reach: Math.max(longestMatch, SURNAME_TITLE_CHARS + longestSurname) + EDGE_MARGIN_CHARS,
  };
}

/**
 * The raw scan's class: non-ASCII but the non-trigger characters of SCAN_SKIPPED_BLOCKS (with the
 * scan's i flag, a skipped character's case variants must be no triggers either). Checked: it
 * finds every character the trigger class holds.
 */
function scanClassOf(triggerClass: string): string {
  const trigger = new RegExp(`^${triggerClass}$`);
  const isTrigger = (unit: number) => {
    const ch = String.fromCharCode(unit);
    return [ch, ch.toLowerCase(), ch.toUpperCase()].some((variant) => trigger.test(variant));
  };
  let skipped = '';
  for (const [from, to] of SCAN_SKIPPED_BLOCKS) {
    for (let unit = from; unit <= to; unit++) {
      if (isTrigger(unit)) continue;
      let end = unit;
      while (end + 1 <= to && !isTrigger(end + 1)) end++;
      skipped += end === unit ? hex(unit) : `${hex(unit)}-${hex(end)}`;
      unit = end;
    }
  }
  const scanClass = `[^\\x00-\\x7f${skipped}]`;
  const scan = new RegExp(`^${scanClass}$`, 'i');
  for (let unit = 0x80; unit <= 0xffff; unit++) {
    if (trigger.test(String.fromCharCode(unit)) && !scan.test(String.fromCharCode(unit))) {
      throw new Error(`prefilter: the raw scan's class skips the trigger ${hex(unit)}`);
    }
  }
  return scanClass;
}

/** A phrase's separators: each matches a space or a hyphen, and a hyphen nothing too (src/detect/trie-regex.ts). */
const isPhraseSeparator = (ch: string | undefined): boolean => ch === ' ' || ch === '-';

/** The ASCII characters the detector reads (folded) as one of `followers`: a separator follower takes white space and hyphens. */
function asciiReadAs(followers: ReadonlySet<string>, caseInsensitive: boolean): string {
  let allowed = '';
  for (let code = 0; code < 0x80; code++) {
    const folded = foldString(String.fromCharCode(code));
    const separator = isPhraseSeparator(folded);
    if ([...followers].some((follower) => (isPhraseSeparator(follower) ? separator : folded.length === 1 && detectorReadsAs(folded, follower, caseInsensitive)))) {
      allowed += String.fromCharCode(code);
    }
  }
  return allowed;
}

/**
 * What can follow each Latin anchor where a phrase holding it matches (AnchorSpec.continuations),
 * for stage 1 alone (prefilter.ts anchorsOnly), which has no phrase tries to drop "counterpart",
 * "counter." or "the counter is": after "counter" a phrase has a hyphen (or "t": a hyphen may
 * match nothing), and after the separators "t"; after "pope" a phrase ends, so anything may
 * follow. Each ASCII character is judged as the detector reads it, folded (white space is a
 * space); a non-ASCII one may fold to nothing, so it always passes.
 */
function anchorContinuations(anchors: readonly Anchor[], phrases: readonly { phrase: string; caseInsensitive: boolean }[]): Record<string, Continuation> {
  const continuations: Record<string, Continuation> = {};
  for (const anchor of anchors) {
    if (!LATIN.test(anchor.text)) continue;
    const next = new Set<string>();
    const afterSeparators = new Set<string>();
    let endsPhrase = false;
    let endsAfterSeparators = false;
    for (const { phrase } of phrases) {
      const haystack = anchor.caseInsensitive ? phrase.toLowerCase() : phrase;
      for (let at = haystack.indexOf(anchor.text); at >= 0; at = haystack.indexOf(anchor.text, at + 1)) {
        const end = at + anchor.text.length;
        if (end >= phrase.length) {
          endsPhrase = true;
          continue;
        }
        next.add(phrase[end]);
        let word = end;
        while (isPhraseSeparator(phrase[word])) word++;
        if (word === end) continue;
        if (word >= phrase.length) endsAfterSeparators = true;
        else afterSeparators.add(phrase[word]);
        // A hyphen may match nothing: what follows it may follow the anchor too.
        if (phrase[end] === '-') next.add(phrase[word]);
      }
    }
    if (endsPhrase) continue;
    continuations[anchor.text] = {
      next: asciiReadAs(next, anchor.caseInsensitive),
      ...(endsAfterSeparators ? {} : { afterSeparators: asciiReadAs(afterSeparators, anchor.caseInsensitive) }),
    };
  }
  return continuations;
}

/** `phrases`: every phrase of every form, to tell what may follow an anchor (null: not told). */
function anchorSpec(anchors: Anchor[], phrases: readonly { phrase: string; caseInsensitive: boolean }[] | null): AnchorSpec {
  const { foldsTo } = foldTable();
  const latin = anchors.filter((a) => LATIN.test(a.text));
  const others = anchors.filter((a) => !LATIN.test(a.text));
  const letters = new Set<string>();
  for (const a of anchors) for (const ch of a.text) for (const variant of [ch, ch.toLowerCase(), ch.toUpperCase()]) letters.add(variant);
  const trigger = new Set<number>();
  // Characters that fold to nothing (marks, soft hyphen, zero-width characters), also astral ones.
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (/\p{M}/u.test(ch) || (cp <= LAST_CODE_POINT && foldString(ch) === '')) trigger.add(cp);
  }
  for (const [folded, codePoints] of foldsTo) {
    if (![...folded].some((ch) => letters.has(ch))) continue;
    // A character that folds into an anchor's letter from something else ("é" → "e", "K" → "K").
    for (const cp of codePoints) if (String.fromCodePoint(cp) !== folded) trigger.add(cp);
  }
  // Characters the detector reads as a Latin anchor's letter that the expression's i flag (without u) does not accept.
  for (const a of latin) {
    for (const ch of a.text) {
      const accepted = new RegExp(ch, 'i');
      for (const [folded] of foldsTo) {
        if (folded.length === 1 && detectorReadsAs(folded, ch, a.caseInsensitive) && !accepted.test(folded)) trigger.add(folded.codePointAt(0)!);
      }
    }
  }
  // Anchors in other scripts are searched only in windows around their first letter (in any case).
  for (const a of others) {
    const first = [...a.text][0];
    for (const [folded] of foldsTo) if (folded.length === 1 && detectorReadsAs(folded, first, a.caseInsensitive)) trigger.add(folded.codePointAt(0)!);
  }
  const escape = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  // Case-insensitive anchors first: where one matches, the alternation takes it before a case-sensitive one.
  const alternation = (list: Anchor[]) =>
    [...list.filter((a) => a.caseInsensitive), ...list.filter((a) => !a.caseInsensitive)].map((a) => escape(a.text)).join('|') || '(?!)';
  if (anchors.some((a) => [...a.text].length < 2)) throw new Error('prefilter: every anchor needs two characters (a single one is read as a trigger)');
  // The raw scan reports one anchor per position (the first expression's, on a tie) and stage 1
  // alone may refuse it by what follows (continuations): no other anchor may start there too.
  for (const a of latin) {
    for (const b of latin) {
      const bothAsWritten = !a.caseInsensitive && !b.caseInsensitive;
      if (a !== b && (bothAsWritten ? b.text.startsWith(a.text) : b.text.toLowerCase().startsWith(a.text.toLowerCase()))) throw new Error(`prefilter: the anchor "${a.text}" starts the anchor "${b.text}"`);
    }
  }
  // prefilter.ts finds triggers among the non-ASCII characters only.
  if ([...trigger].some((cp) => cp < 0x80)) throw new Error('prefilter: a trigger character is ASCII');
  const triggerClass = bmpClassOf(trigger, TRIGGER_MERGE_GAP);
  return {
    pattern: alternation(latin.filter((a) => a.caseInsensitive)),
    caseSensitivePattern: latin.filter((a) => !a.caseInsensitive).map((a) => escape(a.text)).join('|'),
    windowPattern: alternation(anchors),
    caseSensitive: anchors.filter((a) => !a.caseInsensitive).map((a) => a.text),
    trigger: triggerClass,
    scanClass: scanClassOf(triggerClass),
    windowChars: Math.max(...anchors.map((a) => [...a.text].length)),
    ...(phrases ? { continuations: anchorContinuations(anchors, phrases) } : {}),
  };
}
