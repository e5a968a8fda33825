import { afterEach, describe, expect, it } from 'vitest';
import { BLOCK_SEPARATOR, chunkEnd, joinTextSegments, spanToNodes, type SegmentIndex, type TextSegmentInput } from '../../src/page/text-model';

/** The segments of a joined text as objects, to compare in tests. */
function segmentsOf<N>(joined: SegmentIndex<N>): { node: N; start: number; end: number; blockStart: boolean }[] {
  return Array.from({ length: joined.segmentCount }, (_, i) => ({ node: joined.nodeAt(i), start: joined.startAt(i), end: joined.endAt(i), blockStart: joined.blockStartAt(i) }));
}

/** The page's text nodes in order, each told whether a block (by the browser's own layout) starts before it. */
function textInputs(root: Element): TextSegmentInput<Text>[] {
  const inputs: TextSegmentInput<Text>[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let lastBlock: Element | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    let block = node.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    inputs.push({ node, text: node.data, blockBreakBefore: block !== lastBlock });
    lastBlock = block;
  }
  return inputs;
}

function toRange(span: NonNullable<ReturnType<typeof spanToNodes<Text>>>): Range {
  const range = new Range();
  range.setStart(span.startNode, span.startOffset);
  range.setEnd(span.endNode, span.endOffset);
  return range;
}

describe('text model over a real DOM (in Chromium)', () => {
  afterEach(() => document.body.replaceChildren());

  it('joins a name split across inline tags into one phrase and maps it back to the very nodes', () => {
    const root = document.createElement('div');
    root.innerHTML = '<p>The International <b>Organ<i>ization</i></b> for Migration works</p><p>elsewhere</p>';
    document.body.append(root);
    const joined = joinTextSegments(textInputs(root));
    const name = 'International Organization for Migration';
    const start = joined.text.indexOf(name);
    expect(start).toBeGreaterThan(0);
    const span = spanToNodes(joined, start, start + name.length)!;
    expect(span.nodes).toHaveLength(4);
    expect(toRange(span).toString()).toBe(name);
  });

  it('keeps blocks apart with the separator, and no span may start or end on it', () => {
    const root = document.createElement('div');
    root.innerHTML = '<p>International</p><div>Organization for Migration</div>';
    document.body.append(root);
    const joined = joinTextSegments(textInputs(root));
    expect(joined.text).toBe(`International${BLOCK_SEPARATOR}Organization for Migration`);
    const separator = joined.text.indexOf(BLOCK_SEPARATOR);
    expect(spanToNodes(joined, separator, separator + 2)).toBeNull();
    expect(segmentsOf(joined)[1].blockStart).toBe(true);
  });

  it('cuts chunks at block starts, so no chunk ends inside a paragraph', () => {
    const root = document.createElement('div');
    root.innerHTML = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} about <em>IOM</em> and migration.</p>`).join('');
    document.body.append(root);
    const joined = joinTextSegments(textInputs(root));
    const blockStarts = new Set(segmentsOf(joined).filter((s) => s.blockStart).map((s) => s.start));
    let start = 0;
    while (start < joined.text.length) {
      const end = chunkEnd(joined, start, joined.text.length, 40, joined.text);
      expect(end).toBeGreaterThan(start);
      expect(end === joined.text.length || blockStarts.has(end)).toBe(true);
      start = end;
    }
  });
});
