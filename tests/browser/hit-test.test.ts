import { afterEach, describe, expect, it } from 'vitest';
import type { EntityKind } from '../../src/entities/types';
import { caretAt, hitTest, hitTestTarget, liveRange, mentionsUnder } from '../../src/page/hit-test';
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
  // Pointer moves: the browser already chose the element under the pointer (the event's
  // target, which elementFromPoint gives here), so only that element's mentions are measured.

  it('a pointer move finds what the caret lookup finds, at every point over a paragraph with mentions', () => {
    const p = paragraph('About IOM and the <b>International Organization</b> for Migration, then <i>plain words</i> and OIM at the end', 360);
    const [lead, bold, tail] = [p.childNodes[0] as Text, p.querySelector('b')!.firstChild as Text, p.childNodes[2] as Text];
    const last = p.childNodes[4] as Text;
    const index = new MentionIndex();
    const iom = place(1, lead, 6, lead, 9, [lead]);
    const name = place(2, bold, 0, tail, 14, [bold, tail]);
    const oim = place(3, last, 5, last, 8, [last]);
    index.add([iom, name, oim]);
    const box = p.getBoundingClientRect();
    const edges = [iom, name, oim].flatMap(rangeRects);
    // Within the hit test's 1 px slack of a line box the caret may land in the neighbouring text node: not compared.
    const nearEdge = (x: number, y: number) =>
      edges.some((r) => x > r.left - 2 && x < r.right + 2 && y > r.top - 2 && y < r.bottom + 2 && (x < r.left + 2 || x > r.right - 2 || y < r.top + 2 || y > r.bottom - 2));
    let hits = 0;
    for (let y = box.top + 2; y < box.bottom; y += 5) {
      for (let x = box.left + 1; x < box.right; x += 3) {
        if (nearEdge(x, y)) continue;
        const byCaret = hitTest(document, index, x, y, [])?.item;
        const byTarget = hitTestTarget(document, index, document.elementFromPoint(x, y), x, y, () => [])?.item;
        expect(byTarget, `at ${x}, ${y}`).toBe(byCaret);
        if (byCaret) hits++;
      }
    }
    // Every mention was crossed many times: the comparison is not only of misses.
    expect(hits).toBeGreaterThan(60);
  });

  it('an element holding no mention text rules a move out at once; a shadow host or a crowded element is left to the caret lookup', () => {
    const p = paragraph('Read about IOM <i>and nothing else</i>');
    const text = p.firstChild as Text;
    const index = new MentionIndex();
    const iom = place(1, text, 11, text, 14, [text]);
    index.add([iom]);
    expect(mentionsUnder(index, p)).toEqual([iom]);
    expect(mentionsUnder(index, p.querySelector('i'))).toEqual([]);
    expect(mentionsUnder(index, document)).toEqual([]);
    expect(mentionsUnder(index, null)).toEqual([]);
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' });
    expect(mentionsUnder(index, host)).toBeNull();
    // Hundreds of children (a long highlighted <pre>): not scanned, but the mention in it is still found.
    const pre = document.createElement('pre');
    pre.style.cssText = 'font: 20px/30px monospace; margin: 20px';
    for (let i = 0; i < 400; i++) pre.append(document.createElement('span'));
    pre.append('IOM');
    document.body.append(pre);
    const crowded = pre.lastChild as Text;
    const inPre = place(2, crowded, 0, crowded, 3, [crowded]);
    index.add([inPre]);
    expect(mentionsUnder(index, pre)).toBeNull();
    const { x, y } = centre(rangeRects(inPre)[0]);
    let asked = false;
    const hit = hitTestTarget(document, index, pre, x, y, () => ((asked = true), []));
    expect(hit?.item).toBe(inPre);
    expect(asked).toBe(true);
  });

  it('a pointer move over a mention that scrolled there finds it at its new place', () => {
    const box = document.createElement('div');
    box.style.cssText = 'height: 120px; overflow: auto; font: 20px/30px monospace; margin: 20px; width: 400px';
    const filler = document.createElement('div');
    filler.style.height = '300px';
    const p = document.createElement('p');
    p.textContent = 'Further down, IOM';
    box.append(filler, p, filler.cloneNode());
    document.body.append(box);
    const text = p.firstChild as Text;
    const index = new MentionIndex();
    const iom = place(1, text, 14, text, 17, [text]);
    index.add([iom]);
    const rest = { x: box.getBoundingClientRect().left + 20, y: box.getBoundingClientRect().top + 60 };
    expect(hitTestTarget(document, index, document.elementFromPoint(rest.x, rest.y), rest.x, rest.y, () => [])).toBeNull();
    // Scroll the mention's line to where the pointer rests.
    const before = rangeRects(iom)[0];
    box.scrollTop = before.top + before.height / 2 - rest.y;
    const { x, y } = centre(rangeRects(iom)[0]);
    expect(Math.abs(y - rest.y)).toBeLessThan(2);
    expect(hitTestTarget(document, index, document.elementFromPoint(x, y), x, y, () => [])?.item).toBe(iom);
  });
});
