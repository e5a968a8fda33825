/**
 * Acronym definitions on the page: own ("International Organization for Migration (IOM)",
 * "IOM, the …") or foreign ("Isle of Man (IOM)", "IOM (Input/Output Module)", found by initials).
 */
import type { Candidate, Definition, PageEvidence } from './model';

const ACRONYM_STOPWORDS = new Set([
  'of', 'for', 'the', 'and', 'on', 'in', 'de', 'des', 'du', 'la', 'le', 'les', 'pour', 'para', 'las', 'los', 'del',
  'y', 'et', 'fur', 'per', 'di', 'da', 'do', 'das', 'dos', 'e', '&',
]);

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

/** The definition of `acronym` that governs position `at`: the last one before it, else the first after. */
export function governingDefinition(page: PageEvidence, acronym: string, at: number): Definition | null {
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

/**
 * A long form about migration ("International Organisation for Migrants (IOM)", "International
 * Office of Migration (IOM)") is a variant or a wrong expansion of IOM's own name, not another body's.
 */
const MIGRATION_LONG_FORM = /migra|миграц|移民|هجر/i;

const variantOfOwnName = (acronym: string, longForm: string): Definition['own'] =>
  (acronym === 'IOM' || acronym === 'OIM') && MIGRATION_LONG_FORM.test(longForm);

const OWN_GAP_AFTER_ACRONYM = /^[ ,(:\-–—]*(?:(?:the|la|le|el|les|los|las|l'|die|der) ?)?$/i;

// "International Organization for Migration's (IOM)", "… Migration [IOM]" count too.
const OWN_GAP_BEFORE_ACRONYM = /^(?:'s)?[ ,([:\-–—]*(?:(?:or|ou|o|aka|also known as|known as|dite?|llamad[oa]) ?)?[ ,([]*$/i;

export function findDefinitions(page: PageEvidence): Map<string, Definition[]> {
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
      if (longForm) add(acronym, { at: fs, own: variantOfOwnName(acronym, longForm), longForm });
      continue;
    }
    // Foreign: "OIM (Oracle Identity Manager)".
    const opening = text[fe] === ' ' && text[fe + 1] === '(' ? fe + 2 : text[fe] === '(' ? fe + 1 : -1;
    if (opening > 0) {
      const close = text.indexOf(')', opening);
      if (close < 0 || close - opening > 120) continue;
      const longForm = findLongForm(acronym, definitionWords(text.slice(opening, close)), false);
      if (longForm) add(acronym, { at: fs, own: variantOfOwnName(acronym, longForm), longForm });
      continue;
    }
    // Foreign, in scraped headings and lists: "ICEM – International Council for Educational Media",
    // "Institute of Medicine – IOM", "ICM: International Congress of Mathematicians".
    const dashAfter = /^ ?[–—:-] /.exec(text.slice(fe, fe + 3));
    if (dashAfter) {
      const segment = text.slice(fe + dashAfter[0].length, fe + dashAfter[0].length + 120).split(/[.;,()\n|]/)[0];
      const longForm = findLongForm(acronym, definitionWords(segment), false);
      if (longForm) {
        add(acronym, { at: fs, own: variantOfOwnName(acronym, longForm), longForm });
        continue;
      }
    }
    const dashBefore = / [–—-] ?$/.exec(text.slice(Math.max(0, fs - 3), fs));
    if (dashBefore) {
      const end = fs - dashBefore[0].length;
      const segment = text.slice(Math.max(0, end - 120), end).split(/[.;,()\n|]/).pop() ?? '';
      const longForm = findLongForm(acronym, definitionWords(segment), true);
      if (longForm) add(acronym, { at: fs, own: variantOfOwnName(acronym, longForm), longForm });
    }
  }
  return definitions;
}
