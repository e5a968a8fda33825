import type { EntityKind } from '../entities/types';
import type { CardContent } from '../messaging/protocol';
import type { Mention } from '../detect/types';
import type { Theme } from '../settings/types';
import { t } from './i18n';
import type { MessageKey } from '../ui/i18n';

/** What the content script knows locally about the entity: shown at once, before the article part arrives. */
export interface CardEntity {
  id: string;
  name: string;
  kind: EntityKind;
  description: string;
  era?: { from: number; to?: number };
  /** Its surface forms (src/entities/types.ts SurfaceForm): the era line names a former name by its acronym. */
  forms?: readonly { text: string; type: string }[];
}

export type CardContentState =
  | { state: 'loading' }
  | { state: 'ready'; content: CardContent }
  | { state: 'error'; message: string };

export interface CardProps {
  entity: CardEntity;
  mention: Mention;
  content: CardContentState;
  /** 'dialog' when opened from the keyboard: focus moves into it and a close button shows. */
  mode: 'hover' | 'dialog';
  theme: 'light' | 'dark' | 'system';
  headingId: string;
  onSearch: (query: string) => void;
  onClose: () => void;
}

/** Facts shown at once; the rest are in the expander with the full section, so the action and the source stay in view. */
const VISIBLE_FACTS = 3;

const KIND_KEYS: Record<EntityKind, MessageKey> = {
  org: 'cardKindOrg',
  'former-name': 'cardKindFormerName',
  programme: 'cardKindProgramme',
  campaign: 'cardKindCampaign',
  person: 'cardKindPerson',
};

function kindLabel(kind: EntityKind): string {
  return t(KIND_KEYS[kind] ?? 'cardKindOrg');
}

/**
 * The short name the era line uses: the mention itself when it is one of the entity's
 * acronyms (a French page's "CIME"), else its first acronym, else what was matched.
 */
export function eraName(entity: CardEntity, surface: string): string {
  const matched = surface.replace(/\s+/g, ' ').trim();
  const acronyms = (entity.forms ?? []).filter((form) => form.type === 'acronym').map((form) => form.text);
  if (acronyms.includes(matched)) return matched;
  return acronyms[0] ?? (matched || entity.name);
}

/** "ICEM — name of IOM 1952–1980" for former names; the term for Directors General. */
export function eraLine(entity: CardEntity, surface: string): string | null {
  const era = entity.era;
  if (!era) return null;
  if (entity.kind === 'former-name') return t('cardEraFormerName', [eraName(entity, surface), era.from, era.to ?? '']);
  if (entity.kind === 'person') return era.to ? t('cardEraPerson', [era.from, era.to]) : t('cardEraPersonSince', [era.from]);
  return null;
}

/**
 * The part of the detector's reason worth showing under the era line. Reasons are
 * clauses joined by "; " ("Former name of IOM, 1952–1980; 1956 nearby"): a clause that
 * restates the era (it names the era's years) is dropped, the evidence is kept.
 */
export function reasonBesidesEra(reason: string, entity: CardEntity, eraShown: boolean): string {
  const era = entity.era;
  if (!eraShown || !era) return reason;
  const years = era.to === undefined ? String(era.from) : `${era.from}–${era.to}`;
  return reason
    .split(/;\s*/)
    .filter((clause) => clause && !clause.includes(years))
    .join('; ');
}

/**
 * What the card's action searches for: a former name by its acronym ("ICEM", the form the
 * article uses), anything else by its name without the acronym in brackets.
 */
export function searchQueryFor(entity: Pick<CardEntity, 'name' | 'kind'>): string {
  const bracketed = /^(.*?)\s*\(([^)]+)\)$/.exec(entity.name);
  if (!bracketed) return entity.name;
  return entity.kind === 'former-name' ? bracketed[2] : bracketed[1] || entity.name;
}

export function resolveTheme(theme: Theme): 'light' | 'dark' | 'system' {
  return theme === 'light' || theme === 'dark' ? theme : 'system';
}

