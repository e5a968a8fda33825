/**
 * Programme phrases ("refugee resettlement", "labour migration") are IOM's programme areas only
 * where the text presents them as IOM's work, not wherever a page happens to name IOM: the US
 * refugee resettlement programme, another government's labour migration or a count of
 * humanitarian emergencies are not IOM's (issue 10). The rule, in the order it is checked, within
 * the phrase's own sentence:
 *   1. another owner right before the phrase ("US refugee resettlement", "Canada's labour
 *      migration", "UNHCR's resettlement") → not IOM's;
 *   2. IOM's possessive before it ("IOM's counter-trafficking unit", "IOM's strong programme
 *      management role in this key refugee resettlement response") → IOM's;
 *   3. IOM (or a former name) as its agent just before it, with no other actor or speech verb
 *      between ("UNHCR and IOM will be postponing refugee resettlement departures") → IOM's;
 *   4. IOM as its agent just after it ("resettlement services provided by IOM") → IOM's;
 *   5. IOM opening the sentence, as its subject ("Globally, IOM partners with USRAP in four core
 *      areas of work: … migration health assessment") → IOM's;
 *   6. the phrase heads or opens a clause whose subject is IOM ("Labour Migration⏎IOM helps
 *      governments…", "In humanitarian emergencies, IOM manages…", "Dans le domaine migration et
 *      développement, l'OIM aide…") → IOM's;
 *   7. "its" (or "their", "sus", "ses", "ihre"…) right before the phrase, with IOM the last actor
 *      named before it ("…IOM still earns most of its money… Its immigration and border management
 *      portfolio") → IOM's;
 *   8. the phrase is a heading line of its own ("2. HUMANITARIAN EMERGENCIES", "Box 3. Migration
 *      health in emergencies") with IOM named within HEADING_IOM_WINDOW_CHARS → IOM's;
 *   9. the phrase is in a paragraph whose first sentence names IOM before any other actor, and its
 *      own sentence names no other actor ("In Moldova, IOM has run counter-trafficking hotlines
 *      since 2001. The counter-trafficking programme also trains police") → IOM's;
 *  10. the phrase is one of a list of programme areas on a page that names IOM (a report's
 *      contents: "1. Humanitarian Emergencies 2. Migration and Development 3. Labour Migration") → IOM's.
 * Otherwise it is a phrase about migration, not a mention.
 */
import type { ProgrammePolicy } from './types';
import { type Candidate, type PageEvidence, type Verdict } from './model';
import { FORMER_IDS, candidateStart, firstAtOrAfter } from './evidence';

/** A sentence is looked for at most this far each side of the phrase (folded characters). */
export const SENTENCE_REACH_CHARS = 300;

/** Rule 2: at most this many words between "IOM's" and the phrase. */
const POSSESSIVE_GAP_WORDS = 8;

/** Rules 3 and 4: at most this many words between IOM and the phrase. */
const AGENT_GAP_WORDS = 6;

/** Rule 5: IOM stands within this many words of the sentence's start. */
const SUBJECT_LEAD_WORDS = 2;

/** Rule 7: IOM named at most this far before "its …". */
const PRONOUN_IOM_WINDOW_CHARS = 300;

/** Rule 8: IOM named this close to a heading that is the phrase. */
export const HEADING_IOM_WINDOW_CHARS = 400;

/** Rule 8: a heading may add this many words to the phrase ("Migration health in emergencies"). */
const HEADING_EXTRA_WORDS = 3;

/** Possessive pronouns that can refer back to IOM, right before the phrase ("its labour migration programmes"). */
const POSSESSIVE_PRONOUN_BEFORE = /(?:^|[^\p{L}])(?:its|their|sus?|ses|son|sa|leurs?|seus?|suas?|ihre[mnrs]?|suoi|sua|sue)(?: \p{L}+){0,2} $/iu;

