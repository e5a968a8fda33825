import type { EntityKind } from '../entities/types';
import { ENTITY_KINDS } from '../entities/types';
import type { HighlightStyle } from '../settings/types';
import type { PlacedMention } from './mention-index';

/**
 * Step 6 of the page pipeline, paint: marks mentions with the CSS Custom Highlight API:
 * ranges registered in CSS.highlights and painted by `::highlight()` rules, so the page's
 * DOM is never touched. https://developer.mozilla.org/en-US/docs/Web/API/CSS_Custom_Highlight_API
 *
 * The registry and the adopted stylesheet are per document and visible to the page's
 * scripts, so the names say nothing: random per document and kind (issue 9: a fixed
 * `iom-lens-*` name told every page the extension was there). The stylesheet lists the
 * kinds in ENTITY_KINDS order, which is how the tests find which name is which.
 *
 * Scoped rules (Chromium): a universal `::highlight(x)` rule makes Chromium restyle every
 * element of the document when the sheet arrives (110–200 ms in one task on a 278 k-node
 * page), and so do `:root::`/`html::`/`body::highlight(x)`: a highlight pseudo inherits every
 * property from its parent's (css-pseudo-4 §3.5, https://drafts.csswg.org/css-pseudo-4/#highlight-cascade),
 * so each element whose highlight style changes restyles its whole subtree. A rule whose
 * selector ends in a type selector is invalidated for the elements of that type only, and
 * those whose style does not change stop there. So the rules name only the elements that
 * hold mentions, by type: a mention's nearest `<p>`/`<h1>`–`<h6>` (they hold phrasing
 * content only, so their subtrees are small, and inheritance carries the style down to a
 * link or `<em>` inside), else its text's own parent. Types, because an element's type
 * never changes, where a class or position a page changes would unpaint a mention. On
 * Node's api/all.html: 9 ms instead of 130–180 ms (`p::highlight`). Firefox keeps the
 * universal rule: its highlight inheritance is not checked here.
 */

/** Names per kind for one document. */
export type HighlightNames = Readonly<Record<EntityKind, string>>;

/** Random letters: a CSS identifier that starts with a letter, distinct per kind. */
function randomHighlightNames(): HighlightNames {
  const names = {} as Record<EntityKind, string>;
  const used = new Set<string>();
  for (const kind of ENTITY_KINDS) {
    let name = '';
    // Never a name that reads as the extension's, even by chance.
    while (!name || used.has(name) || /iom|lens/.test(name)) {
      name = [...crypto.getRandomValues(new Uint8Array(10))].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
    }
    used.add(name);
    names[kind] = name;
  }
  return names;
}

/** Per kind: light and dark colours (dark pages get lighter strokes). */
const KIND_COLOURS: Record<EntityKind, { light: string; dark: string }> = {
  org: { light: '#1a5fb4', dark: '#8cb8ff' },
  'former-name': { light: '#813d9c', dark: '#d6a8f0' },
  programme: { light: '#0b7a75', dark: '#6fd8d0' },
  campaign: { light: '#b35900', dark: '#ffb46b' },
  person: { light: '#26803a', dark: '#8fdc9d' },
};

/**
 * `::highlight()` accepts only a few properties (colour, background-color,
 * text-decoration, text-shadow; https://drafts.csswg.org/css-highlight-api-1/#styling-highlights):
 * no outline or border. The "outline" style is emulated with over- and underlines,
 * which frame the words above and below.
 */
function declarationsFor(kind: EntityKind, style: HighlightStyle, colour: string): string {
  switch (style) {
    case 'background':
      return `background-color: color-mix(in srgb, ${colour} 22%, transparent);`;
    case 'outline':
      return `text-decoration-line: underline overline; text-decoration-style: solid; text-decoration-color: ${colour}; text-decoration-thickness: 1px;`;
    case 'underline':
    default:
      return `text-decoration-line: underline; text-decoration-style: ${kind === 'org' ? 'solid' : 'dashed'}; text-decoration-color: ${colour}; text-decoration-thickness: 2px; text-underline-offset: 3px;`;
  }
}

/** Universal rules where scoped ones are not used (see above). */
const SCOPED_RULES = import.meta.env.BROWSER !== 'firefox';

