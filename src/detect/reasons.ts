/** The short human reasons shown on cards ("Former name of IOM, 1952–1980; 1956 nearby"). */
import type { Entity } from '../entities/types';
import { type CompiledForm, type CueHit, type PageEvidence, WORD_CHAR } from './model';

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', 'en-GB': 'British English', fr: 'French', es: 'Spanish', ar: 'Arabic', zh: 'Chinese',
  'zh-Hant': 'Chinese (traditional)', ru: 'Russian', de: 'German', it: 'Italian', pt: 'Portuguese', nl: 'Dutch',
  sv: 'Swedish', da: 'Danish', hu: 'Hungarian',
};

function eraText(entity: Entity): string {
  if (!entity.era) return '';
  const { from, to } = entity.era;
  if (to === undefined) return `since ${from}`;
  return from === to ? `${from}` : `${from}–${to}`;
}

const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The original word a cue hit sits in ("migrant" hit → "migrants"), for reasons. */
function surfaceWord(page: PageEvidence, hit: CueHit): string {
  let end = hit.end;
  const text = page.folded.text;
  // Chinese has no spaces: the word is the cue itself ("移民", not the whole run of ideographs after it).
  while (end < text.length && end - hit.at < 40 && WORD_CHAR.test(text[end]) && !IDEOGRAPH.test(text[end])) end++;
  const start = page.folded.sourceStart[hit.at];
  const sourceEnd = page.folded.sourceEnd[end - 1];
  const word = page.text.slice(start, sourceEnd);
  return hit.entry.cue.caseSensitive ? word : word.toLowerCase();
}

export function joinLabels(page: PageEvidence, hits: CueHit[]): string {
  const labels = hits.map((hit) => (hit.entry.group === 'late-year' ? hit.entry.cue.text : surfaceWord(page, hit)));
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

function acronymReason({ entity, form }: CompiledForm): string {
  const languages = [...new Set(entity.forms.filter((f) => f.text === form.text).map((f) => LANGUAGE_NAMES[f.lang] ?? f.lang))];
  return languages.length === 1 && languages[0] === 'English' ? 'Acronym of IOM' : `${languages.join('/')} acronym of IOM`;
}

export function baseReason(compiled: CompiledForm): string {
  const { entity, form } = compiled;
  const language = LANGUAGE_NAMES[form.lang] ?? form.lang;
  switch (entity.kind) {
    case 'org':
      if (form.type === 'acronym') return acronymReason(compiled);
      if (form.type === 'short-name') return `IOM's UN branding (${language})`;
      if (form.type === 'description') return `IOM, described as the UN migration agency (${language})`;
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
export function counterGroups(hits: CueHit[]): string {
  return [...new Set(hits.map((hit) => hit.entry.group))].join(', ');
}