export function Card(props: CardProps) {
  const { entity, mention, content, mode, headingId } = props;
  const era = eraLine(entity, mention.surface);
  const reason = reasonBesidesEra(mention.reason ?? '', entity, era !== null);
  const query = searchQueryFor(entity);
  return (
    <div
      class="card"
      data-theme={props.theme}
      data-mode={mode}
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      tabIndex={-1}
      data-entity={entity.id}
    >
      <div class="head">
        <div class="titles">
          <p class="kind">{kindLabel(entity.kind)}</p>
          <h2 class="name" id={headingId}>
            {entity.name}
          </h2>
        </div>
        <button type="button" class="close" aria-label={t('cardClose')} title={t('cardClose')} onClick={props.onClose}>
          ×
        </button>
      </div>
      {era ? <p class="era">{era}</p> : null}
      <p class="reason">
        {t('cardMatched', [mention.surface.replace(/\s+/g, ' ')])}
        {reason ? ` — ${reason}` : ''}
      </p>
      <ContentPart content={content} />
      {/* The action and the source stay in view at the card's foot while its body scrolls. */}
      <div class="footer">
        <button type="button" class="search" onClick={() => props.onSearch(query)}>
          {t('cardSearch', [query])}
        </button>
        {content.state === 'ready' ? (
          <p class="source">
            {content.content.attribution}
            {content.content.licenceUrl ? (
              <>
                {' · '}
                <a href={content.content.licenceUrl} target="_blank" rel="noopener noreferrer">
                  {content.content.licenceUrl.replace(/^https?:\/\//, '')}
                </a>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function ContentPart({ content }: { content: CardContentState }) {
  if (content.state === 'loading') {
    return (
      <p class="loading" role="status">
        {t('cardLoading')}
      </p>
    );
  }
  if (content.state === 'error') {
    return (
      <p class="error" role="alert">
        {t('cardError', [content.message])}
      </p>
    );
  }
  const c = content.content;
  const shownFacts = c.facts.slice(0, VISIBLE_FACTS);
  const moreFacts = c.facts.slice(VISIBLE_FACTS);
  return (
    <>
      {c.summary ? <p class="summary">{c.summary}</p> : null}
      {c.since?.length ? <SinceArticle facts={c.since} /> : null}
      {shownFacts.length ? (
        <>
          <p class="facts-title">{t('cardKeyFacts')}</p>
          <Facts facts={shownFacts} />
        </>
      ) : null}
      {c.paragraphs.length || moreFacts.length ? (
        <details>
          <summary>{t('cardFullSection', [c.sectionPath])}</summary>
          {moreFacts.length ? <Facts facts={moreFacts} /> : null}
          {c.paragraphs.map((paragraph, i) => (
            <p key={i}>
              {paragraph.text}
              {paragraph.cutOff ? <span class="cut"> {t('cardCutOff')}</span> : null}
            </p>
          ))}
        </details>
      ) : null}
    </>
  );
}

/** Facts from after the 2014 article (data/since-2014.json): apart, labelled, each with its date and source. */
function SinceArticle({ facts }: { facts: NonNullable<CardContent['since']> }) {
  return (
    <div class="since" data-testid="card-since">
      <p class="facts-title">{t('cardSinceArticle')}</p>
      <ul>
        {facts.map((fact) => (
          <li key={fact.id}>
            <span class="since-date">{fact.date}</span> {fact.text}{' '}
            <span class="since-source">{t('cardSinceSource', [[fact.sources[0].publisher, fact.sources[0].date].join(', ')])}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Facts({ facts }: { facts: CardContent['facts'] }) {
  return (
    <dl class="facts">
      {facts.map((fact) => (
        <div class="fact" key={fact.key}>
          <dt>{fact.label}</dt>
          <dd>
            {fact.value} <span class="asof">({t('cardAsOf', [fact.asOf])})</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
