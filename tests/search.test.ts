import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { allSections, article, sectionById, sectionPath } from '../src/article';
import { entities } from '../src/entities/registry';
import { buildArticleIndex, buildSerializedIndex } from '../src/search/build-index';
import { cardContentFor } from '../src/search/card-content';
import { articleDocuments } from '../src/search/documents';
import { foldTerm, MINISEARCH_OPTIONS, processTerm } from '../src/search/options';
import { loadArticleIndex, makeSnippet, searchArticle, SNIPPET_MAX_CHARS } from '../src/search/search';
import { splitSentences, summarize, SUMMARY_MAX_CHARS } from '../src/search/summary';

// The index as the extension ships it: serialized at build time, loaded at run time.
const index = loadArticleIndex(buildSerializedIndex());

const top = (query: string) => searchArticle(index, query)[0]?.sectionId;
const ids = (query: string, n = 3) => searchArticle(index, query, n).map((r) => r.sectionId);

/** All the words of a section (its paragraphs, or its facts), for snippet checks. */
function sectionText(sectionId: string): string {
  if (sectionId === 'key-facts') return article.infobox.map((f) => `${f.label}: ${f.value}`).join('\n');
  return sectionById(sectionId)!.paragraphs.map((p) => p.text).join('\n');
}

describe('options', () => {
  it('folds accents and case, and drops question words', () => {
    expect(foldTerm('Santé')).toBe('sante');
    expect(foldTerm('Organización')).toBe('organizacion');
    expect(processTerm('MIGRACIÓN')).toBe('migracion');
    expect(processTerm('when')).toBeNull();
    expect(processTerm('IOM')).toBe('iom');
  });
});

