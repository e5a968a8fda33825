import { describe, expect, it } from 'vitest';
import { BLOCK_SEPARATOR, chunkEnd, joinTextSegments, segmentIndexAt, spanToNodes, type SegmentIndex } from '../src/page/text-model';
import { orderForNavigation, pickJumpTarget } from '../src/page/navigation';
import { createDetector } from '../src/detect/index';

/** The segments of a joined text as objects, to compare in tests. */
function segmentsOf<N>(joined: SegmentIndex<N>): { node: N; start: number; end: number; blockStart: boolean }[] {
  return Array.from({ length: joined.segmentCount }, (_, i) => ({ node: joined.nodeAt(i), start: joined.startAt(i), end: joined.endAt(i), blockStart: joined.blockStartAt(i) }));
}

type FakeNode = { name: string };
const n = (name: string): FakeNode => ({ name });

describe('joinTextSegments', () => {
  it('joins inline segments with nothing in between and blocks with the separator', () => {
    const a = n('a'), b = n('b'), c = n('c'), d = n('d');
    const joined = joinTextSegments([
      { node: a, text: 'The International ', blockBreakBefore: false },
      { node: b, text: 'Organization', blockBreakBefore: false },
      { node: c, text: ' for Migration.', blockBreakBefore: false },
      { node: d, text: 'Next paragraph', blockBreakBefore: true },
    ]);
    expect(joined.text).toBe(`The International Organization for Migration.${BLOCK_SEPARATOR}Next paragraph`);
    expect(segmentsOf(joined).map((s) => [s.node.name, s.start, s.end])).toEqual([
      ['a', 0, 18],
      ['b', 18, 30],
      ['c', 30, 45],
      ['d', 45 + BLOCK_SEPARATOR.length, 45 + BLOCK_SEPARATOR.length + 14],
    ]);
  });

  it('skips empty segments and puts no separator before the first one', () => {
    const joined = joinTextSegments([
      { node: n('x'), text: '', blockBreakBefore: true },
      { node: n('y'), text: 'IOM', blockBreakBefore: true },
    ]);
    expect(joined.text).toBe('IOM');
    expect(segmentsOf(joined)).toHaveLength(1);
  });

  it('reads any span by slice without building the whole text, the same as the joined string', () => {
    const texts = ['The International ', 'Organization', ' for Migration.', 'IOM', 'x', ' next block '];
    const inputs = texts.map((text, i) => ({ node: n(String(i)), text, blockBreakBefore: i === 3 || i === 5 }));
    // Built by hand, not by the code under test.
    const expected = `${texts.slice(0, 3).join('')}${BLOCK_SEPARATOR}IOMx${BLOCK_SEPARATOR} next block `;
    const joined = joinTextSegments(inputs);
    expect(joined.length).toBe(expected.length);
    for (let start = -2; start <= expected.length + 2; start++) {
      for (let end = start; end <= expected.length + 2; end++) expect(joined.slice(start, end)).toBe(expected.slice(Math.max(0, start), Math.max(0, end)));
    }
    expect(joined.text).toBe(expected);
    expect(joined.slice(5, 40)).toBe(expected.slice(5, 40));
  });
});

