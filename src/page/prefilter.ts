/**
 * Step 1 of the page pipeline: could anything in this text be a mention? Stage 1 is one
 * pass of two short expressions of anchors (word stems such as "migra", "swing" in any case;
 * "IOM", "OIM" as written) over text the browser hands over natively (`document.body.textContent`, never innerText, which
 * forces layout). Stage 2 folds a small window around each anchor hit with the detector's
 * own foldText and searches it with the detector's own phrase tries: only a whole form
 * ("William Lacy Swing", not "William") is a candidate. Nothing found: IOM Lens does nothing
 * more on the page. Both stages are built at build time from the entity registry and the
 * detector's folding rules (prefilter-source.ts), so the prefilter is a superset of the
 * detector: every mention the detector finds starts at a candidate
 * (tests/page-prefilter.test.ts proves it on every corpus text). Also where textContent
 * glues blocks together ("<h2>Partners</h2><p>IOM…" reads "PartnersIOM…",
 * https://dom.spec.whatwg.org/#concept-descendant-text-content) that the pipeline reads apart:
 * no word boundary is required on either side of a form (prefilter-source.ts
 * PHRASE_WORD_END). Where the page's text is only to be routed to its blocks (gate.ts, for the
 * pipeline), stage 1 runs alone (anchorsOnly). Pure: no DOM.
 */
import { foldText, type FoldedText } from '../detect/normalize';
import type { AnchorSpec, PhraseGroup, PrefilterSpec } from './prefilter-source';

export type { PrefilterSpec } from './prefilter-source';

export interface Prefilter {
  /** Offsets in `text` where a candidate (a form the detector could accept) starts (anchorsOnly: where an anchor of one stands), in order, at most `limit` of them. */
  candidates(text: string, limit?: number): number[];
  /**
   * The same pass, read a slice at a time (PrefilterPass.step): a 10 MB text is never one long task.
   * Stepping through the whole text finds exactly what `candidates` finds.
   */
  pass(text: string, limit?: number): PrefilterPass;
}

interface PrefilterPass {
  /**
   * Reads on where the last step stopped: the anchors and triggers that start in the next `chars`
   * characters (the windows around them read past the cut as far as they need). True when the
   * pass is over: the text is read, or `limit` candidates are found.
   */
  step(chars: number): boolean;
  /** The candidates found so far, as `candidates` returns them. */
  candidates(): number[];
}

export interface PrefilterOptions {
  /**
   * The text is the whole page and nothing is known from elsewhere (the gate). Then forms
   * the detector accepts only on the evidence of another form (programme and campaign
   * phrases, bare surnames, CIM) are no candidates on their own: that other form is one.
   * `programmePhrasesCount`: the settings let a programme phrase count alone (policy
   * 'always' with programme phrases shown). Without this option (text read in parts of a
   * page, where entities may be known from other parts) every form is a candidate.
   */
  wholePage?: { programmePhrasesCount: boolean };
  /**
   * Stage 1 alone, for routing a page's text to its blocks (gate.ts pageCandidates): every
   * anchor of every form, where the scan finds it (in the raw text, or in the folded window
   * around a trigger), is a candidate, at the anchor itself rather than at the start of a form
   * around it. Every form holds an anchor, and a form lies inside one block (the pipeline reads
   * blocks apart), so an anchor finds the block its form is in; the detector then reads every
   * form there. Stage 2 is most of the pass in a page, where its code runs cold: on Node's
   * 5.8 MB page the pass took 48–78 ms with it and 18–47 ms without (5 tabs each). An anchor that
   * nothing in a form could follow as written ("counterpart") is no candidate
   * (AnchorSpec.continuations). Without this option the candidates are where forms start.
   */
  anchorsOnly?: boolean;
}

