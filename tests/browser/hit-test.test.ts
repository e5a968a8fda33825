import { afterEach, describe, expect, it } from 'vitest';
import type { EntityKind } from '../../src/entities/types';
import { caretAt, hitTest, liveRange } from '../../src/page/hit-test';
import { MentionIndex, type PlacedMention } from '../../src/page/mention-index';

function place(id: number, start: Text, startOffset: number, end: Text, endOffset: number, nodes: Text[], kind: EntityKind = 'org'): PlacedMention {
  const range = new StaticRange({ startContainer: start, startOffset, endContainer: end, endOffset });
  const surface = new Range();
  surface.setStart(start, startOffset);
  surface.setEnd(end, endOffset);
  return { id, range, nodes, mention: { start: 0, end: 0, surface: surface.toString(), entityId: 'iom', kind, reason: 'test' } };
}

/** A paragraph in a fixed font and width, so the layout is known. */
function paragraph(html: string, width = 600): HTMLParagraphElement {
  const p = document.createElement('p');
  p.style.cssText = `font: 20px/30px monospace; width: ${width}px; margin: 20px; padding: 0`;
  p.innerHTML = html;
  document.body.append(p);
  return p;
}

const centre = (rect: DOMRect) => ({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });

function rangeRects(item: PlacedMention): DOMRect[] {
  return [...liveRange(document, item.range)!.getClientRects()].filter((r) => r.width > 0);
}

describe('hit test (real layout, in Chromium)', () => {
  afterEach(() => document.body.replaceChildren());

  it('finds the mention under the pointer, and nothing beside it on the same line', () => {
    const text = paragraph('Read about IOM today').firstChild as Text;
    const index = new MentionIndex();
    const iom = place(1, text, 11, text, 14, [text]);
    index.add([iom]);
    const [rect] = rangeRects(iom);
    const { x, y } = centre(rect);
    expect(hitTest(document, index, x, y, [])?.item).toBe(iom);
    expect(hitTest(document, index, rect.right + 40, y, [])).toBeNull(); // over "today"
    expect(hitTest(document, index, x, rect.bottom + 40, [])).toBeNull(); // below the line
  });

  it('a mention split across tags and wrapped over two lines is hit on each of its line boxes', () => {
    const p = paragraph('the International <b>Organization</b> for Migration', 260);
    const [first, bold, last] = [p.childNodes[0] as Text, p.querySelector('b')!.firstChild as Text, p.childNodes[2] as Text];
    const index = new MentionIndex();
    const name = place(1, first, 4, last, last.data.length, [first, bold, last]);
    index.add([name]);
    const lines = new Set(rangeRects(name).map((r) => Math.round(r.top)));
    expect(lines.size).toBeGreaterThanOrEqual(2);
    for (const rect of rangeRects(name)) {
      const hit = hitTest(document, index, centre(rect).x, centre(rect).y, []);
      expect(hit?.item).toBe(name);
      expect(Math.round(hit!.rect.top)).toBe(Math.round(rect.top));
    }
  });

  it('reads text inside an open shadow root it is given', () => {
    const host = document.createElement('div');
    host.style.cssText = 'font: 20px/30px monospace; margin: 20px';
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(document.createTextNode('About IOM here'));
    const text = shadow.firstChild as Text;
    const index = new MentionIndex();
    const iom = place(1, text, 6, text, 9, [text]);
    index.add([iom]);
    const { x, y } = centre(rangeRects(iom)[0]);
    expect(caretAt(document, x, y, [shadow])?.node).toBe(text);
    expect(hitTest(document, index, x, y, [shadow])?.item).toBe(iom);
  });

  it('a range whose text shrank under it is no hit and no live range', () => {
    const text = paragraph('Read about IOM today').firstChild as Text;
    const index = new MentionIndex();
    const iom = place(1, text, 11, text, 14, [text]);
    index.add([iom]);
    const { x, y } = centre(rangeRects(iom)[0]);
    text.data = 'Read';
    expect(liveRange(document, iom.range)).toBeNull();
    expect(hitTest(document, index, x, y, [])).toBeNull();
  });
});
