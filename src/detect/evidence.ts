/**
 * Evidence for ambiguous forms: context scores, counter-evidence, code and company guards, person
 * and campaign rules, and the staged decision order (see README.md in this folder).
 */
import type { Entity } from '../entities/types';
import { DEFAULT_RULE, PERSON_TITLES, SURNAME_FOLLOWERS } from './rules';
import { type Candidate, type ContextScore, type CueHit, type PageEvidence, type Verdict, WORD_CHAR } from './model';
import { counterGroups, joinLabels } from './reasons';
import { governingDefinition } from './definitions';

/** How far (in folded characters, each side) context words count as "near" a mention. */
export const EVIDENCE_WINDOW_CHARS = 300;

/** Weight of counter-evidence within EVIDENCE_WINDOW_CHARS of the mention… */
const NEAR_COUNTER_FACTOR = 2;
/** …and elsewhere on the page. */
const FAR_COUNTER_FACTOR = 0.5;
/**
 * …and at most this much in all: a long reference list citing the Institute of Medicine must not
 * outweigh IOM's full name on the page (review of issue 3: far evidence matters only when there is
 * no IOM evidence).
 */
const FAR_COUNTER_CAP = 3;

/** How far a year may stand from a former acronym to count as evidence of its era. */
export const ERA_WINDOW_CHARS = 400;

/** Years of slack around a former name's era ("ICEM's 1951 founding conference"). */
const ERA_SLACK_YEARS = 2;

/** Near-context weight that accepts an acronym on its own (e.g. "migrants", or "UN" + "Geneva"). */
const NEAR_CONTEXT_THRESHOLD = 2;

/**
 * Near-context weight that accepts ICEM without a year or IOM on the page, when nothing points
 * elsewhere: "ICEM arranged travel for refugees seeking asylum" (refugees + asylum + travel words).
 */
const STRONG_CONTEXT_THRESHOLD = 4;

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

const LOWER_OR_IDENT = /[\p{Ll}\p{N}_$]/u;

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