describe('ranking for plain questions', () => {
  it('"when was it founded" → History or Key facts first', () => {
    expect(['history', 'key-facts']).toContain(top('when was it founded'));
    expect(ids('when was it founded', 2).sort()).toEqual(['history', 'key-facts']);
  });

  it('"trafficking" → Activities › Counter Trafficking', () => {
    const [first] = searchArticle(index, 'trafficking');
    expect(first.sectionId).toBe('activities/counter-trafficking');
    expect(first.section).toBe('Activities › Counter Trafficking');
  });

  it('"former names" → History', () => {
    expect(top('former names')).toBe('history');
  });

  it('"how many member states" → Member States or Key facts', () => {
    expect(['member-states', 'key-facts']).toContain(top('how many member states'));
    expect(ids('how many member states', 2).sort()).toEqual(['key-facts', 'member-states']);
  });

  it('former names, people and programmes', () => {
    expect(top('ICEM')).toBe('history');
    expect(top('PICMME')).toBe('history');
    expect(['advocacy', 'key-facts']).toContain(top('Swing'));
    expect(['advocacy', 'key-facts']).toContain(top('director general'));
    expect(top('resettlement')).toBe('activities/refugee-resettlement');
    expect(top('climate change')).toBe('activities/migration-and-environment');
    expect(top('border management')).toBe('activities/immigration-and-border-management');
    expect(top('#MigrationMeans')).toBe('campaigns/migration-means');
    expect(top('headquarters')).toBe('key-facts');
    expect(top('official languages')).toBe('key-facts');
  });

  it('folds accents: with or without them, the same results', () => {
    expect(searchArticle(index, 'migración')).toEqual(searchArticle(index, 'migracion'));
    expect(searchArticle(index, 'santé')).toEqual(searchArticle(index, 'sante'));
    // the Spanish name lives in the infobox
    const keyFacts = searchArticle(index, 'migraciones').find((r) => r.sectionId === 'key-facts');
    expect(keyFacts).toBeDefined();
    expect(keyFacts!.snippetMarks.map(([a, b]) => keyFacts!.snippet.slice(a, b))).toContain('Migraciones');
    expect(top('Organización Internacional para las Migraciones')).toBe('key-facts');
    // French/Spanish topic words reach the English sections
    expect(top('santé')).toBe('activities/migration-and-health');
    expect(top('trata de personas')).toBe('activities/counter-trafficking');
  });

  it('matches prefixes and typos', () => {
    expect(top('traff')).toBe('activities/counter-trafficking');
    expect(top('resettle')).toBe('activities/refugee-resettlement');
    expect(top('trafficing')).toBe('activities/counter-trafficking');
    expect(top('resetlement')).toBe('activities/refugee-resettlement');
    // but acronyms stay exact: ICEM does not find the ICM-only text by a typo
    const icem = searchArticle(index, 'ICEM')[0];
    const marked = icem.snippetMarks.map(([a, b]) => icem.snippet.slice(a, b));
    expect(marked).toContain('ICEM');
    expect(marked).not.toContain('ICM');
  });

  it('weighs a heading above the same word in running text', () => {
    // "integration" occurs in Migrant Training, Refugee Resettlement… but heads Migrant Integration
    expect(top('integration')).toBe('activities/migrant-integration');
    expect(top('health')).toBe('activities/migration-and-health');
    // with the shared options, a heading hit beats two hits in a longer text
    const docs = new MiniSearch(MINISEARCH_OPTIONS);
    docs.addAll([
      { id: 'a', kind: 'section', sectionId: 'a', heading: 'Resettlement', path: 'A', text: 'Offices open daily here.' },
      { id: 'b', kind: 'section', sectionId: 'b', heading: 'Other', path: 'B', text: 'Resettlement, then resettlement again, offices open daily here.' },
    ]);
    expect(docs.search('resettlement').map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('returns one result per section, best first, within the limit', () => {
    const results = searchArticle(index, 'migration', 50);
    expect(new Set(results.map((r) => r.sectionId)).size).toBe(results.length);
    for (let i = 1; i < results.length; i++) expect(results[i - 1].score).toBeGreaterThanOrEqual(results[i].score);
    expect(searchArticle(index, 'migration', 3)).toHaveLength(3);
    for (const r of results) expect(r.section).toBe(sectionPath(r.sectionId));
  });

  it('finds nothing for nothing', () => {
    expect(searchArticle(index, '')).toEqual([]);
    expect(searchArticle(index, '   ')).toEqual([]);
    expect(searchArticle(index, 'how was it')).toEqual([]);
    expect(searchArticle(index, 'qwxzv')).toEqual([]);
  });
});

describe('snippets', () => {
  const queries = ['trafficking', 'climate change', 'Swing', 'former names', 'traff', 'trafficing', 'santé', 'budget'];

  it.each(queries)('"%s": plain text from the section, marks on matched words', (query) => {
    const results = searchArticle(index, query, 5);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.snippet).not.toMatch(/[<>]/);
      const inner = r.snippet.replace(/^…/, '').replace(/…$/, '');
      expect(sectionText(r.sectionId)).toContain(inner);
      expect(inner.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS);
      for (const [start, end] of r.snippetMarks) {
        expect(start).toBeGreaterThanOrEqual(0);
        expect(end).toBeLessThanOrEqual(r.snippet.length);
        expect(r.snippet.slice(start, end)).toMatch(/^[\p{L}\p{N}]+$/u);
      }
    }
    expect(results[0].snippetMarks.length).toBeGreaterThan(0);
  });

  it('marks the query words themselves', () => {
    const [r] = searchArticle(index, 'climate change');
    const marked = r.snippetMarks.map(([a, b]) => foldTerm(r.snippet.slice(a, b)));
    expect(marked).toContain('climate');
    expect(marked).toContain('change');
    expect(marked.every((m) => m === 'climate' || m === 'change')).toBe(true);
    const [t] = searchArticle(index, 'traff');
    for (const [a, b] of t.snippetMarks) expect(foldTerm(t.snippet.slice(a, b))).toMatch(/^traff/);
  });

  it('cuts long text at word boundaries with ellipses', () => {
    const text = 'alpha '.repeat(40) + 'needle ' + 'omega '.repeat(40);
    const { snippet, snippetMarks } = makeSnippet(text.trim(), new Set(['needle']));
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    const words = snippet.slice(1, -1).split(' ');
    expect(words.every((w) => ['alpha', 'needle', 'omega'].includes(w))).toBe(true);
    expect(snippetMarks).toHaveLength(1);
    expect(snippet.slice(...snippetMarks[0])).toBe('needle');
  });
});

describe('the serialized index', () => {
  it('round-trips through JSON with the shared options', () => {
    const fresh = buildArticleIndex();
    for (const q of ['trafficking', 'when was it founded', 'santé', 'traff']) {
      const loaded = searchArticle(index, q);
      const built = searchArticle(fresh, q);
      // scores may differ in the last bits (summation order), nothing else may
      expect(loaded.map(({ score: _s, ...rest }) => rest)).toEqual(built.map(({ score: _s, ...rest }) => rest));
      loaded.forEach((r, i) => expect(r.score).toBeCloseTo(built[i].score, 9));
    }
    expect(index.documentCount).toBe(articleDocuments().length);
  });

  it('needs the shared options: the default term processing does not fold accents', () => {
    const plain = MiniSearch.loadJSON(buildSerializedIndex(), { fields: MINISEARCH_OPTIONS.fields });
    expect(plain.search('Organización').length).toBe(0);
    expect(index.search('Organización').length).toBeGreaterThan(0);
  });

  it('refuses a corrupt index with a clear error', () => {
    expect(() => loadArticleIndex('{"not": "an index"')).toThrow(/search index is unreadable/);
  });

  it('has a section document for every section', () => {
    for (const s of allSections()) expect(index.getStoredFields(`s:${s.id}`)?.path, s.id).toBe(s.path);
  });
});

describe('summaries', () => {
  it('splits run-together sentences and keeps "Mr. Swing" whole', () => {
    expect(splitSentences('One migration.Millions of them. Two countries.IOM works. Mr. Swing said so.')).toEqual([
      'One migration.',
      'Millions of them.',
      'Two countries.',
      'IOM works.',
      'Mr. Swing said so.',
    ]);
    expect(splitSentences('A budget of $1.3 billion. Next.')).toEqual(['A budget of $1.3 billion.', 'Next.']);
  });

  it('fits whole sentences in the limit and clips a single long one', () => {
    expect(summarize(['Short one. Another short one.'])).toBe('Short one. Another short one.');
    const long = summarize(['word '.repeat(100) + 'end.']);
    expect(long.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('card content', () => {
  it('fills a card for every entity from the index alone', () => {
    expect(entities.length).toBeGreaterThan(0);
    for (const entity of entities) {
      const card = cardContentFor(index, entity.section, entity.id);
      expect(card.summary.trim(), entity.id).not.toBe('');
      expect(card.summary.length, entity.id).toBeLessThanOrEqual(SUMMARY_MAX_CHARS + 1);
      expect(card.sectionPath).toBe(sectionPath(entity.section));
      expect(card.attribution).toBe(article.attribution.notice);
      expect(card.licenceUrl).toBe(article.attribution.licenceUrl);
      const cited = new Set([...card.paragraphs, ...card.facts].flatMap((p) => p.citations.map((c) => c.ref)));
      for (const ref of cited) expect(card.references.map((r) => r.number), entity.id).toContain(ref);
    }
  });

  it('gives every section a non-empty summary', () => {
    for (const s of allSections()) expect(cardContentFor(index, s.id, 'iom').summary, s.id).not.toBe('');
  });

  it('summarizes with the section’s own first words, skipping the cut-off opening of the lead', () => {
    const trafficking = cardContentFor(index, 'activities/counter-trafficking', 'programme/counter-trafficking');
    expect(trafficking.summary).toBe(
      'As many as 800,000 people may be trafficked across international borders annually, with many more trafficked within the borders of their own countries.',
    );
    expect(trafficking.paragraphs).toHaveLength(2);
    expect(trafficking.references.map((r) => r.number)).toEqual([12]);
    const overview = cardContentFor(index, 'overview', 'iom');
    expect(overview.summary.startsWith('It is the principal intergovernmental organization')).toBe(true);
    const health = cardContentFor(index, 'activities/migration-and-health', 'programme/migration-and-health');
    expect(health.summary).toBe('IOM’s strategic objectives on migration health are derived from the…');
    expect(health.paragraphs[0].cutOff).toBe(true);
  });

  it('shows the facts that concern the entity', () => {
    const keys = (sectionId: string, entityId: string) => cardContentFor(index, sectionId, entityId).facts.map((f) => f.key);
    expect(keys('overview', 'iom')).toEqual(article.infobox.map((f) => f.key));
    expect(cardContentFor(index, 'overview', 'iom').references.map((r) => r.number)).toContain(1);
    expect(keys('history', 'icem')).toEqual(['names', 'formation']);
    expect(keys('key-facts', 'person/william-lacy-swing')).toEqual(['directorGeneral']);
    expect(cardContentFor(index, 'key-facts', 'person/amy-pope').summary).toBe('Director General: William Lacy Swing.');
    expect(keys('activities/counter-trafficking', 'programme/counter-trafficking')).toEqual([]);
  });

  it('refuses an unknown section clearly', () => {
    expect(() => cardContentFor(index, 'no-such-section', 'iom')).toThrow(/no article section "no-such-section"/);
  });
});