/** Numbering and bullets before a heading: "2.", "2.1", "Box 3.", "•", "#", "-". */
const HEADING_PREFIX = /^(?:(?:box|table|section|chapter)\s+)?(?:[\d.]+\s*|[•*#>-]+\s*)*$/i;

/** Rule 9: a paragraph is looked for at most this far before the phrase. */
export const PARAGRAPH_REACH_CHARS = 500;

/** Rule 10: at least this many programme areas, each within LIST_GAP_CHARS of the next, make a list of areas. */
const LIST_MIN_AREAS = 3;
const LIST_GAP_CHARS = 60;
/** …with at most this many words between two areas (page numbers and dot leaders are not words). */
const LIST_GAP_WORDS = 6;

/** The quote on the card is cut to about this many characters. */
const QUOTE_MAX_CHARS = 70;

const IOM_FAMILY = new Set(['iom', ...FORMER_IDS]);

/** Acronyms that name IOM itself or the UN, not another actor, when they stand between IOM and the phrase. */
const NOT_ANOTHER_ACTOR = new Set(['IOM', 'OIM', 'ICEM', 'ICM', 'CIME', 'UN', 'ONU', 'U.N.']);

/** Another owner right before the phrase: "US", "U.S.", "EU", "UNHCR's", "Canada's", "government", "national". */
const OWNER_BEFORE =
  /(?:^|[^\p{L}.])(U\.S\.|U\.K\.|\p{Lu}{2,}|\p{Lu}\p{Ll}+'s|\p{Ll}+'s|government|governments|national|federal|state|country|countries|ministry|gouvernement|gobierno|governo|regierung|nationale?|nacional)(?: \p{L}+)? $/u;

/**
 * Words that report what someone warns, recommends or holds about a topic: "IOM warned that migration
 * and the environment…" does not make IOM the agent of the phrase. (What IOM says it will do, "IOM
 * staff said the office will focus on labour migration", is still IOM's work; another owner after the
 * verb, "IOM said the US refugee resettlement programme…", is caught by OWNER_BEFORE.)
 */
const SPEECH = /\b(?:according to|warned|warns|recommends?|recommended|argues?|argued|selon|segun|secondo|laut)\b|\b(?:said|says|told|dit|dijo|sagte) that\b/i;

/** Linking words after the phrase that make the next IOM its agent: "provided by IOM", "de l'OIM". */
const AGENT_AFTER_LINK = /(?:^|\s)(?:by|of|from|with|par|de|del|des|della|dell'|da|do|der|durch|von)(?: (?:the|la|le|l'|el|die))? ?$/i;

const isLineBreak = (page: PageEvidence, k: number): boolean =>
  page.folded.text[k] === ' ' && page.text.slice(page.folded.sourceStart[k], page.folded.sourceEnd[k]).includes('\n');

/** A sentence ends at ". ", "! ", "? ", "; " (not after an initial such as "U.S.") or at a line break after a finished line. */
function endsSentence(page: PageEvidence, k: number): boolean {
  const text = page.folded.text;
  const ch = text[k];
  if ((ch === '.' || ch === '!' || ch === '?' || ch === ';') && (text[k + 1] === ' ' || text[k + 1] === undefined)) {
    const initial = ch === '.' && /\p{Lu}/u.test(text[k - 1] ?? '') && /^[. ]?$/.test(text[k - 2] ?? '');
    return !initial;
  }
  // A wrapped line (ending in a lower-case letter, a comma or a hyphen) goes on into the next one.
  return isLineBreak(page, k) && !/[\p{Ll},-]/u.test(text[k - 1] ?? '');
}

function sentenceAround(page: PageEvidence, fs: number, fe: number): [number, number] {
  const text = page.folded.text;
  let from = fs;
  const minFrom = Math.max(0, fs - SENTENCE_REACH_CHARS);
  while (from > minFrom && !endsSentence(page, from - 1)) from--;
  let to = fe;
  const maxTo = Math.min(text.length, fe + SENTENCE_REACH_CHARS);
  while (to < maxTo && !endsSentence(page, to)) to++;
  return [from, to];
}

const wordCount = (segment: string): number => (segment.match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? []).length;

/** An institution's name: "the Office of Refugee Resettlement", "the Australian Government", "Ministry of Labour". */
const INSTITUTION_NAME =
  /\p{Lu}\p{Ll}+ (?:of |for |on )?(?:\p{Lu}\p{Ll}+ )*(?:Office|Government|Ministry|Department|Agency|Commission|Council|Bureau|Service|Programme|Program|Institute|Fund|Bank|Union|Committee|Centre|Center|Authority)\b|\b(?:Office|Ministry|Department|Bureau) (?:of|for) \p{Lu}/u;

/** Another actor named between IOM and the phrase: an acronym ("USRAP"), a capitalized possessive or an institution. */
function namesAnotherActor(segment: string): boolean {
  if (INSTITUTION_NAME.test(segment)) return true;
  for (const token of segment.match(/\p{Lu}[\p{Lu}.]+|\p{Lu}\p{Ll}+'s/gu) ?? []) {
    if (!NOT_ANOTHER_ACTOR.has(token.replace(/'s$/, ''))) return true;
  }
  return false;
}

/** The original text of [fs, fe) for the card, whitespace collapsed, cut at its start when long. */
function quote(page: PageEvidence, fs: number, fe: number): string {
  const original = page.text.slice(page.folded.sourceStart[fs], page.folded.sourceEnd[fe - 1]).replace(/\s+/g, ' ');
  const cut = original.length > QUOTE_MAX_CHARS ? original.slice(original.length - QUOTE_MAX_CHARS).replace(/^\S*\s/, '') : original;
  return `‘…${cut}…’`;
}

/** Rule 1: another owner right before the phrase, in its sentence ("US refugee resettlement", "Canada's labour migration"). */
function ownedByAnother(page: PageEvidence, candidate: Candidate): boolean {
  const [from] = sentenceAround(page, candidate.fs, candidate.fe);
  const owner = OWNER_BEFORE.exec(page.folded.text.slice(Math.max(from, candidate.fs - 40), candidate.fs))?.[1];
  return owner !== undefined && !NOT_ANOTHER_ACTOR.has(owner.replace(/'s$/, ''));
}

/** Accepted IOM or former-name mentions inside [from, to), in order. */
function iomMentionsWithin(page: PageEvidence, accepted: ReadonlyMap<Candidate, string>, from: number, to: number): Candidate[] {
  const found: Candidate[] = [];
  const { candidates } = page;
  for (let i = firstAtOrAfter(candidates, from, candidateStart); i < candidates.length && candidates[i].fs < to; i++) {
    const candidate = candidates[i];
    if (IOM_FAMILY.has(candidate.compiled.entity.id) && accepted.has(candidate)) found.push(candidate);
  }
  return found;
}

/** Is the programme phrase `candidate` IOM's work here (rules 1–5 above)? Returns the quote that shows it, or null. */
function presentedAsIomWork(page: PageEvidence, candidate: Candidate, accepted: ReadonlyMap<Candidate, string>): string | null {
  const text = page.folded.text;
  const { fs, fe } = candidate;
  const [from, to] = sentenceAround(page, fs, fe);
  const mentions = iomMentionsWithin(page, accepted, from, to);
  if (mentions.length === 0) return null;
  const before = mentions.filter((m) => m.fe <= fs);
  const nearestBefore = before[before.length - 1];
  if (nearestBefore) {
    const gap = text.slice(nearestBefore.fe, fs);
    const possessive = /^'s /.test(gap);
    const words = wordCount(possessive ? gap.slice(3) : gap);
    const clear = !namesAnotherActor(gap) && !SPEECH.test(gap);
    if (clear && possessive && words <= POSSESSIVE_GAP_WORDS) return quote(page, nearestBefore.fs, fe);
    if (clear && words <= AGENT_GAP_WORDS) return quote(page, nearestBefore.fs, fe);
  }
  const after = mentions.find((m) => m.fs >= fe);
  if (after) {
    const gap = text.slice(fe, after.fs);
    const clear = wordCount(gap) <= AGENT_GAP_WORDS && !namesAnotherActor(gap);
    if (clear && AGENT_AFTER_LINK.test(gap)) return quote(page, fs, after.fe);
    // A heading or an opening clause, then IOM doing the work (not "…, IOM said").
    const opensClause = /[,:]|\s-\s/.test(gap) || gap.trim() === '' || (after.fs > fe && isLineBreak(page, fe));
    if (clear && opensClause && !SPEECH.test(text.slice(after.fe, after.fe + 20))) return quote(page, fs, after.fe);
  }
  const first = before[0];
  if (first && wordCount(text.slice(from, first.fs)) <= SUBJECT_LEAD_WORDS && !SPEECH.test(text.slice(first.fe, fs))) {
    return quote(page, first.fs, fe);
  }
  return null;
}

/** Rule 7: "its …" right before the phrase, IOM the last actor named before it. */
function possessivePronounForIom(page: PageEvidence, candidate: Candidate, accepted: ReadonlyMap<Candidate, string>): string | null {
  const text = page.folded.text;
  const { fs, fe } = candidate;
  if (!POSSESSIVE_PRONOUN_BEFORE.test(text.slice(Math.max(0, fs - 30), fs))) return null;
  const earlier = iomMentionsWithin(page, accepted, fs - PRONOUN_IOM_WINDOW_CHARS, fs);
  const last = earlier[earlier.length - 1];
  if (!last || namesAnotherActor(text.slice(last.fe, fs))) return null;
  return quote(page, last.fs, fe);
}

/** Rule 9: does the phrase's paragraph open with a sentence about IOM, and its own sentence name no other actor? */
function inPassageAboutIom(page: PageEvidence, candidate: Candidate, accepted: ReadonlyMap<Candidate, string>): string | null {
  const text = page.folded.text;
  const { fs, fe } = candidate;
  let paragraphStart = fs;
  const minStart = Math.max(0, fs - PARAGRAPH_REACH_CHARS);
  while (paragraphStart > minStart && !isLineBreak(page, paragraphStart - 1)) paragraphStart--;
  if (paragraphStart === minStart && paragraphStart > 0) return null;
  const [sentenceStart] = sentenceAround(page, fs, fe);
  const [, firstSentenceEnd] = sentenceAround(page, paragraphStart, paragraphStart);
  const opening = iomMentionsWithin(page, accepted, paragraphStart, Math.max(firstSentenceEnd, paragraphStart))[0];
  if (!opening || namesAnotherActor(text.slice(paragraphStart, opening.fs))) return null;
  const ownSentence = text.slice(Math.max(sentenceStart, opening.fe), fs);
  if (namesAnotherActor(ownSentence) || SPEECH.test(ownSentence)) return null;
  return quote(page, opening.fs, Math.min(opening.fe + QUOTE_MAX_CHARS, fe));
}

/** Rule 8: is the phrase a heading of its own, with IOM named near it? */
function headingNearIom(page: PageEvidence, candidate: Candidate, accepted: ReadonlyMap<Candidate, string>): string | null {
  const source = page.text;
  const start = page.folded.sourceStart[candidate.fs];
  const end = page.folded.sourceEnd[candidate.fe - 1];
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const lineEndAt = source.indexOf('\n', end);
  const lineEnd = lineEndAt < 0 ? source.length : lineEndAt;
  if (!HEADING_PREFIX.test(source.slice(lineStart, start).trim())) return null;
  // "Labour Migration", "2.1 Humanitarian emergencies ....... 9", or a list item's label: "• Migración laboral: …".
  const labelled = /^\s*(?::|\s[-–—]\s)/.test(source.slice(end, lineEnd));
  const rest = source.slice(end, lineEnd).replace(/[\s.:·…\d]+$/, '');
  if (!labelled && (wordCount(rest) > HEADING_EXTRA_WORDS || /[.!?;,]/.test(rest))) return null;
  const near = iomMentionsWithin(page, accepted, candidate.fs - HEADING_IOM_WINDOW_CHARS, candidate.fe + HEADING_IOM_WINDOW_CHARS);
  return near.length > 0 ? quote(page, candidate.fs, candidate.fe) : null;
}

const iomNamed = (acceptedEntities: ReadonlySet<string>): boolean => [...IOM_FAMILY].some((id) => acceptedEntities.has(id));

/** Rule 7: is the phrase one of a list of programme areas (at least LIST_MIN_AREAS, close together)? */
function listedArea(page: PageEvidence, candidate: Candidate): string | null {
  const { candidates } = page;
  const index = candidates.indexOf(candidate);
  const isArea = (c: Candidate | undefined) => c !== undefined && c.compiled.entity.kind === 'programme';
  let first = index;
  const listGap = (a: Candidate, b: Candidate) => b.fs - a.fe <= LIST_GAP_CHARS && wordCount(page.folded.text.slice(a.fe, b.fs)) <= LIST_GAP_WORDS;
  while (isArea(candidates[first - 1]) && listGap(candidates[first - 1], candidates[first])) first--;
  let last = index;
  while (isArea(candidates[last + 1]) && listGap(candidates[last], candidates[last + 1])) last++;
  const areas = new Set(candidates.slice(first, last + 1).map((c) => c.compiled.entity.id));
  return areas.size >= LIST_MIN_AREAS ? quote(page, candidates[first].fs, candidates[Math.min(last, first + 1)].fe) : null;
}

/** Decide a programme phrase under the user's policy ('never' and other bodies' names are handled by the caller). */
export function judgeProgramme(
  page: PageEvidence,
  candidate: Candidate,
  policy: ProgrammePolicy,
  accepted: ReadonlyMap<Candidate, string>,
  acceptedEntities: ReadonlySet<string>,
): Verdict {
  const base = candidate.compiled.baseReason;
  if (policy === 'always') return { accept: true, reason: base };
  if (policy === 'if-iom-mentioned') {
    return iomNamed(acceptedEntities) ? { accept: true, reason: `${base}; page mentions IOM` } : { accept: false, reason: 'Programme phrase on a page that does not mention IOM' };
  }
  if (ownedByAnother(page, candidate)) return { accept: false, reason: 'Programme phrase owned by another actor here' };
  const shown =
    presentedAsIomWork(page, candidate, accepted) ??
    possessivePronounForIom(page, candidate, accepted) ??
    headingNearIom(page, candidate, accepted) ??
    inPassageAboutIom(page, candidate, accepted) ??
    (iomNamed(acceptedEntities) ? listedArea(page, candidate) : null);
  if (shown === null) return { accept: false, reason: "Programme phrase not presented as IOM's work here" };
  return { accept: true, reason: `IOM's programme area, named here as IOM's work: ${shown}` };
}
