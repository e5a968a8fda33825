import { describe, expect, it } from 'vitest';
import { searchQueryFor } from '../src/card/Card';
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