describe('spanToNodes', () => {
  const a = n('a'), b = n('b'), c = n('c'), d = n('d');
  const joined = joinTextSegments([
    { node: a, text: 'The International ', blockBreakBefore: false },
    { node: b, text: 'Organization', blockBreakBefore: false },
    { node: c, text: ' for Migration.', blockBreakBefore: false },
    { node: d, text: 'IOM', blockBreakBefore: true },
  ]);

  it('maps a mention spanning three nodes back to node offsets', () => {
    const start = joined.text.indexOf('International');
    const end = joined.text.indexOf('.') ;
    const span = spanToNodes(joined, start, end)!;
    expect(span.startNode).toBe(a);
    expect(span.startOffset).toBe(4);
    expect(span.endNode).toBe(c);
    expect(span.endOffset).toBe(' for Migration'.length);
    expect(span.nodes).toEqual([a, b, c]);
  });

  it('maps a mention that ends exactly at a node end', () => {
    const start = joined.text.lastIndexOf('IOM');
    const span = spanToNodes(joined, start, start + 3)!;
    expect(span).toMatchObject({ startNode: d, startOffset: 0, endNode: d, endOffset: 3 });
  });

  it('refuses spans on the block separator or empty spans', () => {
    const sep = joined.text.indexOf(BLOCK_SEPARATOR);
    expect(spanToNodes(joined, sep, sep + 2)).toBeNull();
    expect(spanToNodes(joined, 5, 5)).toBeNull();
    expect(segmentIndexAt(joined, sep + 1)).toBe(-1);
  });

  it('the separator keeps the detector from joining a name across two paragraphs', () => {
    const detector = createDetector();
    const text = joinTextSegments([
      { node: a, text: 'It ends with International', blockBreakBefore: false },
      { node: b, text: 'Organization for Migration starts here.', blockBreakBefore: true },
    ]).text;
    expect(detector.detect(text).filter((m) => m.surface.includes('International'))).toEqual([]);
    const inline = joinTextSegments([
      { node: a, text: 'It is the International ', blockBreakBefore: false },
      { node: b, text: 'Organization', blockBreakBefore: false },
      { node: c, text: ' for Migration.', blockBreakBefore: false },
    ]).text;
    expect(detector.detect(inline).map((m) => m.surface)).toEqual(['International Organization for Migration']);
  });
});

/** Cuts a whole text the way the scanner does, chunk after chunk, with chunkEnd (fixed size here). */
function planChunks<N>(segments: SegmentIndex<N>, textLength: number, size: number): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  do {
    const end = chunkEnd(segments, start, textLength, size);
    chunks.push([start, end]);
    start = end;
  } while (start < textLength);
  return chunks;
}

describe('chunkEnd, over a whole text', () => {
  const blocks = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(10) , 'd'.repeat(100), 'e'.repeat(5)];
  const joined = joinTextSegments(
    blocks.flatMap((text, i) => [
      { node: n(`${i}-1`), text: text.slice(0, 3), blockBreakBefore: true },
      { node: n(`${i}-2`), text: text.slice(3), blockBreakBefore: false },
    ]),
  );
  const chunks = planChunks(joined, joined.text.length, 50);

  it('covers the whole text without gaps, cutting only where a block starts', () => {
    expect(chunks[0][0]).toBe(0);
    expect(chunks[chunks.length - 1][1]).toBe(joined.text.length);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i][0]).toBe(chunks[i - 1][1]);
      expect(segmentsOf(joined).find((s) => s.start === chunks[i][0])?.blockStart).toBe(true);
    }
  });

  it('keeps chunks near the size, and a long block whole', () => {
    expect(chunks.map(([s, e]) => joined.text.slice(s, e).replace(new RegExp(BLOCK_SEPARATOR, 'g'), '|'))).toEqual([
      `${'a'.repeat(40)}|${'b'.repeat(40)}|`,
      `${'c'.repeat(10)}|${'d'.repeat(100)}|`,
      'eeeee',
    ]);
  });

  it('gives one chunk for a short text', () => {
    expect(planChunks(joined, joined.text.length, 10_000)).toEqual([[0, joined.text.length]]);
  });
});

