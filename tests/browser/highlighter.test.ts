import { afterEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../src/detect/types';
import type { EntityKind } from '../../src/entities/types';
import { Highlighter, highlightName } from '../../src/page/highlighter';
import type { PlacedMention } from '../../src/page/mention-index';

let nextId = 1;
function mentionOf(text: Text, start: number, end: number, kind: EntityKind): PlacedMention {
  const mention: Mention = { start, end, surface: text.data.slice(start, end), entityId: 'iom', kind, reason: 'test' };
  const range = new StaticRange({ startContainer: text, startOffset: start, endContainer: text, endOffset: end });
  return { id: nextId++, mention, range, nodes: [text] };
}

function paragraph(content: string): Text {
  const p = document.createElement('p');
  p.textContent = content;
  document.body.append(p);
  return p.firstChild as Text;
}

/** The ::highlight() rules the browser itself parsed from the sheets adopted by `root`. */
function highlightRules(root: Document | ShadowRoot): CSSStyleRule[] {
  return root.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]).filter((r): r is CSSStyleRule => r instanceof CSSStyleRule);
}

describe('Highlighter (CSS Custom Highlight API, in Chromium)', () => {
  afterEach(() => {
    document.body.replaceChildren();
    document.adoptedStyleSheets = [];
    CSS.highlights.clear();
  });

  it('registers one highlight per kind holding exactly its ranges, and none for kinds without mentions', () => {
    const text = paragraph('IOM, formerly ICEM, runs counter-trafficking work.');
    const highlighter = new Highlighter(document);
    const org = mentionOf(text, 0, 3, 'org');
    const former = mentionOf(text, 14, 18, 'former-name');
    highlighter.paint([org, former]);
    expect([...(CSS.highlights.get(highlightName('org')) ?? [])]).toEqual([org.range]);
    expect([...(CSS.highlights.get(highlightName('former-name')) ?? [])]).toEqual([former.range]);
    expect(CSS.highlights.has(highlightName('programme'))).toBe(false);
  });

  it('a repaint replaces what was painted; a kind left with nothing is unregistered', () => {
    const text = paragraph('IOM and ICEM');
    const highlighter = new Highlighter(document);
    highlighter.paint([mentionOf(text, 0, 3, 'org'), mentionOf(text, 8, 12, 'former-name')]);
    const later = mentionOf(text, 8, 12, 'former-name');
    highlighter.paint([later]);
    expect(CSS.highlights.has(highlightName('org'))).toBe(false);
    expect([...(CSS.highlights.get(highlightName('former-name')) ?? [])]).toEqual([later.range]);
  });

  it.each([
    ['underline', 'textDecorationLine', 'underline'],
    ['background', 'backgroundColor', 'color-mix'],
    ['outline', 'textDecorationLine', 'underline overline'],
  ] as const)('style %s: the browser parses a ::highlight() rule for every kind', (style, property, expected) => {
    const text = paragraph('IOM');
    const highlighter = new Highlighter(document);
    highlighter.setStyle(style);
    highlighter.paint([mentionOf(text, 0, 3, 'org')]);
    const rules = highlightRules(document);
    for (const kind of ['org', 'former-name', 'programme', 'campaign', 'person'] as const) {
      const rule = rules.find((r) => r.selectorText === `::highlight(${highlightName(kind)})`);
      expect(rule, kind).toBeDefined();
      expect(String(rule!.style[property])).toContain(expected);
    }
  });

  it("adopts its sheet beside the page's own, into shadow roots too, and clear() leaves only the page's", () => {
    const own = new CSSStyleSheet();
    own.replaceSync('p { margin: 0 }');
    document.adoptedStyleSheets = [own];
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(document.createTextNode('IOM'));
    const highlighter = new Highlighter(document);
    highlighter.setStyle('underline');
    highlighter.paint([mentionOf(shadow.firstChild as Text, 0, 3, 'org')]);
    highlighter.adoptInto(shadow);
    expect(document.adoptedStyleSheets).toHaveLength(2);
    expect(document.adoptedStyleSheets[0]).toBe(own);
    expect(highlightRules(shadow).length).toBeGreaterThan(0);

    highlighter.clear();
    expect(document.adoptedStyleSheets).toEqual([own]);
    expect(shadow.adoptedStyleSheets).toEqual([]);
    expect(CSS.highlights.has(highlightName('org'))).toBe(false);
  });

  it("leaves the page's own highlights alone", () => {
    const text = paragraph('IOM');
    const pages = new Highlight(new StaticRange({ startContainer: text, startOffset: 0, endContainer: text, endOffset: 1 }));
    CSS.highlights.set('search-result', pages);
    const highlighter = new Highlighter(document);
    highlighter.paint([mentionOf(text, 0, 3, 'org')]);
    highlighter.clear();
    expect(CSS.highlights.get('search-result')).toBe(pages);
  });
});
