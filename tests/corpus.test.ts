/**
 * Validates the labelled development corpus (tests/corpus/detect-dev.jsonl) itself, not the engine:
 * format, labels that point at real text, coverage of every entity, name form, language and collision.
 * Conventions are documented in tests/corpus/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusLines, resolveSpans, validateLine as validateCorpusLine, type LineRules, type Snippet } from './corpus/format';

const CORPUS_PATH = fileURLToPath(new URL('./corpus/detect-dev.jsonl', import.meta.url));
const REGISTRY_PATH = fileURLToPath(new URL('../data/entities.json', import.meta.url));

/** The fixed entity ids from the developers' guide (contract between helpers). */
const ENTITY_IDS = [
  'iom',
  'picmme',
  'icem',
  'icm',
  'programme/humanitarian-emergencies',
  'programme/migration-and-development',
  'programme/labour-migration',
  'programme/migrant-integration',
  'programme/migrant-training',
  'programme/migration-and-health',
  'programme/migration-and-environment',
  'programme/immigration-and-border-management',
  'programme/counter-trafficking',
  'programme/refugee-resettlement',
  'programme/migration-policy-and-research',
  'campaign/migrants-contribute',
  'campaign/migration-means',
  'person/william-lacy-swing',
  'person/antonio-vitorino',
  'person/amy-pope',
] as const;

const REQUIRED_LANGS = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'de', 'it', 'pt'] as const;
const MIN_SNIPPETS = 150;
const LINE_RULES: LineRules = {
  knownIds: new Set<string>(ENTITY_IDS),
  idPattern: /^[a-z]{2}-[a-z0-9-]+$/,
  langs: REQUIRED_LANGS,
};
const validateLine = (line: string) => validateCorpusLine(line, LINE_RULES);

const lines = corpusLines(readFileSync(CORPUS_PATH, 'utf8'));
const snippets = lines.map((l) => JSON.parse(l) as Snippet);
const labelled = snippets.flatMap((s) => resolveSpans(s).map((span) => ({ ...span, snippet: s })));

describe('corpus validator', () => {
  // The validator must reject broken lines, or the file checks below would prove nothing.
  const good = { id: 'en-x-001', lang: 'en', kind: 'positive', source: 's', text: 'IOM said.', expected: [{ surface: 'IOM', entityId: 'iom' }] };
  it.each([
    ['not json', '{"id": '],
    ['surface missing from text', JSON.stringify({ ...good, expected: [{ surface: 'OIM', entityId: 'iom' }] })],
    ['nth past the last occurrence', JSON.stringify({ ...good, expected: [{ surface: 'IOM', entityId: 'iom', nth: 1 }] })],
    ['unknown entity', JSON.stringify({ ...good, expected: [{ surface: 'IOM', entityId: 'org/iom' }] })],
    ['negative with mentions', JSON.stringify({ ...good, kind: 'negative' })],
    ['positive without mentions', JSON.stringify({ ...good, expected: [] })],
    ['span inside a longer word', JSON.stringify({ ...good, text: 'IOMMU and IOM.' })],
    ['overlapping spans', JSON.stringify({ ...good, text: 'Amy Pope spoke.', expected: [{ surface: 'Amy Pope', entityId: 'person/amy-pope' }, { surface: 'Pope', entityId: 'person/amy-pope' }] })],
    ['bad kind', JSON.stringify({ ...good, kind: 'maybe' })],
  ])('rejects %s', (_name, line) => {
    expect(validateLine(line)).not.toEqual([]);
  });
  it('accepts a valid line, and nth picks a later occurrence', () => {
    expect(validateLine(JSON.stringify(good))).toEqual([]);
    const line = { ...good, text: 'IOMMU and IOM.', expected: [{ surface: 'IOM', entityId: 'iom', nth: 1 }] };
    expect(validateLine(JSON.stringify(line))).toEqual([]);
    expect(resolveSpans(line as Snippet)).toEqual([{ start: 10, end: 13, surface: 'IOM', entityId: 'iom' }]);
  });
});

