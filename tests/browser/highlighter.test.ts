import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { Mention } from '../../src/detect/types';
import type { EntityKind } from '../../src/entities/types';
import { Highlighter } from '../../src/page/highlighter';
import type { PlacedMention } from '../../src/page/mention-index';

let nextId = 1;
function mentionOf(text: Text, start: number, end: number, kind: EntityKind): PlacedMention {
  const mention: Mention = { start, end, surface: text.data.slice(start, end), entityId: 'iom', kind, reason: 'test' };
  const range = new StaticRange({ startContainer: text, startOffset: start, endContainer: text, endOffset: end });
  return { id: nextId++, mention, range, nodes: [text] };
}

/** The registered highlight holding `range`, by name (the names are random per document). */
function holderOf(range: AbstractRange): { name: string; ranges: AbstractRange[] } | null {
  for (const [name, highlight] of CSS.highlights) if (highlight.has(range)) return { name, ranges: [...highlight] };
  return null;
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

  it('registers one highlight per kind holding exactly its ranges, and none for kinds without mentions', async () => {
    const text = paragraph('IOM, formerly ICEM, runs counter-trafficking work.');
    const highlighter = new Highlighter(document);
    const org = mentionOf(text, 0, 3, 'org');
    const former = mentionOf(text, 14, 18, 'former-name');
    highlighter.paint([org, former]);
    await highlighter.registered();
    expect(CSS.highlights.size).toBe(2);
    expect(holderOf(org.range)?.ranges).toEqual([org.range]);
    expect(holderOf(former.range)?.ranges).toEqual([former.range]);
    expect(holderOf(org.range)?.name).not.toBe(holderOf(former.range)?.name);
  });

  it('names that do not announce the extension, different in every document', async () => {
    const text = paragraph('IOM');
    const org = mentionOf(text, 0, 3, 'org');
    const painted = async () => {
      const highlighter = new Highlighter(document);
      highlighter.paint([org]);
      await highlighter.registered();
    };
    await painted();
    const first = holderOf(org.range)!.name;
    CSS.highlights.clear();
    await painted();
    const second = holderOf(org.range)!.name;
    expect(first).toMatch(/^[a-z]+$/);
    expect(first).not.toMatch(/iom|lens/i);
    expect(second).not.toBe(first);
  });

  it('a repaint replaces what was painted; a kind left with nothing is unregistered', async () => {
    const text = paragraph('IOM and ICEM');
    const highlighter = new Highlighter(document);
    const org = mentionOf(text, 0, 3, 'org');
    highlighter.paint([org, mentionOf(text, 8, 12, 'former-name')]);
    await highlighter.registered();
    const later = mentionOf(text, 8, 12, 'former-name');
    highlighter.paint([later]);
    expect(CSS.highlights.size).toBe(1);
    expect(holderOf(org.range)).toBeNull();
    expect(holderOf(later.range)?.ranges).toEqual([later.range]);
  });

  it('a paint that changes the sheet changes it in a task of its own, then registers; one that does not registers at once', async () => {
    document.body.innerHTML = '<p>IOM and ICEM</p><ul><li>IOM</li></ul>';
    const inParagraph = document.querySelector('p')!.firstChild as Text;
    const inItem = document.querySelector('li')!.firstChild as Text;
    const highlighter = new Highlighter(document);
    highlighter.setStyle('underline');
    const org = mentionOf(inParagraph, 0, 3, 'org');
    highlighter.paint([org]);
    // The sheet's adoption (a walk over every element in Chromium) waits for a task of its own.
    expect(CSS.highlights.size).toBe(0);
    expect(document.adoptedStyleSheets).toEqual([]);
    await highlighter.registered();
    expect(holderOf(org.range)?.ranges).toEqual([org.range]);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    // The same element type and style: no sheet change, registered at once.
    const former = mentionOf(inParagraph, 8, 12, 'former-name');
    highlighter.paint([org, former]);
    expect(holderOf(former.range)?.ranges).toEqual([former.range]);
    // A new type waits; a paint meanwhile replaces what that task paints.
    const listed = mentionOf(inItem, 0, 3, 'org');
    highlighter.paint([org, listed]);
    expect(holderOf(listed.range)).toBeNull();
    highlighter.paint([org]);
    await highlighter.registered();
    expect(holderOf(org.range)?.ranges).toEqual([org.range]);
    expect(holderOf(former.range)).toBeNull();
    // clear() drops a pending change: nothing is painted after it.
    highlighter.paint([org, listed]);
    highlighter.clear();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(CSS.highlights.size).toBe(0);
    expect(document.adoptedStyleSheets).toEqual([]);
  });

  it.each([
    ['underline', 'textDecorationLine', 'underline'],
    ['background', 'backgroundColor', 'color-mix'],
    ['outline', 'textDecorationLine', 'underline overline'],
  ] as const)('style %s: the browser parses a ::highlight() rule for every kind', async (style, property, expected) => {
    const text = paragraph('IOM');
    const highlighter = new Highlighter(document);
    highlighter.setStyle(style);
    const org = mentionOf(text, 0, 3, 'org');
    highlighter.paint([org]);
    await highlighter.registered();
    const rules = highlightRules(document).filter((rule) => rule.selectorText.includes('::highlight('));
    // One rule per kind (light; the dark ones sit in a @media rule), the org one naming the org highlight.
    expect(rules).toHaveLength(5);
    expect(rules.map((rule) => rule.selectorText)).toContain(`p::highlight(${holderOf(org.range)?.name})`);
    for (const rule of rules) expect(String(rule.style[property])).toContain(expected);
  });

  it("adopts its sheet beside the page's own, into shadow roots too, and clear() leaves only the page's", async () => {
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
    await highlighter.registered();
    expect(document.adoptedStyleSheets).toHaveLength(2);
    expect(document.adoptedStyleSheets[0]).toBe(own);
    expect(highlightRules(shadow).length).toBeGreaterThan(0);

    highlighter.clear();
    expect(document.adoptedStyleSheets).toEqual([own]);
    expect(shadow.adoptedStyleSheets).toEqual([]);
    expect(CSS.highlights.size).toBe(0);
  });

  it("leaves the page's own highlights alone", async () => {
    const text = paragraph('IOM');
    const pages = new Highlight(new StaticRange({ startContainer: text, startOffset: 0, endContainer: text, endOffset: 1 }));
    CSS.highlights.set('search-result', pages);
    const highlighter = new Highlighter(document);
    highlighter.paint([mentionOf(text, 0, 3, 'org')]);
    await highlighter.registered();
    highlighter.clear();
    expect(CSS.highlights.get('search-result')).toBe(pages);
  });

  it('names only the types of the elements that paint mentions: the nearest <p> or heading, else the text\'s parent', async () => {
    document.body.innerHTML =
      '<div><p>See <em><a href="#">IOM</a></em>.</p><ul><li>IOM in a list</li></ul><h2>About <b>IOM</b></h2><table><tr><td><span>IOM</span></td></tr></table></div>';
    const textOf = (selector: string) => document.querySelector(selector)!.firstChild as Text;
    const highlighter = new Highlighter(document);
    highlighter.setStyle('underline');
    const inLink = mentionOf(textOf('a'), 0, 3, 'org');
    highlighter.paint([inLink, mentionOf(textOf('li'), 0, 3, 'org'), mentionOf(textOf('b'), 0, 3, 'org')]);
    await highlighter.registered();
    const org = holderOf(inLink.range)!.name;
    const orgTypes = () =>
      highlightRules(document)
        .find((rule) => rule.selectorText.includes(`::highlight(${org})`))!
        .selectorText.split(', ')
        .map((selector) => selector.replace(`::highlight(${org})`, ''))
        .sort();
    expect(orgTypes()).toEqual(['h2', 'li', 'p']);
    // A mention in a new kind of element rewrites the sheet; the types already named stay.
    highlighter.paint([mentionOf(textOf('span'), 0, 3, 'org')]);
    await highlighter.registered();
    expect(orgTypes()).toEqual(['h2', 'li', 'p', 'span']);
  });

  /** The mentions' look, as pixels: a screenshot of `element`. */
  async function pixels(element: Element): Promise<string> {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return page.screenshot({ element, save: false });
  }

  it.each(['underline', 'background', 'outline'] as const)(
    'style %s looks exactly as a universal ::highlight() rule would, on text nested inside a paragraph, a list item and a cell',
    async (style) => {
      document.body.innerHTML =
        '<div id="box" style="font: 24px/1.6 sans-serif; padding: 8px; background: white; color: black; width: 600px">' +
        '<section><p>See <em><a href="#" style="color: black">International Organization for Migration</a></em> here.</p></section>' +
        '<ul><li>The <b>IOM</b> office</li></ul><table><tr><td>IOM</td></tr></table></div>';
      const box = document.getElementById('box')!;
      const unpainted = await pixels(box);
      const texts = ['a', 'b', 'td'].map((selector) => box.querySelector(selector)!.firstChild as Text);
      const highlighter = new Highlighter(document);
      highlighter.setStyle(style);
      const mentions = texts.map((text) => mentionOf(text, 0, text.length, 'org'));
      highlighter.paint(mentions);
      await highlighter.registered();
      const scoped = await pixels(box);
      // The reference: the same declarations in a universal rule, the look before rules were scoped.
      const name = holderOf(mentions[0].range)!.name;
      const declarations = highlightRules(document).find((rule) => rule.selectorText.includes(`::highlight(${name})`))!.style.cssText;
      highlighter.clear();
      const reference = new CSSStyleSheet();
      reference.replaceSync(`::highlight(reference) { ${declarations} }`);
      document.adoptedStyleSheets = [reference];
      CSS.highlights.set('reference', new Highlight(...mentions.map((mention) => mention.range)));
      const universal = await pixels(box);
      expect(universal).not.toBe(unpainted);
      expect(scoped).toBe(universal);
    },
  );
});
