import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { allSections } from '../article';
import { answerQuery, type ArticleIndex, type SearchAnswer, type SearchResult } from '../search/search';
import type { SinceArticleFact } from '../search/since-article';
import { Marked } from '../ui/Marked';
import { t } from '../ui/i18n';
import { articleIndex } from './search-index';
import { SectionView } from './SectionView';

const SUGGESTION_KEYS = ['popupSuggestion1', 'popupSuggestion2', 'popupSuggestion3', 'popupSuggestion4'] as const;
/** What the empty state offers instead: the article's top-level sections (headings in the article's English). */
const COVERED_SECTIONS = allSections().filter((section) => !section.parentId);

interface SearchPanelProps {
  initialQuery: string;
  /** Shown under the search box while it is empty (the "On this page" list). */
  children?: preact.ComponentChildren;
  /** Escape in an empty search box: closes the toolbar popup. */
  onDismiss: () => void;
}

export function SearchPanel({ initialQuery, children, onDismiss }: SearchPanelProps) {
  const [index, setIndex] = useState<ArticleIndex | undefined>();
  const [loadFailed, setLoadFailed] = useState(false);
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const [openSection, setOpenSection] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const sectionRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    articleIndex().then(setIndex, (error) => {
      console.warn('[IOM Lens]', error);
      setLoadFailed(true);
    });
    inputRef.current?.focus();
  }, []);

  const answer: SearchAnswer | undefined = useMemo(
    () => (index && query.trim() ? answerQuery(index, query) : undefined),
    [index, query],
  );
  const results: SearchResult[] = answer && !answer.empty ? answer.results : [];

  useEffect(() => setActive(0), [query]);

  useEffect(() => {
    if (openSection) sectionRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [openSection]);

  const open = (sectionId: string) => setOpenSection(sectionId);
  const backToResults = () => {
    setOpenSection(undefined);
    requestAnimationFrame(() => inputRef.current?.focus());
  };

  const onInputKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && results.length) {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, results.length - 1));
    } else if (event.key === 'ArrowUp' && results.length) {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && results[active]) {
      event.preventDefault();
      open(results[active].sectionId);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (query) setQuery('');
      else onDismiss();
    }
  };

  const onSectionKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      backToResults();
    }
  };

  if (openSection) {
    return (
      <div ref={sectionRef} onKeyDown={onSectionKeyDown} class="section-panel">
        <button type="button" class="back" onClick={backToResults}>
          ← {t('popupBack')}
        </button>
        <SectionView sectionId={openSection} onOpenSection={open} />
      </div>
    );
  }

  const hasQuery = query.trim().length > 0;
  const activeId = hasQuery && results[active] ? `result-${active}` : undefined;
  return (
    <div class="search-panel">
      <label for="search" class="visually-hidden">
        {t('popupSearchLabel')}
      </label>
      <input
        ref={inputRef}
        id="search"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-expanded={hasQuery && results.length > 0}
        aria-controls="results"
        aria-activedescendant={activeId}
        aria-autocomplete="list"
        placeholder={t('popupSearchPlaceholder')}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={onInputKeyDown}
      />
      {loadFailed && <p class="error">{t('popupSearchError')}</p>}
      {hasQuery && !index && !loadFailed && <p class="muted">{t('popupSearchLoading')}</p>}
      <p class="visually-hidden" role="status" aria-live="polite">
        {hasQuery && index ? (results.length ? t('popupResultCount', String(results.length)) : t('popupNoResults', query.trim())) : ''}
      </p>
      {hasQuery && answer?.empty && (
        <div class="empty-state" data-testid="empty-state" data-reason={answer.reason}>
          <p class="muted">{t('popupNoResults', query.trim())}</p>
          {answer.uncovered.length > 0 && <p class="muted">{t('popupUncovered', answer.uncovered.join(', '))}</p>}
          {answer.since.length > 0 && <SinceArticle facts={answer.since} />}
          <p>{t(answer.reason === 'not-covered' ? 'popupNotCovered' : 'popupNoContentWords')}</p>
          <div class="suggestions">
            {COVERED_SECTIONS.map((section) => (
              <button type="button" class="chip" key={section.id} data-testid="covered-section" onClick={() => open(section.id)}>
                {section.heading}
              </button>
            ))}
          </div>
        </div>
      )}
      <ul id="results" role="listbox" aria-label={t('popupResultsLabel')} class="results" hidden={!hasQuery || results.length === 0}>
        {results.map((result, i) => (
          <li
            key={result.sectionId}
            id={`result-${i}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'result active' : 'result'}
            data-testid="search-result"
            onMouseMove={() => setActive(i)}
            onClick={() => open(result.sectionId)}
          >
            <span class="result-path" data-testid="result-path">
              {result.section}
            </span>
            <span class="result-snippet">
              <Marked text={result.snippet} marks={result.answerMark ? [...result.snippetMarks, result.answerMark] : result.snippetMarks} />
            </span>
          </li>
        ))}
      </ul>
      {answer && !answer.empty && answer.since.length > 0 && <SinceArticle facts={answer.since} />}
      {!hasQuery && (
        <>
          <div class="suggestions">
            <span class="muted">{t('popupSuggestionsTitle')}</span>{' '}
            {SUGGESTION_KEYS.map((key) => (
              <button
                type="button"
                class="chip"
                key={key}
                onClick={() => {
                  setQuery(t(key));
                  inputRef.current?.focus();
                }}
              >
                {t(key)}
              </button>
            ))}
          </div>
          {children}
        </>
      )}
    </div>
  );
}

/** Facts from after the 2014 article that the query names: apart from the article's results, labelled, dated and sourced. */
function SinceArticle({ facts }: { facts: SinceArticleFact[] }) {
  return (
    <section class="since" data-testid="search-since" aria-label={t('popupSinceArticle')}>
      <p class="since-title">{t('popupSinceArticle')}</p>
      <ul>
        {facts.map((fact) => (
          <li key={fact.id}>
            <span class="since-date">{fact.date}</span> {fact.text}{' '}
            <span class="muted">
              {t('popupSinceSource', fact.sources.map((source) => `${source.publisher}, ${source.date}`).join('; '))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