describe('tests/corpus/detect-dev.jsonl', () => {
  it('every line is a valid snippet', () => {
    const problems = lines.flatMap((line) => validateLine(line));
    expect(problems).toEqual([]);
  });

  it('ids are unique', () => {
    const seen = new Set<string>();
    const duplicates = snippets.map((s) => s.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    expect(duplicates).toEqual([]);
  });

  it(`has at least ${MIN_SNIPPETS} snippets and at least as many hard negatives (negative + mixed) as positives`, () => {
    expect(snippets.length).toBeGreaterThanOrEqual(MIN_SNIPPETS);
    const positives = snippets.filter((s) => s.kind === 'positive').length;
    const hardNegatives = snippets.filter((s) => s.kind !== 'positive').length;
    expect(hardNegatives).toBeGreaterThanOrEqual(positives);
  });

  it('every entity id is labelled at least once', () => {
    const used = new Set(labelled.map((m) => m.entityId));
    expect(ENTITY_IDS.filter((id) => !used.has(id))).toEqual([]);
  });

  it('every required language has at least one positive and one negative or mixed snippet', () => {
    const missing = REQUIRED_LANGS.filter(
      (lang) =>
        !snippets.some((s) => s.lang === lang && s.kind !== 'negative') ||
        !snippets.some((s) => s.lang === lang && s.kind !== 'positive'),
    );
    expect(missing).toEqual([]);
  });

  it('labels every required name form somewhere', () => {
    const surfaces = new Set(labelled.map((m) => m.surface));
    const forms = [
      'IOM', 'OIM', 'UN Migration',
      'International Organization for Migration', 'International Organisation for Migration',
      'INTERNATIONAL ORGANIZATION FOR MIGRATION',
      'Organisation internationale pour les migrations', 'Organización Internacional para las Migraciones',
      'Organizacion Internacional para las Migraciones',
      'المنظمة الدولية للهجرة', '国际移民组织', 'Международная организация по миграции',
      'Internationale Organisation für Migration', 'Organizzazione Internazionale per le Migrazioni',
      'Organização Internacional para as Migrações',
      'Provisional Intergovernmental Committee for the Movement of Migrants from Europe', 'PICMME',
      'Intergovernmental Committee for European Migration', 'ICEM',
      'Intergovernmental Committee for Migration', 'ICM',
      '#MigrationMeans', 'Migrants Contribute',
      'William Lacy Swing', 'William Swing', 'Swing', 'António Vitorino', 'Antonio Vitorino', 'Amy Pope',
      'labour migration', 'counter-trafficking', 'refugee resettlement', 'migration and development',
    ];
    expect(forms.filter((f) => !surfaces.has(f))).toEqual([]);
  });

  it('covers the text variants: no-break space, line break, U+2011 and en-dash hyphens, both apostrophes', () => {
    const has = (predicate: (m: (typeof labelled)[number]) => boolean) => labelled.some(predicate);
    expect(has((m) => m.surface.includes('\u00a0'))).toBe(true);
    expect(has((m) => m.surface.includes('\n'))).toBe(true);
    expect(has((m) => m.surface.includes('\u2011'))).toBe(true);
    expect(has((m) => m.surface.includes('\u2013'))).toBe(true);
    for (const apostrophe of ["'", '\u2019']) {
      expect(has((m) => m.surface === 'IOM' && m.snippet.text.startsWith(`IOM${apostrophe}s`, m.start))).toBe(true);
    }
  });

  it('covers every collision in a negative or mixed snippet, never inside a label', () => {
    const collisions = [
      'Isle of Man', 'IOM TT', 'IOM Steam Packet', 'IOM Government', 'Tynwald', 'Manx',
      'Institute of Medicine', 'National Academ', 'Institute of Occupational Medicine',
      'IOMMU', 'import iom', 'IOM.read()', 'libiom', 'I/O manager (IOM)', 'input/output module',
      'International Congress of Mathematicians', 'International Confederation of Midwives',
      'ICM poll', 'ICM Partners', 'inner cell mass',
      'ICEM CFD', 'Chemical, Energy, Mine and General Workers',
      'Oracle Identity Manager', 'EBSD', 'Offshore Installation Manager', 'offshore installation manager',
      'Bishop William Swing', 'swing', 'Pope Francis', 'Amy Pope', 'migration means', 'migrants contribute',
      'international organization for migration studies', 'intergovernmental committee for migration',
    ];
    const hard = snippets.filter((s) => s.kind !== 'positive');
    const uncovered = collisions.filter((c) => !hard.some((s) => s.text.includes(c)));
    expect(uncovered).toEqual([]);
    // 'Amy Pope' is both a collision (another Amy Pope) and a real label, so it is left out here.
    const insideLabels = collisions.filter((c) => c !== 'Amy Pope' && labelled.some((m) => m.surface.includes(c)));
    expect(insideLabels).toEqual([]);
  });

  it('labels programme phrases only on snippets that also label IOM or a former name (default policy)', () => {
    const orgIds = new Set(['iom', 'picmme', 'icem', 'icm']);
    const orphans = snippets
      .filter((s) => {
        const ids = resolveSpans(s).map((m) => m.entityId);
        return ids.some((id) => id.startsWith('programme/')) && !ids.some((id) => orgIds.has(id));
      })
      .map((s) => s.id);
    expect(orphans).toEqual([]);
  });

  it.skipIf(!existsSync(REGISTRY_PATH))('uses only ids present in data/entities.json', () => {
    const registry = JSON.parse(readFileSync(REGISTRY_PATH, 'utf8')) as unknown;
    const list = Array.isArray(registry) ? registry : (registry as { entities?: unknown[] }).entities ?? [];
    const registryIds = new Set((list as { id: string }[]).map((e) => e.id));
    const unknown = [...new Set(labelled.map((m) => m.entityId))].filter((id) => !registryIds.has(id));
    expect(unknown).toEqual([]);
  });
});
