import type { PageMentionsResponse } from '../messaging/protocol';
import { t, tOption } from '../ui/i18n';

interface OnThisPageProps {
  /** undefined while asking; null when no content script answered. */
  mentions: PageMentionsResponse | null | undefined;
  onReveal: (entityId: string) => void;
}

/** The mentions found in the target tab, one row per entity, most mentioned first. */
export function OnThisPage({ mentions, onReveal }: OnThisPageProps) {
  let body;
  if (mentions === undefined) body = null;
  else if (mentions === null) body = <p class="muted">{t('popupPageUnavailable')}</p>;
  else if (!mentions.enabled) body = <p class="muted">{t('popupPageOff')}</p>;
  else if (mentions.groups.length === 0) body = <p class="muted">{t('popupNoMentions')}</p>;
  else {
    const groups = [...mentions.groups].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    body = (
      <ul class="mentions">
        {groups.map((group) => {
          const count = group.count === 1 ? t('popupMentionCountOne') : t('popupMentionCount', String(group.count));
          return (
            <li key={group.entityId}>
              <button
                type="button"
                class="mention"
                data-testid="page-mention"
                data-entity-id={group.entityId}
                title={t('popupRevealHint', group.name)}
                onClick={() => onReveal(group.entityId)}
              >
                <span class="mention-name">{group.name}</span>
                <span class="mention-kind muted">{tOption('popupKind', group.kind)}</span>
                <span class="mention-count">{count}</span>
              </button>
            </li>
          );
        })}
      </ul>
    );
  }
  return (
    <section class="on-this-page" aria-labelledby="on-this-page-title">
      <h2 id="on-this-page-title">{t('popupOnThisPage')}</h2>
      {body}
    </section>
  );
}