/** Characters that end the run of text an address or slug can be part of (Markdown and HTML delimiters, quotes, spaces). */
const ADDRESS_DELIMITER = /[\s"'<>()[\]{}|`]/;

/** How far to look each side of a mention for the ends of the address it may sit in. */
export const ADDRESS_REACH_CHARS = 300;

/**
 * A web address, e-mail address, path or file name: "https://…", "www.…", "a@b", "/entramado/oim_mexico",
 * "iom.int/en", "name.jpg". A bare slash is not one: "ICEM/UNHCR/USRP", "IOM/UNHCR".
 */
const ADDRESS_LIKE = /:\/\/|^www\.|\S@\S|^\/|\.[a-z]{2,}\/|\.(?:jpe?g|png|gif|svg|webp|pdf|html?|php|aspx?|md|json|xml|docx?|xlsx?|csv|zip)$/i;

/**
 * Is [fs, fe) inside a web address, file name or slug? The run of text around it up to the next
 * space, quote or bracket is an address ("https://…-IOM-Director-General-…-Amy-Pope.jpg"), or the
 * mention itself is a slug: a name written with hyphens for spaces in lower case ("amy-pope"). Such
 * text is never a mention; Markdown link text ("[IOM's spreadsheet](…)") stays outside the run.
 */
export function insideAddressOrSlug(text: string, candidate: Candidate): boolean {
  const { fs, fe } = candidate;
  let from = fs;
  const minFrom = Math.max(0, fs - ADDRESS_REACH_CHARS);
  while (from > minFrom && !ADDRESS_DELIMITER.test(text[from - 1])) from--;
  let to = fe;
  const maxTo = Math.min(text.length, fe + ADDRESS_REACH_CHARS);
  while (to < maxTo && !ADDRESS_DELIMITER.test(text[to])) to++;
  const run = text.slice(from, to).replace(/[.,;:!?]+$/, '');
  if (run.length > fe - fs && ADDRESS_LIKE.test(run)) return true;
  const surface = text.slice(fs, fe);
  const formText = candidate.compiled.form.text;
  const hyphenForSpace = [...surface].some((ch, i) => ch === '-' && formText[i] === ' ');
  return hyphenForSpace && surface === surface.toLowerCase();
}

/** "IOM MIGRATION CONSULTANTS LIMITED", "ICM Costruzioni srl": a registered company's name, not the body. */
const COMPANY_AFTER =
  /^(?:[ &-]+[\p{Lu}\p{N}][\p{L}\p{N}'.&-]*){0,5}[ ,]+(?:Limited|LIMITED|Ltd|LTD|PLC|plc|LLC|Inc|INC|GmbH|GMBH|AG|S\.A\.|SA|S\.r\.l\.|Srl|srl|SRL|SARL|SAS|B\.V\.|BV|Pty|PTY)\.?(?![\p{L}\p{N}])/u;

function inCompanyName(text: string, fs: number, fe: number): boolean {
  return COMPANY_AFTER.test(text.slice(fe, fe + 80));
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

/** Index of the first item whose position is at or after `position`, in items sorted by position. */
export function firstAtOrAfter<T>(items: ArrayLike<T>, position: number, positionOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positionOf(items[mid]) < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const hitStart = (hit: CueHit): number => hit.at;
export const candidateStart = (candidate: Candidate): number => candidate.fs;

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
  for (let i = firstAtOrAfter(page.hits, Math.max(0, from), hitStart); i < page.hits.length && page.hits[i].at < to; i++) {
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

/** A pseudo cue hit so that a late year can be named in a reason like a context word. */
function lateYearHit(year: string, at: number): CueHit {
  return { at, end: at, entry: { id: `late-year:${year}`, group: 'late-year', cue: { text: year, weight: 3 } } };
}

/** Decide an ambiguous candidate. `acceptedEntities` holds the entities accepted in earlier stages. */
export function judge(page: PageEvidence, candidate: Candidate, acceptedEntities: Set<string>): Verdict {
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
    // Counter-evidence near the mention counts double; far away on the page (a country list
    // with "Isle of Man" in a footer) only half.
    const far = Math.min(FAR_COUNTER_CAP, FAR_COUNTER_FACTOR * (pageAgainst.weight - nearAgainst.weight));
    return { weight: NEAR_COUNTER_FACTOR * nearAgainst.weight + far + extra, hits };
  };
  const reject = (why: string): Verdict => ({ accept: false, reason: why });
  const iomNamed = page.namedUnambiguously.has('iom');
  const iomAccepted = iomNamed || acceptedEntities.has('iom');
  const directorGeneralNamed = PERSON_IDS.some((id) => acceptedEntities.has(id));

  const next = /^[ -]?(\p{L}+)(?: (\p{L}+))?/u.exec(text.slice(fe, fe + 40));
  const nextWord = next?.[1]?.toLowerCase();
  const nextTwoWords = next?.[2] ? `${nextWord} ${next[2].toLowerCase()}` : undefined;
  const vetoedBy = [nextWord, nextTwoWords].find((words) => words !== undefined && rule.vetoNext?.includes(words));
  if (vetoedBy) return reject(`"${compiled.form.text} ${vetoedBy}" names something else`);

  if (compiled.form.type === 'acronym') {
    if (looksLikeCode(text, fs, fe)) return reject('Identifier in code');
    if (inCompanyName(text, fs, fe)) return reject('Part of a company name');
    if (rule.rule === 'org-acronym') {
      const local = localVerdict(page, candidate, rule.collisions, base);
      if (local) return local;
    } else {
      const definition = governingDefinition(page, compiled.form.text, fs);
      if (definition && !definition.own) return reject(`Defined on this page as "${definition.longForm}"`);
      if (definition?.own) return { accept: true, reason: `${base}; defined on this page` };
    }
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
        (rule.eraAlone === true && eraNear !== null && counter.weight === 0) ||
        (rule.eraAlone === true && context.weight >= STRONG_CONTEXT_THRESHOLD && counter.weight === 0);
      if (!gate) return reject('No evidence of the migration committee or its era');
      const strength = (fullName ? 5 : 0) + (familyNamed ? 2 : 0) + Math.min(context.weight, 6) + (eraNear !== null ? 2 : 0);
      if (counter.weight >= strength) return reject(`Context points elsewhere (${counterGroups(counter.hits)})`);
      const details: string[] = [];
      if (fullName) details.push('full name on the page');
      else if (iomAccepted) details.push('page names IOM');
      else if (familyNamed) details.push('page names another of its names');
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
      // "…the Vatican's message… a speech by Amy Pope… Pope argues": the nearer evidence decides.
      if (counter.weight > 0 && nearestCueDistance(page, rule.collisions, fs, fe) <= nearestFullNameDistance(page, candidate)) {
        return reject(`Context points elsewhere (${counterGroups(counter.hits)})`);
      }
      const otherName = partOfAnotherName(page, fs, fe);
      if (otherName) return reject(otherName);
      const fullName = acceptedEntities.has(compiled.entity.id);
      // "IOM chief Vitorino", "le chef de l'OIM, Vitorino": the organization is named right there.
      if (iomTitled(text, fs)) return { accept: true, reason: `${base}; titled as IOM's head` };
      if (titled(text, fs) && (fullName || iomAccepted)) return { accept: true, reason: `${base}; titled, on a page that mentions IOM` };
      if (!fullName) return reject('Surname alone, without the full name on the page');
      // Once the full name is on the page, the bare surname is the person in any language
      // ("dijo Pope", "Vitorino sagte", "chose Pope over…"); a surname that is also an everyday
      // word ("Swing") must still read as a name ("Swing said", "said Swing.").
      if (rule.commonWord && !usedAsName(page, fs, fe)) return reject('Surname not used as a name here');
      if (describedAsOther(text, fs)) return reject('Another person of that name');
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

/** A sentence reaches at most this far (original UTF-16 units) each side of a mention. */
export const SENTENCE_MAX_CHARS = 250;

/** Local counter-evidence this strong (in the mention's own sentence) rejects unless local migration words outweigh it. */
const LOCAL_COUNTER_VETO = 2;

/** Beyond its own sentence, counter-evidence this close still weighs against migration words in the sentence. */
const LOCAL_NEAR_CHARS = 120;

/** ". ! ? 。 ؟" — checked by char code: this runs for every IOM/OIM on a page. */
function isSentenceEnd(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 0x3002 || code === 0x061f;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x202f || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;
}

/**
 * The folded span of the sentence around [fs, fe): bounded by sentence punctuation followed by
 * white space, or a line break (read in the original text: folding turns line breaks into spaces).
 */
function sentenceSpan(page: PageEvidence, fs: number, fe: number): [number, number] {
  const source = page.text;
  const { sourceStart, sourceEnd } = page.folded;
  const start = sourceStart[fs];
  const end = sourceEnd[fe - 1];
  let from = start;
  const minFrom = Math.max(0, start - SENTENCE_MAX_CHARS);
  while (from > minFrom) {
    const code = source.charCodeAt(from - 1);
    if (code === 10 || (from < start && isSentenceEnd(code) && isSpace(source.charCodeAt(from)))) break;
    from--;
  }
  let to = end;
  const maxTo = Math.min(source.length, end + SENTENCE_MAX_CHARS);
  while (to < maxTo) {
    const code = source.charCodeAt(to);
    if (code === 10) break;
    to++;
    if (isSentenceEnd(code) && (to >= source.length || isSpace(source.charCodeAt(to)))) break;
  }
  return [foldedIndexAtOrAfter(sourceStart, from), foldedIndexAtOrAfter(sourceStart, to)];
}

function foldedIndexAtOrAfter(sourceStart: Int32Array, original: number): number {
  return firstAtOrAfter(sourceStart, original, (offset) => offset);
}

/**
 * "migration" alone is also a database or software migration: on a page with counter-evidence it
 * is not enough local evidence on its own (the people words — migrants, refugees… — are).
 */
const BARE_MIGRATION_NOUNS = new Set(['migration', 'migrations', 'migrac', 'migrazion']);

/** Counter-evidence this close to an acronym ("Douglas, IOM, IM1", "EBSD detector with OIM software") decides unless migration words are as close. */
const TIGHT_WINDOW_CHARS = 40;

/** An unambiguous IOM name this close supports an acronym against counter-evidence just outside its sentence. */
const IOM_NAME_NEAR_SUPPORT = 4;

/**
 * IOM's acronyms are decided by the nearest evidence first (review of issue 3): the acronym's own
 * definition, counter-evidence next to it or in its sentence or paragraph, the definition that
 * governs it, migration words in its own sentence. Far-off counter-evidence (a citation of the
 * Institute of Medicine, an Isle of Man footer) only matters when there is no local evidence
 * either way: then this returns null and the page-wide score decides.
 */
function localVerdict(page: PageEvidence, candidate: Candidate, collisions: readonly string[], base: string): Verdict | null {
  const { compiled, fs, fe } = candidate;
  const reject = (why: string, hits: CueHit[]): Verdict => ({ accept: false, reason: `${why} (${counterGroups(hits)})` });
  const definition = governingDefinition(page, compiled.form.text, fs);
  // The mention is itself the definition: "International Organization for Migration (IOM)", "Isle of Man (IOM)".
  if (definition && definition.at === fs) {
    return definition.own ? { accept: true, reason: `${base}; defined on this page` } : { accept: false, reason: `Defined here as "${definition.longForm}"` };
  }
  const tightCounter = scoreCues(page, collisions, fs - TIGHT_WINDOW_CHARS, fe + TIGHT_WINDOW_CHARS, fs, fe);
  if (tightCounter.weight >= LOCAL_COUNTER_VETO) {
    const tightContext = scoreCues(page, MIGRATION_GROUPS, fs - TIGHT_WINDOW_CHARS, fe + TIGHT_WINDOW_CHARS, fs, fe);
    if (tightCounter.weight > tightContext.weight) return reject('Context here points elsewhere', tightCounter.hits);
  }
  const [from, to] = sentenceSpan(page, fs, fe);
  const localContext = scoreCues(page, MIGRATION_GROUPS, from, to, fs, fe);
  const sentenceCounter = scoreCues(page, collisions, from, to, fs, fe);
  if (sentenceCounter.weight >= LOCAL_COUNTER_VETO && sentenceCounter.weight >= localContext.weight) {
    return reject('Context here points elsewhere', sentenceCounter.hits);
  }
  // Counter-evidence just outside the sentence, in the same paragraph, is local too ("…told Tynwald.
  // The money will fund … IOM teams"; "IOM registered migrants. Ferries leave for the Isle of Man.").
  const [paragraphFrom, paragraphTo] = paragraphSpan(page, fs, fe, LOCAL_NEAR_CHARS);
  const aroundCounter = scoreCues(page, collisions, paragraphFrom, paragraphTo, fs, fe);
  const nameNear = hasIomNameWithin(page, fs - EVIDENCE_WINDOW_CHARS, fe + EVIDENCE_WINDOW_CHARS);
  if (aroundCounter.weight >= LOCAL_COUNTER_VETO && aroundCounter.weight >= localContext.weight + (nameNear ? IOM_NAME_NEAR_SUPPORT : 0)) {
    return reject('Context here points elsewhere', aroundCounter.hits);
  }
  const pageHasCounter = pageScore(page, collisions).weight > 0;
  const peopleWords = localContext.weight > 2 || localContext.hits.some((hit) => !BARE_MIGRATION_NOUNS.has(hit.entry.cue.text));
  const migrationHere =
    localContext.weight >= NEAR_CONTEXT_THRESHOLD && sentenceCounter.weight === 0 && localContext.weight > aroundCounter.weight && (peopleWords || !pageHasCounter);
  // IOM named in full in the acronym's own sentence or the one before, with no counter-evidence in
  // either: a reader takes the acronym for it ("…the International Organization for Migration
  // estimates… IOM figures suggest…"), whatever another IOM elsewhere on the page means.
  if (definition?.own !== true && iomNamedJustBefore(page, from, to, collisions)) {
    return { accept: true, reason: `${base}; named in full just before` };
  }
  if (definition && !definition.own) {
    // Another body's definition governs; far away, it yields to migration words in the sentence.
    if (Math.abs(definition.at - fs) <= EVIDENCE_WINDOW_CHARS || !migrationHere) return { accept: false, reason: `Defined on this page as "${definition.longForm}"` };
    return { accept: true, reason: `${base}; text mentions ${joinLabels(page, localContext.hits)}` };
  }
  if (definition?.own) return { accept: true, reason: `${base}; defined on this page` };
  // Migration words in the acronym's own sentence outweigh counter-evidence further away.
  if (migrationHere) return { accept: true, reason: `${base}; text mentions ${joinLabels(page, localContext.hits)}` };
  return null;
}

/** Is IOM's unambiguous name in the sentence [from, to) or the one before it, with no counter-evidence in either? */
function iomNamedJustBefore(page: PageEvidence, from: number, to: number, collisions: readonly string[]): boolean {
  const text = page.folded.text;
  let previousEnd = from - 1;
  while (previousEnd > 0 && text.charCodeAt(previousEnd) === 32) previousEnd--;
  const spanFrom = previousEnd > 0 ? sentenceSpan(page, previousEnd, previousEnd + 1)[0] : from;
  return hasIomNameWithin(page, spanFrom, to) && scoreCues(page, collisions, spanFrom, to).weight === 0;
}

/** The folded span around [fs, fe), at most `reach` original units each side, not crossing a line break. */
function paragraphSpan(page: PageEvidence, fs: number, fe: number, reach: number): [number, number] {
  const source = page.text;
  const { sourceStart, sourceEnd } = page.folded;
  const start = sourceStart[fs];
  const end = sourceEnd[fe - 1];
  // Scan only within reach: a page without line breaks must not cost a full pass per mention.
  let from = start;
  const minFrom = Math.max(0, start - reach);
  while (from > minFrom && source[from - 1] !== '\n') from--;
  let to = end;
  const maxTo = Math.min(source.length, end + reach);
  while (to < maxTo && source[to] !== '\n') to++;
  return [foldedIndexAtOrAfter(sourceStart, from), foldedIndexAtOrAfter(sourceStart, to)];
}

/** Is an unambiguous IOM name (not an acronym) within [from, to)? */
function hasIomNameWithin(page: PageEvidence, from: number, to: number): boolean {
  const { candidates } = page;
  for (let i = firstAtOrAfter(candidates, from, candidateStart); i < candidates.length && candidates[i].fs < to; i++) {
    const { entity, form } = candidates[i].compiled;
    if (entity.id === 'iom' && !form.ambiguous) return true;
  }
  return false;
}

/** Distance from [fs, fe) to the nearest cue of the given groups within EVIDENCE_WINDOW_CHARS (Infinity if none). */
function nearestCueDistance(page: PageEvidence, groups: readonly string[], fs: number, fe: number): number {
  const wanted = groupSet(groups);
  let best = Infinity;
  for (let i = firstAtOrAfter(page.hits, fs - EVIDENCE_WINDOW_CHARS, hitStart); i < page.hits.length && page.hits[i].at < fe + EVIDENCE_WINDOW_CHARS; i++) {
    const hit = page.hits[i];
    if (!wanted.has(hit.entry.group) || (hit.at >= fs && hit.end <= fe)) continue;
    best = Math.min(best, hit.at >= fe ? hit.at - fe : Math.max(0, fs - hit.end));
  }
  return best;
}

/** Distance from a bare surname to the nearest full name of the same person within EVIDENCE_WINDOW_CHARS (Infinity if none). */
function nearestFullNameDistance(page: PageEvidence, candidate: Candidate): number {
  const { candidates } = page;
  const id = candidate.compiled.entity.id;
  let best = Infinity;
  // Full names are at most a few words long: start a little before the window.
  for (let i = firstAtOrAfter(candidates, candidate.fs - 2 * EVIDENCE_WINDOW_CHARS, candidateStart); i < candidates.length; i++) {
    const other = candidates[i];
    if (other.fs > candidate.fe + EVIDENCE_WINDOW_CHARS) break;
    if (other.fe < candidate.fs - EVIDENCE_WINDOW_CHARS || other === candidate || other.compiled.entity.id !== id) continue;
    if ((other.compiled.rule ?? DEFAULT_RULE).rule === 'person-surname') continue;
    best = Math.min(best, other.fs >= candidate.fe ? other.fs - candidate.fe : Math.max(0, candidate.fs - other.fe));
  }
  return best;
}

/** Is any IOM form (accepted or not) within [from, to)? Candidates are sorted by start. */
function hasIomCandidateWithin(page: PageEvidence, from: number, to: number): boolean {
  const { candidates } = page;
  for (let i = firstAtOrAfter(candidates, from, candidateStart); i < candidates.length && candidates[i].fs < to; i++) {
    if (candidates[i].compiled.entity.id === 'iom') return true;
  }
  return false;
}

const PERSON_IDS = ['person/william-lacy-swing', 'person/antonio-vitorino', 'person/amy-pope'];

export const FORMER_IDS = ['picmme', 'icem', 'icm'];

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
  const lo = firstAtOrAfter(years, fs, (year) => year.at);
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

/** Capitalized words that start sentences or clauses and are not given names ("Yesterday Pope said…"). */
const CAPITALIZED_FUNCTION_WORDS = new Set([
  'yesterday', 'today', 'tomorrow', 'but', 'and', 'when', 'then', 'later', 'also', 'now', 'so', 'meanwhile', 'however',
  'in', 'at', 'on', 'as', 'after', 'before', 'said', 'says', 'while', 'since', 'under', 'with',
  'als', 'und', 'aber', 'heute', 'gestern', 'dann', 'auch', 'nun', 'laut', 'wie', 'sagte',
  'y', 'pero', 'hoy', 'ayer', 'luego', 'segun', 'dijo', 'con', 'para', 'cuando',
  'et', 'mais', 'hier', 'puis', 'selon', 'pour', 'quand', 'avec',
  'e', 'ma', 'ieri', 'oggi', 'poi', 'secondo', 'per', 'quando', 'mas', 'ontem', 'hoje', 'depois', 'segundo', 'disse',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag',
]);

/** Words before a bare surname that make it a noun or another person ("the Pope", "el papa"). */
const DETERMINERS = new Set([
  'the', 'a', 'an', 'le', 'la', 'les', 'el', 'los', 'las', 'il', 'lo', 'o', 'os', 'der', 'die', 'das', 'den', 'dem', 'des', 'un', 'une', 'una', 'uno', 'ein', 'eine', 'this', 'that',
]);

/**
 * Is a bare surname part of another name or a noun here? "Pope Francis", "Alexander Pope",
 * "the Pope", "Pope Benedict XVI". Returns the reason, or null. Titles ("Director General Pope",
 * "Ms Pope") are not names: they are checked by the caller first.
 */
function partOfAnotherName(page: PageEvidence, fs: number, fe: number): string | null {
  const text = page.folded.text;
  if (/^ [\p{Lu}]/u.test(text.slice(fe, fe + 2))) return 'Part of a longer name';
  const before = /(?:^|[^\p{L}'])([\p{L}]+)[ ]$/u.exec(text.slice(Math.max(0, fs - 40), fs));
  if (!before) return null;
  const previous = before[1];
  const lower = previous.toLowerCase();
  if (DETERMINERS.has(lower)) return 'Used as a noun here';
  if (!/^\p{Lu}/u.test(previous) || titled(text, fs) || iomTitled(text, fs)) return null;
  if (CAPITALIZED_FUNCTION_WORDS.has(lower)) return null;
  // A capitalized word written in lower case elsewhere on the page is an ordinary word, not a given name.
  if (previous.length > 1 && page.folded.text.includes(` ${lower} `)) return null;
  return 'Part of a longer name';
}

/** "IOM chief", "IOM-Chef", "head of IOM,", "jefa de la OIM", "chef de l'OIM,": IOM's head named right before. */
const IOM_TITLE_BEFORE =
  /(?:(?:IOM|OIM|UN Migration|UN migration agency)(?:'s)?[ -](?:chief|head|boss|leader|director|director[ -]general|chef|chefin|chefe|capo|jefe|jefa|leiter|leiterin)|(?:chief|head|leader|director[ -]general|chef|cheffe|chefe|capo|jefe|jefa|leiter|leiterin|directeur general|directrice generale|directora general|director general|direttore generale|direttrice generale|diretor-geral|diretora-geral|generaldirektor|generaldirektorin) (?:of |de |del |da |do |della |dell'|der )?(?:the |la |l')?(?:IOM|OIM|UN Migration)),? $/iu;

function iomTitled(text: string, fs: number): boolean {
  return IOM_TITLE_BEFORE.test(text.slice(Math.max(0, fs - 50), fs));
}

/** Agent nouns right before a surname describe someone else: "the folk singer Vitorino", "poet Pope". */
const ROLE_NOUN = /^(?:\p{Ll}{2,}(?:er|or|ist|ista|ian|eur|euse|ora|erin)|poet|poeta|poete|coach|star|legend|saint|king|priest|cardinal|father|bishop|cantante)$/u;

/** Words with those endings that are not roles ("after Pope took office", "later Pope said"). */
const NOT_ROLE_NOUNS = new Set([
  'after', 'over', 'under', 'never', 'ever', 'other', 'whether', 'rather', 'either', 'neither', 'together', 'however',
  'whenever', 'wherever', 'later', 'earlier', 'faster', 'further', 'hinter', 'unter', 'oder', 'aber', 'wieder', 'sobre', 'entre', 'ahora', 'senior', 'junior',
  'sector', 'interior', 'exterior', 'mayor', 'major', 'minor', 'prior', 'anterior', 'posterior', 'superior', 'inferior', 'durante', 'menor', 'mejor', 'peor', 'meilleur', 'leur',
]);

function describedAsOther(text: string, fs: number): boolean {
  const previous = /(\p{L}+) $/u.exec(text.slice(Math.max(0, fs - 30), fs))?.[1];
  return previous !== undefined && ROLE_NOUN.test(previous) && !NOT_ROLE_NOUNS.has(previous) && !titled(text, fs) && !iomTitled(text, fs);
}

/** A lower-case word that reads as a verb after a name: "emphasized", "calls", "afirmó", "afirmou". */
const VERB_LIKE = /^\p{Ll}{2,}(?:ed|es|s|ó|ou|ò)$/u;

const ARTICLES = new Set(['the', 'a', 'an', 'le', 'la', 'el', 'o', 'il', 'der', 'die']);

const SPEECH_BEFORE = new Set(['said', 'says', 'added', 'explained', 'noted', 'stressed', 'warned', 'told', 'asked', 'wrote', 'insisted', 'urged', 'dit', 'dijo', 'afirmo', 'disse', 'ha', 'to']);

export function brandingGuarded(page: PageEvidence, candidate: Candidate): boolean {
  const guards = candidate.compiled.brandingGuards;
  if (!guards) return false;
  const nextWord = /^ (\p{L}+)/u.exec(page.folded.text.slice(candidate.fe, candidate.fe + 40))?.[1];
  return nextWord !== undefined && guards.includes(nextWord.toLowerCase());
}

/** "Global Forum on Migration and Development", "Journal of Migration and Health", "Office of Refugee Resettlement": another body's name. */
const OTHER_BODY_BEFORE =
  /(?:(?:forum|dialogue|network|committee|conference|commission|summit|council|convention|compact|declaration) on (?:international )?|(?:journal|institute|centre|center|department|ministry|office|school|faculty|chair) (?:of|for|on) (?:international )?)$/i;

export function insideOtherBodyName(page: PageEvidence, candidate: Candidate): boolean {
  return OTHER_BODY_BEFORE.test(page.folded.text.slice(Math.max(0, candidate.fs - 40), candidate.fs));
}

export function stageOf(candidate: Candidate): number {
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
export function genericLowercase(page: PageEvidence, candidate: Candidate): boolean {
  const { form, entity } = candidate.compiled;
  if (form.type !== 'name' || !form.lang.startsWith('en') || (entity.kind !== 'org' && entity.kind !== 'former-name')) return false;
  return !/\p{Lu}/u.test(page.folded.text.slice(candidate.fs, candidate.fe));
}
