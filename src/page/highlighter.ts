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
function ruleFor(name: string, kind: EntityKind, style: HighlightStyle, colour: string): string {
  switch (style) {
    case 'background':
      return `::highlight(${name}) { background-color: color-mix(in srgb, ${colour} 22%, transparent); }`;
    case 'outline':
      return `::highlight(${name}) { text-decoration-line: underline overline; text-decoration-style: solid; text-decoration-color: ${colour}; text-decoration-thickness: 1px; }`;
    case 'underline':
    default:
      return `::highlight(${name}) { text-decoration-line: underline; text-decoration-style: ${kind === 'org' ? 'solid' : 'dashed'}; text-decoration-color: ${colour}; text-decoration-thickness: 2px; text-underline-offset: 3px; }`;
  }
}

function highlightCss(style: HighlightStyle, names: HighlightNames): string {
  const light = ENTITY_KINDS.map((kind) => ruleFor(names[kind], kind, style, KIND_COLOURS[kind].light)).join('\n');
  const dark = ENTITY_KINDS.map((kind) => ruleFor(names[kind], kind, style, KIND_COLOURS[kind].dark)).join('\n');
  return `${light}\n@media (prefers-color-scheme: dark) {\n${dark}\n}`;
}

export class Highlighter {
  private readonly highlights = new Map<EntityKind, Highlight>();
  /** Constructable stylesheets exist in every supported browser (Chrome ≥ 123, Firefox ≥ 142). */
  private readonly sheet = new CSSStyleSheet();
  private readonly adoptedBy = new Set<Document | ShadowRoot>();
  private readonly names = randomHighlightNames();
  readonly supported: boolean;

  constructor(private readonly doc: Document) {
    this.supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  }

  setStyle(style: HighlightStyle): void {
    this.sheet.replaceSync(highlightCss(style, this.names));
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
  paint(items: Iterable<PlacedMention>): void {
    if (!this.supported) return;
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
  }
}
