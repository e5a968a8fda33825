import { describe, expect, it } from 'vitest';
import { changedSpan } from '../src/page/gate';

describe('changedSpan: where a long text node changed (the gate prefilters a window around it, not the node)', () => {
  it('finds one typed character, a deletion and a replacement, in a text of a megabyte', () => {
    const before = 'lorem ipsum '.repeat(90_000);
    const typed = before.slice(0, 500_003) + 'X' + before.slice(500_003);
    expect(changedSpan(before, typed)).toEqual([500_003, 500_004]);
    const deleted = before.slice(0, 700_000) + before.slice(700_010);
    const [start, end] = changedSpan(before, deleted);
    expect(start).toBeLessThanOrEqual(700_000);
    expect(end).toBeGreaterThanOrEqual(start);
    expect(end - start).toBeLessThan(20);
    const replaced = before.slice(0, 10) + 'IOM' + before.slice(13);
    expect(changedSpan(before, replaced)).toEqual([10, 13]);
    expect(changedSpan(before, before)).toEqual([before.length, before.length]);
  });
});