describe('keyboard navigation order', () => {
  const items = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];
  const pos: Record<number, { top: number; left: number } | null> = {
    1: { top: -300, left: 10 },
    2: { top: 100, left: 200 },
    3: { top: 100.5, left: 20 },
    4: null,
  };
  const ordered = orderForNavigation(items, (item) => pos[item.id]);

  it('orders by line, then by position on the line, skipping invisible mentions', () => {
    expect(ordered.map((p) => p.item.id)).toEqual([1, 3, 2]);
  });

  it('starts from the viewport top when nothing was jumped to', () => {
    expect(pickJumpTarget(ordered, 'next', null)?.id).toBe(3);
    expect(pickJumpTarget(ordered, 'previous', null)?.id).toBe(1);
  });

  it('continues from the last jumped-to mention and wraps around', () => {
    expect(pickJumpTarget(ordered, 'next', 3)?.id).toBe(2);
    expect(pickJumpTarget(ordered, 'next', 2)?.id).toBe(1);
    expect(pickJumpTarget(ordered, 'previous', 1)?.id).toBe(2);
    expect(pickJumpTarget([], 'next', null)).toBeNull();
  });
});

describe('groups: text read from far apart on the page', () => {
  // Three groups: a, then b and c next to each other, then d.
  const joined = joinTextSegments([
    { node: n('a'), text: 'a'.repeat(30), blockBreakBefore: true },
    { node: n('b'), text: 'b'.repeat(30), blockBreakBefore: true, groupBefore: true },
    { node: n('c'), text: 'c'.repeat(30), blockBreakBefore: true },
    { node: n('d'), text: 'd'.repeat(30), blockBreakBefore: false, groupBefore: true },
  ]);
  const startOf = (letter: string): number => joined.text.indexOf(letter);

  it('separates groups as blocks are (a group start is a block start even when no block break was asked)', () => {
    expect(joined.text.replace(new RegExp(BLOCK_SEPARATOR, 'g'), '|')).toBe(`${'a'.repeat(30)}|${'b'.repeat(30)}|${'c'.repeat(30)}|${'d'.repeat(30)}`);
  });

  it('gives each offset its group, from its first segment to the next group', () => {
    expect(joined.groupAround(0)).toEqual([0, startOf('b')]);
    expect(joined.groupAround(startOf('b') - 1)).toEqual([0, startOf('b')]);
    expect(joined.groupAround(startOf('b'))).toEqual([startOf('b'), startOf('d')]);
    expect(joined.groupAround(startOf('c') + 5)).toEqual([startOf('b'), startOf('d')]);
    expect(joined.groupAround(joined.length - 1)).toEqual([startOf('d'), joined.length]);
  });

  it('a group asked for before any text is no group: the text starts the first one', () => {
    const first = joinTextSegments([{ node: n('a'), text: 'aaa', blockBreakBefore: true, groupBefore: true }]);
    expect(first.text).toBe('aaa');
    expect(first.groupAround(1)).toEqual([0, 3]);
  });

  it('chunkEnd cuts at the start of a group before twice the size, past nearer block starts', () => {
    // Size 40: the group start b (33) comes before the size, d (99) past twice it: the next block start, c (66).
    expect(chunkEnd(joined, 0, joined.length, 40)).toBe(startOf('c'));
    // Size 50: the first block start at or after 50 is c (66); the group start d (99) is within 100, and preferred.
    expect(chunkEnd(joined, 0, joined.length, 50)).toBe(startOf('d'));
  });
});

describe('chunkEnd inside one huge block', () => {
  it('cuts a single long text node at white space, never past twice the size', () => {
    const text = 'word '.repeat(20_000).trim();
    const segments = joinTextSegments([{ node: 'n', text, blockBreakBefore: false }]);
    let start = 0;
    let chunks = 0;
    while (start < text.length) {
      const end = chunkEnd(segments, start, text.length, 1_000, text);
      expect(end).toBeGreaterThan(start);
      expect(end - start).toBeLessThanOrEqual(2_000);
      if (end < text.length) expect(text[end]).toBe(' ');
      start = end;
      chunks++;
    }
    expect(chunks).toBeGreaterThan(40);
    // Without the text, the old rule: to the next block start, here the end.
    expect(chunkEnd(segments, 0, text.length, 1_000)).toBe(text.length);
  });
});
