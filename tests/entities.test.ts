import { describe, expect, it } from 'vitest';
import { entities, getEntity, validateEntities, EntityRegistryError } from '../src/entities/registry';
import { ENTITY_KINDS } from '../src/entities/types';
import { allSections } from '../src/article/index';
import rawRegistry from '../data/entities.json';

/** The fixed contract between helpers (GUIDE.md): every entity id the extension knows. */
const CONTRACT_ENTITY_IDS = [
  'iom', 'picmme', 'icem', 'icm',
  'programme/humanitarian-emergencies', 'programme/migration-and-development', 'programme/labour-migration',
  'programme/migrant-integration', 'programme/migrant-training', 'programme/migration-and-health',
  'programme/migration-and-environment', 'programme/immigration-and-border-management', 'programme/counter-trafficking',
  'programme/refugee-resettlement', 'programme/migration-policy-and-research',
  'campaign/migrants-contribute', 'campaign/migration-means',
  'person/william-lacy-swing', 'person/antonio-vitorino', 'person/amy-pope',
];

/** The fixed section ids (GUIDE.md); the article data must provide each of them. */
const CONTRACT_SECTION_IDS = [
  'overview', 'key-facts', 'history', 'activities', 'activities/humanitarian-emergencies',
  'activities/migration-and-development', 'activities/labour-migration', 'activities/migrant-integration',
  'activities/migrant-training', 'activities/migration-and-health', 'activities/migration-and-environment',
  'activities/immigration-and-border-management', 'activities/counter-trafficking', 'activities/refugee-resettlement',
  'activities/migration-policy-and-research', 'advocacy', 'campaigns', 'campaigns/migrants-contribute',
  'campaigns/migration-means', 'member-states',
];

const sectionIds = new Set(allSections().map((section) => section.id));

describe('entity registry (data/entities.json)', () => {
  it('holds exactly the contract ids, each once', () => {
    const ids = entities.map((entity) => entity.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...CONTRACT_ENTITY_IDS].sort());
  });

  it('uses only valid kinds, and the kind matches the id family', () => {
    for (const entity of entities) {
      expect(ENTITY_KINDS).toContain(entity.kind);
      if (entity.id.startsWith('programme/')) expect(entity.kind).toBe('programme');
      if (entity.id.startsWith('campaign/')) expect(entity.kind).toBe('campaign');
      if (entity.id.startsWith('person/')) expect(entity.kind).toBe('person');
    }
    expect(getEntity('iom')?.kind).toBe('org');
    for (const id of ['picmme', 'icem', 'icm']) expect(getEntity(id)?.kind).toBe('former-name');
  });

  it('points every entity at a section that exists in the article data and in the contract', () => {
    expect([...sectionIds].sort()).toEqual([...CONTRACT_SECTION_IDS].sort());
    for (const entity of entities) {
      expect(sectionIds.has(entity.section), `${entity.id} → ${entity.section}`).toBe(true);
    }
  });

  it('has non-empty forms, case-sensitive acronyms, and no form claimed by two entities', () => {
    const owner = new Map<string, string>();
    for (const entity of entities) {
      expect(entity.forms.length).toBeGreaterThan(0);
      for (const form of entity.forms) {
        expect(form.text.trim()).not.toBe('');
        if (form.type === 'acronym') expect(form.caseSensitive, form.text).toBe(true);
        const key = form.caseSensitive ? form.text : form.text.toLowerCase();
        const previous = owner.get(key);
        if (previous !== undefined) expect(previous, `form "${form.text}"`).toBe(entity.id);
        owner.set(key, entity.id);
      }
      expect(entity.ambiguous).toBe(entity.forms.some((form) => form.ambiguous));
    }
  });

  it('has IOM in its official languages, the other UN languages and its acronyms', () => {
    const iom = getEntity('iom')!;
    const texts = iom.forms.map((form) => form.text);
    for (const name of [
      'International Organization for Migration', 'International Organisation for Migration',
      'Organisation internationale pour les migrations', 'Organización Internacional para las Migraciones',
      'UN Migration', 'ONU Migración',
      'المنظمة الدولية للهجرة', '国际移民组织', 'Международная организация по миграции',
      'Internationale Organisation für Migration', 'Organizzazione Internazionale per le Migrazioni',
      'Organização Internacional para as Migrações',
    ]) {
      expect(texts).toContain(name);
    }
    const acronyms = iom.forms.filter((form) => form.type === 'acronym');
    expect(acronyms.map((form) => `${form.text}:${form.lang}`).sort()).toEqual(['IOM:en', 'OIM:es', 'OIM:fr', 'Oim:it', 'МОМ:ru']);
    expect(acronyms.every((form) => form.ambiguous)).toBe(true);
  });

  it('cites a source for IOM\'s name in the six UN languages and in German, Italian, Portuguese, Dutch and Swedish', () => {
    const iom = getEntity('iom')!;
    for (const lang of ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'de', 'it', 'pt', 'nl', 'sv']) {
      const cited = iom.forms.filter((form) => form.lang === lang && form.type !== 'acronym' && form.source !== undefined);
      expect(cited.map((form) => form.text), lang).not.toEqual([]);
    }
    // Every cited form quotes a repository file or a page address.
    const sources = entities.flatMap((entity) => entity.forms).flatMap((form) => (form.source === undefined ? [] : [form.source]));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((source) => !/github\.com\/\S+ \S+|https?:\/\/\S+/.test(source))).toEqual([]);
  });

  it('gives former names their full names and eras', () => {
    expect(getEntity('picmme')?.era).toEqual({ from: 1951, to: 1952 });
    expect(getEntity('icem')?.era).toEqual({ from: 1952, to: 1980 });
    expect(getEntity('icm')?.era).toEqual({ from: 1980, to: 1989 });
    expect(getEntity('picmme')?.forms.map((f) => f.text)).toContain('Provisional Intergovernmental Committee for the Movement of Migrants from Europe');
    expect(getEntity('icem')?.forms.map((f) => f.text)).toContain('Intergovernmental Committee for European Migration');
    expect(getEntity('icm')?.forms.map((f) => f.text)).toContain('Intergovernmental Committee for Migration');
  });

  it('rejects malformed registries with a message naming the problem', () => {
    const good = (rawRegistry as { entities: unknown[] }).entities;
    const clone = () => JSON.parse(JSON.stringify(good)) as Record<string, unknown>[];
    expect(() => validateEntities({ entities: [] })).toThrow(EntityRegistryError);
    const duplicate = clone();
    duplicate.push(duplicate[0]);
    expect(() => validateEntities({ entities: duplicate })).toThrow(/duplicate id/);
    const badKind = clone();
    badKind[0].kind = 'agency';
    expect(() => validateEntities(badKind)).toThrow(/"kind"/);
    const looseAcronym = clone();
    (looseAcronym[0].forms as Record<string, unknown>[]).find((f) => f.type === 'acronym')!.caseSensitive = false;
    expect(() => validateEntities(looseAcronym)).toThrow(/must be case-sensitive/);
    const noForms = clone();
    noForms[1].forms = [];
    expect(() => validateEntities(noForms)).toThrow(/"forms"/);
    expect(validateEntities(clone()).length).toBe(good.length);
  });
});