/** The phrase groups (prefilter-source.ts phraseGroup) that are candidates under these options. */
export function groupsFor(options: PrefilterOptions): PhraseGroup[] {
  if (!options.wholePage) return ['name', 'surname', 'programme', 'needs-name'];
  return options.wholePage.programmePhrasesCount ? ['name', 'surname', 'programme'] : ['name', 'surname'];
}

/**
 * evidence.ts iomTitled: "IOM chief", "head of the IOM" within 50 folded characters before a
 * surname, matched ignoring case ("axiom chief Swing" passes it): a surname with "iom", "oim" or
 * "un migration" that close before it is a candidate on its own.
 */
export const SURNAME_TITLE_CHARS = 50;

const NON_ASCII = /\P{ASCII}/u;
/** What "IOM chief", "head of the IOM" need before a bare surname (evidence.ts IOM_TITLE_BEFORE, matched ignoring case). */
const IOM_TITLE_WORD = /iom|oim|un migration/iu;

/**
 * A run of trigger characters (each within an anchor's length of the next) is folded as one
 * window; a run longer than this is cut, so a page of accented text is never one huge fold.
 */
const MAX_TRIGGER_RUN_CHARS = 16_384;
/**
 * At a cut the next run starts this many characters back. An anchor reaching across the cut
 * lies inside the next run's window unless it holds all of them, which only a run of invisible
 * characters (folding to nothing) can: then the cut is a candidate (see cutIsSafe).
 */
const TRIGGER_RUN_SEAM_CHARS = 256;
/**
 * A window around an anchor hit grows until it holds `reach` folded characters each side;
 * past this many raw characters (a sea of white space or invisible characters) the hit is a
 * candidate without a look: the detector gets to decide, and no page makes one fold huge.
 */
const MAX_WINDOW_SIDE_CHARS = 65_536;


/** ASCII white space (folded to a space) and the hyphen: a phrase's separators as raw text writes them. */
const isSeparator = (code: number): boolean => code === 0x20 || code === 0x2d || (code >= 0x09 && code <= 0x0d);
/** Past this many separators after an anchor, it stays a candidate (windowAround reads such runs): no anchor reads a sea of white space. */
const SEPARATOR_RUN_MAX_CHARS = 256;

interface CompiledScan {
  group: PhraseGroup | 'any';
  matchesAscii: boolean;
  /** On the lower-cased window (when lower-casing keeps its length) or the folded window as is. */
  exact: RegExp;
  /** Case-insensitive scans: the detector's fallback for text whose lower-casing changes its length (flag i). */
  fallback: RegExp | null;
  lowerCase: boolean;
}

interface Anchors {
  /** The raw text's expressions: the case-insensitive anchors with the scan class, and the case-sensitive anchors (if any). */
  scans: RegExp[];
  trigger: RegExp;
  triggerRun: RegExp;
  inWindow: RegExp;
  accepted(matched: string): boolean;
  /** Whether what follows a raw anchor match ending at `end` can continue a phrase through it (AnchorSpec.continuations). */
  mayContinue(text: string, matched: string, end: number): boolean;
  windowChars: number;
}