/** Elements that hold phrasing content only: their subtrees are the text they hold. */
const PHRASING_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The type of the element whose `::highlight()` style paints `text` (see above). */
function styledTypeOf(text: Text): string | null {
  for (let element = text.parentElement; element; element = element.parentElement) {
    if (PHRASING_BLOCKS.has(element.localName)) return element.localName;
  }
  const parent = text.parentNode;
  if (parent?.nodeType === Node.ELEMENT_NODE) return (parent as Element).localName;
  // Text right under a shadow root takes its highlight style from the host (css-pseudo-4 §3.5).
  if (parent && 'host' in parent) return (parent as ShadowRoot).host.localName;
  return null;
}

/** One rule per kind, over `types` (null: universal), light then dark. */
function highlightCss(style: HighlightStyle, names: HighlightNames, types: ReadonlySet<string> | null): string {
  if (types?.size === 0) return '';
  const selector = (name: string) => (types ? [...types].map((type) => `${CSS.escape(type)}::highlight(${name})`).join(', ') : `::highlight(${name})`);
  const rules = (shade: 'light' | 'dark') =>
    ENTITY_KINDS.map((kind) => `${selector(names[kind])} { ${declarationsFor(kind, style, KIND_COLOURS[kind][shade])} }`).join('\n');
  return `${rules('light')}\n@media (prefers-color-scheme: dark) {\n${rules('dark')}\n}`;
}

export class Highlighter {
  private readonly highlights = new Map<EntityKind, Highlight>();
  /** Constructable stylesheets exist in every supported browser (Chrome ≥ 123, Firefox ≥ 142). */
  private readonly sheet = new CSSStyleSheet();
  private readonly adoptedBy = new Set<Document | ShadowRoot>();
  private readonly names = randomHighlightNames();
  private style: HighlightStyle | null = null;
  /** Element types the rules name; only grows while painting (a smaller set would restyle those elements again). */
  private readonly types = new Set<string>();
  readonly supported: boolean;

  constructor(private readonly doc: Document) {
    this.supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  }

  setStyle(style: HighlightStyle): void {
    this.style = style;
    this.writeSheet();
  }

  private writeSheet(): void {
    if (this.style) this.sheet.replaceSync(highlightCss(this.style, this.names, SCOPED_RULES ? this.types : null));
  }

  /** Adds the types of the elements that paint `items`' text; rewrites the sheet if one is new. */
  private coverTypes(items: readonly PlacedMention[]): void {
    if (!SCOPED_RULES) return;
    const before = this.types.size;
    for (const item of items) {
      for (const node of item.nodes) {
        const type = styledTypeOf(node);
        if (type) this.types.add(type);
      }
    }
    if (this.types.size !== before) this.writeSheet();
  }

  /**
   * `::highlight()` rules only style the tree their stylesheet belongs to, so the
   * sheet is adopted by the document and by every open shadow root with mentions.
   * Re-checked on every update because a page may replace its adoptedStyleSheets.
   */
  adoptInto(root: Document | ShadowRoot): void {
    try {
      if (!root.adoptedStyleSheets.includes(this.sheet)) {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
      }
      this.adoptedBy.add(root);
    } catch {
      // A frozen or foreign adoptedStyleSheets: the highlights stay unpainted, hovering still works.
    }
  }

  /** Replaces what is painted with `items`. */
  paint(items: readonly PlacedMention[]): void {
    if (!this.supported) return;
    this.coverTypes(items);
    for (const highlight of this.highlights.values()) highlight.clear();
    for (const item of items) {
      let highlight = this.highlights.get(item.mention.kind);
      if (!highlight) {
        highlight = new Highlight();
        this.highlights.set(item.mention.kind, highlight);
      }
      highlight.add(item.range);
    }
    for (const [kind, highlight] of this.highlights) {
      const name = this.names[kind];
      if (highlight.size > 0) {
        if (CSS.highlights.get(name) !== highlight) CSS.highlights.set(name, highlight);
      } else CSS.highlights.delete(name);
    }
    this.adoptInto(this.doc);
  }

  /** Removes every highlight and the stylesheet: the page looks as if the extension were not there. */
  clear(): void {
    if (this.supported) {
      for (const [kind, highlight] of this.highlights) {
        highlight.clear();
        if (CSS.highlights.get(this.names[kind]) === highlight) CSS.highlights.delete(this.names[kind]);
      }
    }
    for (const root of this.adoptedBy) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
      } catch {
        // ignore: see adoptInto
      }
    }
    this.adoptedBy.clear();
    this.types.clear();
    this.writeSheet();
  }
}
