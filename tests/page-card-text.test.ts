import { describe, expect, it } from 'vitest';
import { eraLine, eraName, reasonBesidesEra, searchQueryFor } from '../src/card/Card';
import { entities } from '../src/entities/registry';

describe("the card's search query", () => {
  it('searches a former name by its acronym and anything else by its name without the bracketed acronym', () => {
    const byId = new Map(entities.map((e) => [e.id, e]));
    expect(searchQueryFor(byId.get('icem')!)).toBe('ICEM');
    expect(searchQueryFor(byId.get('iom')!)).toBe('International Organization for Migration');
    expect(searchQueryFor(byId.get('programme/counter-trafficking')!)).toBe('Counter Trafficking');
    expect(searchQueryFor({ name: 'Plain name', kind: 'person' })).toBe('Plain name');
  });
});

describe("the card's era and reason lines", () => {
  const byId = new Map(entities.map((e) => [e.id, e]));
  it('names a former name by its acronym: the matched one, else the first', () => {
    expect(eraLine(byId.get('icem')!, 'ICEM')).toBe('ICEM — name of IOM 1952–1980');
    expect(eraLine(byId.get('icem')!, 'Intergovernmental Committee for European\nMigration')).toBe('ICEM — name of IOM 1952–1980');
    expect(eraLine(byId.get('icem')!, 'CIME')).toBe('CIME — name of IOM 1952–1980');
    expect(eraLine(byId.get('picmme')!, 'Provisional Intergovernmental Committee for the Movement of Migrants from Europe')).toBe(
      'PICMME — name of IOM 1951–1952',
    );
    // No acronym known: what was matched.
    expect(eraName({ id: 'x', name: 'Old Name', kind: 'former-name', description: '', era: { from: 1900, to: 1910 } }, 'Old  Name')).toBe('Old Name');
  });

  it('drops the reason clause that restates the era, keeps the evidence', () => {
    const icem = byId.get('icem')!;
    expect(reasonBesidesEra('Former name of IOM, 1952–1980', icem, true)).toBe('');
    expect(reasonBesidesEra('Former name of IOM, 1952–1980; 1956 nearby', icem, true)).toBe('1956 nearby');
    expect(reasonBesidesEra('Former name of IOM, 1952–1980; 1956 nearby', icem, false)).toBe('Former name of IOM, 1952–1980; 1956 nearby');
    expect(reasonBesidesEra('Director General of IOM, 2008–2018', byId.get('person/william-lacy-swing')!, true)).toBe('');
    expect(reasonBesidesEra('Acronym of IOM; migrants nearby', byId.get('iom')!, false)).toBe('Acronym of IOM; migrants nearby');
  });
});