function compileAnchors(spec: AnchorSpec): Anchors {
  const caseSensitive = new Set(spec.caseSensitive);
  const caseSensitiveFolded = new Set(spec.caseSensitive.map((anchor) => anchor.toLowerCase()));
  return {
    // Without the u flag the raw scan is about twice as fast; prefilter-source.ts moves the
    // few characters this loses (those only Unicode case folding equates) into the trigger class.
    // The triggers are all outside ASCII (prefilter-source.ts checks): one cheap class finds them
    // (non-ASCII but common punctuation, spec.scanClass), and the long trigger class is tested
    // only there (~3× faster on a page of English).
    scans: [new RegExp(`${spec.pattern}|${spec.scanClass}`, 'gi'), ...(spec.caseSensitivePattern ? [new RegExp(spec.caseSensitivePattern, 'g')] : [])],
    trigger: new RegExp(`^${spec.trigger}$`),
    triggerRun: new RegExp(spec.trigger, 'g'),
    inWindow: new RegExp(spec.windowPattern, 'giu'),
    /**
     * The window's expression ignores case; a match spelled like a case-sensitive anchor counts
     * only as written ("IOM", not the "iom" of "axiom"). Case-insensitive anchors come first in
     * the alternation, so a match that could be one is one.
     */
    accepted: (matched) => caseSensitive.has(matched) || !caseSensitiveFolded.has(matched.toLowerCase()),
    mayContinue: (text, matched, end) => {
      const continuation = spec.continuations?.[caseSensitive.has(matched) ? matched : matched.toLowerCase()];
      // The text's end (NaN), or a character that may fold to nothing: a phrase may go on.
      const next = text.charCodeAt(end);
      if (continuation === undefined || !(next < 0x80)) return true;
      if (!continuation.next.includes(String.fromCharCode(next))) return false;
      if (!isSeparator(next) || continuation.afterSeparators === undefined) return true;
      let at = end;
      let lineBreak = false;
      for (; at < text.length && isSeparator(text.charCodeAt(at)); at++) {
        if (at - end >= SEPARATOR_RUN_MAX_CHARS) return true;
        if (text.charCodeAt(at) === 0x0a) lineBreak = true;
      }
      const word = text.charCodeAt(at);
      if (!(word < 0x80)) return true;
      // A page or line number after a line break may fold away (normalize.ts strayNumberEnd).
      if (lineBreak && word >= 0x30 && word <= 0x39) return true;
      return continuation.afterSeparators.includes(String.fromCharCode(word));
    },
    windowChars: spec.windowChars,
  };
}

/** A folded window of the text around an anchor hit, and the part of the text whose anchors it settles. */
interface Window {
  from: number;
  folded: FoldedText;
  /** Anchor hits in [settledFrom, settledTo) have every phrase around them inside the window. */
  settledFrom: number;
  settledTo: number;
}

