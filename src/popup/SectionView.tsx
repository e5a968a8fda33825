import { article, sectionById, type Citation, type Reference } from '../article';
import { t } from '../ui/i18n';

/** Paragraph text with its reference markers put back as links to the reference list. */
function CitedText({ text, citations, idPrefix }: { text: string; citations: Citation[]; idPrefix: string }) {
  const sorted = [...citations].sort((a, b) => a.at - b.at);
  const parts = [];
  let pos = 0;
  for (const [i, c] of sorted.entries()) {
    parts.push(text.slice(pos, c.at));
    parts.push(
      <sup key={i}>
        <a href={`#${idPrefix}-ref-${c.ref}`}>[{c.ref}]</a>
      </sup>,
    );
    pos = c.at;
  }
  parts.push(text.slice(pos));
  return <>{parts}</>;
}

function referenceLine(r: Reference): string {
  return [r.title, r.publisher, r.date].filter(Boolean).join(' — ') + (r.retrieved ? ` (${r.retrieved})` : '');
}

interface SectionViewProps {
  sectionId: string;
  onOpenSection: (sectionId: string) => void;
}

/** A whole section of the article: its path, paragraphs (or infobox facts), subsections and the references it cites. */
export function SectionView({ sectionId, onOpenSection }: SectionViewProps) {
  const section = sectionById(sectionId);
  if (!section) return <p class="error">{sectionId}</p>;
  const idPrefix = `s-${sectionId.replace(/[^a-z0-9]+/gi, '-')}`;
  const cited = new Set<number>();
  for (const p of section.paragraphs) for (const c of p.citations) cited.add(c.ref);
  for (const f of section.facts ?? []) for (const c of f.citations) cited.add(c.ref);
  const references = article.references.filter((r) => cited.has(r.number));

  return (
    <article class="section-view" aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`} tabIndex={-1} data-testid="section-title">
        {section.path}
      </h2>
      {section.facts && (
        <dl class="facts">
          {section.facts.map((fact) => (
            <div key={fact.key}>
              <dt>{fact.label}</dt>
              <dd>
                <CitedText text={fact.value} citations={fact.citations} idPrefix={idPrefix} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {section.paragraphs.map((p, i) => (
        <p key={i} class={p.role ? `paragraph-${p.role}` : undefined}>
          <CitedText text={p.text} citations={p.citations} idPrefix={idPrefix} />
          {p.cutOff && <span class="muted"> {t('popupCutOff')}</span>}
        </p>
      ))}
      {section.subsectionIds.length > 0 && (
        <ul class="subsections">
          {section.subsectionIds.map((id) => (
            <li key={id}>
              <button type="button" class="link" onClick={() => onOpenSection(id)}>
                {sectionById(id)?.heading ?? id}
              </button>
            </li>
          ))}
        </ul>
      )}
      {references.length > 0 && (
        <section class="references" aria-labelledby={`${idPrefix}-refs`}>
          <h3 id={`${idPrefix}-refs`}>{t('popupReferences')}</h3>
          <ol>
            {references.map((r) => (
              <li key={r.number} id={`${idPrefix}-ref-${r.number}`} value={r.number} data-testid="reference">
                {referenceLine(r)}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