/** Index of the first folded unit that comes from `offset` or later in the window's source. */
function foldedIndexOf(folded: FoldedText, offset: number): number {
  let lo = 0;
  let hi = folded.sourceStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (folded.sourceStart[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Folds the text around `at` until `reach` folded characters stand on each side of it (or the
 * text ends): white space runs, soft hyphens and marks fold to one or no character, so the raw
 * window grows until the folded one is wide enough (null: past MAX_WINDOW_SIDE_CHARS).
 */
function windowAround(text: string, at: number, reach: number): Window | null {
  // Folding never lengthens text: start with `reach` raw characters each side, the fewest that can do.
  let before = reach;
  let after = reach;
  for (;;) {
    if (before > MAX_WINDOW_SIDE_CHARS || after > MAX_WINDOW_SIDE_CHARS) return null;
    const from = Math.max(0, at - before);
    const to = Math.min(text.length, at + after);
    const folded = foldText(text.slice(from, to));
    const centre = foldedIndexOf(folded, at - from);
    const wideBefore = from === 0 || centre >= reach;
    const wideAfter = to === text.length || folded.text.length - centre >= reach;
    if (wideBefore && wideAfter) {
      const lastSettled = folded.text.length - reach;
      return {
        from,
        folded,
        settledFrom: from === 0 ? 0 : from + folded.sourceStart[reach],
        settledTo: to === text.length ? text.length : lastSettled > centre ? from + folded.sourceStart[lastSettled] : at + 1,
      };
    }
    if (!wideBefore) before *= 2;
    if (!wideAfter) after *= 2;
  }
}

export function createPrefilter(spec: PrefilterSpec, options: PrefilterOptions = {}): Prefilter {
  const wholePage = options.wholePage;
  const groups = groupsFor(options);
  const anchorsOnly = options.anchorsOnly === true;
  const anchors = compileAnchors(wholePage && !wholePage.programmePhrasesCount ? spec.standaloneAnchors : spec.anchors);
  // Where every form counts, the tries of all forms together: fewer scans per window.
  // Compiled at the first anchor hit: most pages have none, and these are the long expressions.
  let compiledScans: CompiledScan[] | null = null;
  const scans = (): CompiledScan[] =>
    (compiledScans ??= spec.phrases
      .filter((phrases) => (wholePage ? phrases.group !== 'any' && groups.includes(phrases.group) : phrases.group === 'any'))
      .map((phrases) => ({
        group: phrases.group,
        matchesAscii: phrases.matchesAscii,
        lowerCase: phrases.lowerCase,
        exact: new RegExp(phrases.source, 'gu'),
        fallback: phrases.lowerCase ? new RegExp(phrases.source, 'giu') : null,
      })));
  const { reach } = spec;

  /** Would the detector consider a bare surname at folded `at` without the page's help ("IOM chief Swing")? */
  const titledByIom = (window: Window, at: number): boolean =>
    (at < SURNAME_TITLE_CHARS && window.from > 0) || IOM_TITLE_WORD.test(window.folded.text.slice(Math.max(0, at - SURNAME_TITLE_CHARS), at));

  /** Every phrase match in the window, as raw offsets. */
  function phrasesIn(window: Window, found: number[]): void {
    const { folded } = window;
    const lower = folded.text.toLowerCase();
    // Most windows are all ASCII: there the i flag and lower-casing agree, and a scan of
    // phrases none of which is ASCII cannot match (prefilter-source.ts assertAsciiSafe).
    const ascii = !NON_ASCII.test(folded.text);
    const texts: [RegExp, string][] = [];
    for (const scan of scans()) {
      if (ascii && !scan.matchesAscii) continue;
      texts.length = 0;
      if (!scan.lowerCase) texts.push([scan.exact, folded.text]);
      else {
        // The detector reads the lower-cased text, or (when lower-casing changes the page's length) the folded
        // text with the i flag: which one depends on the whole page, so both are tried.
        if (lower.length === folded.text.length) texts.push([scan.exact, lower]);
        if (!ascii) texts.push([scan.fallback!, folded.text]);
      }
      for (const [regex, text] of texts) {
        regex.lastIndex = 0;
        for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
          const at = match.index;
          // Every start is tried (the detector resumes after its own matches, which only drops some).
          regex.lastIndex = at + 1;
          // No word boundary is required before a form: textContent may have glued a block to it (prefilter-source.ts PHRASE_WORD_END).
          if (wholePage && scan.group === 'surname' && !titledByIom(window, at)) continue;
          found.push(window.from + folded.sourceStart[at]);
        }
      }
    }
  }

  function pass(text: string, limit = Infinity): PrefilterPass {
    const found: number[] = [];
    let settledFrom = 0;
    let settledTo = 0;
    /** Stage 2 at an anchor hit: the whole phrases around it. */
    const verify = (at: number): void => {
      if (anchorsOnly) {
        found.push(at);
        return;
      }
      if (at >= settledFrom && at < settledTo) return;
      const window = windowAround(text, at, reach);
      if (!window) {
        found.push(at);
        return;
      }
      phrasesIn(window, found);
      settledFrom = window.settledFrom;
      settledTo = window.settledTo;
    };
    const { scans, trigger, triggerRun, inWindow, accepted, mayContinue, windowChars } = anchors;
    /** The first trigger in [from, to], or -1: read from a short slice, never on to the end of a long text. */
    const triggerWithin = (from: number, to: number): number => {
      triggerRun.lastIndex = 0;
      const next = triggerRun.exec(text.slice(from, to + 1));
      return next ? from + next.index : -1;
    };
    /**
     * A run cut at `end` (after its last trigger) resumes TRIGGER_RUN_SEAM_CHARS back: sound unless one
     * anchor could hold all of them, i.e. they fold to no more characters than an anchor has.
     */
    const cutIsSafe = (end: number): boolean => foldText(text.slice(Math.max(0, end - TRIGGER_RUN_SEAM_CHARS), end)).text.length > windowChars;
    /** Where the raw scan reads on; triggers before foldedUpTo were inside a window already. */
    let position = 0;
    let foldedUpTo = 0;
    /**
     * Handles the scan's match at `at`; returns where the scan reads on (absolute). Anchors have
     * two characters or more: one character is a trigger.
     */
    const handle = (matched: string, at: number): number => {
      if (matched.length > 1) {
        if (accepted(matched) && (!anchorsOnly || mayContinue(text, matched, at + matched.length))) verify(at);
        return Math.max(at + 1, settledTo);
      }
      if (at < foldedUpTo || !trigger.test(matched)) return at + 1;
      // A character that folds (an accent, a soft hyphen, a mark) or starts an anchor in another
      // script: fold a window around it and the triggers close after it with the detector's
      // own folding, and search that for anchors.
      let end = at + 1;
      let cut = false;
      for (;;) {
        const next = triggerWithin(end, end + windowChars);
        if (next < 0) break;
        if (next >= at + MAX_TRIGGER_RUN_CHARS) {
          cut = true;
          break;
        }
        end = next + 1;
      }
      const from = Math.max(0, at - windowChars);
      const to = Math.min(text.length, end + windowChars);
      const folded = foldText(text.slice(from, to));
      inWindow.lastIndex = 0;
      for (let hit = inWindow.exec(folded.text); hit !== null && found.length < limit; hit = inWindow.exec(folded.text)) {
        if (accepted(hit[0])) verify(from + folded.sourceStart[hit.index]);
        inWindow.lastIndex = hit.index + 1;
      }
      if (cut) {
        if (!cutIsSafe(end)) found.push(end - 1);
        foldedUpTo = end - TRIGGER_RUN_SEAM_CHARS + 1;
        return Math.max(at + 1, foldedUpTo, settledTo);
      }
      foldedUpTo = end;
      // An anchor running past the window's end is found by the raw scan, which resumes inside it.
      return Math.max(at + 1, to - windowChars, settledTo);
    };
    return {
      step(chars: number): boolean {
        // Anchors that start before stopAt are this step's; the slice scanned runs on by the
        // longest anchor, so each is matched exactly as in one pass over the whole text.
        const stopAt = Math.min(text.length, position + chars);
        while (position < stopAt && found.length < limit) {
          const base = position;
          const slice = base === 0 && stopAt === text.length ? text : text.slice(base, stopAt + windowChars);
          // Each expression's next match at or after where the scan reads on, kept until the scan passes it:
          // the first of them is the match one alternation of them all would give (ties go to the first
          // expression, as to the first alternative).
          const pending: (RegExpExecArray | null | undefined)[] = scans.map(() => undefined);
          const nextMatch = (from: number): RegExpExecArray | null => {
            let first: RegExpExecArray | null = null;
            for (let i = 0; i < scans.length; i++) {
              let match = pending[i];
              if (match === undefined || (match !== null && match.index < from)) {
                scans[i].lastIndex = from;
                match = pending[i] = scans[i].exec(slice);
              }
              if (match && (!first || match.index < first.index)) first = match;
            }
            return first;
          };
          let resume = stopAt;
          for (let match = nextMatch(0); match !== null && base + match.index < stopAt; ) {
            resume = handle(match[0], base + match.index);
            if (found.length >= limit || resume >= stopAt) break;
            match = nextMatch(resume - base);
            resume = stopAt;
          }
          position = Math.max(resume, stopAt);
        }
        return position >= text.length || found.length >= limit;
      },
      candidates(): number[] {
        const sorted = [...new Set(found)].sort((a, b) => a - b);
        return sorted.length > limit ? sorted.slice(0, limit) : sorted;
      },
    };
  }

  return {
    pass,
    candidates(text: string, limit = Infinity): number[] {
      const whole = pass(text, limit);
      whole.step(Infinity);
      return whole.candidates();
    },
  };
}
