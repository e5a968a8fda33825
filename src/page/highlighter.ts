import type { EntityKind } from '../entities/types';
import { ENTITY_KINDS } from '../entities/types';
import type { HighlightStyle } from '../settings/types';
import type { PlacedMention } from './mention-index';
import { scheduleTask, type ScheduledTask } from './task-scheduler';

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
 *
 * A sheet change costs a walk of the whole document, whatever the rules name: adopting the
 * sheet or rewriting its rules makes Chromium visit every element of the document to
 * schedule style invalidations (StyleEngine::ScheduleInvalidationsForRuleSets, which looks
 * at each element's id, classes and attributes), 25–45 ms on the 20 MiB bench page, a rule
 * that matches nothing included. Left to the browser, that walk runs in the next frame, the
 * one that first paints the highlights (58 ms on that page: the longest task left there).
 * So a paint that changes the sheet is done in a task of its own, which asks for a computed
 * style at once (the walk runs in that task, not in a frame) and then registers the ranges;
 * the frame that paints them only builds their markers (about 4 ms for 2,208 ranges, measured
 * by adding them all at once, 200 at once, and with and without the sheet: how many ranges
 * are added at once barely matters, so they are not batched). A paint that leaves the sheet
 * as it is registers its ranges at once.
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
const PHRASING_BLOCKS = 'p, h1, h2, h3, h4, h5, h6';

/**
 * The type of the element whose `::highlight()` style paints `text` (see above). `closest()`:
 * one native call, where walking `parentElement` in script made a wrapper per ancestor
 * (15 ms for 2,208 mentions on the 20 MiB page, many of them deep in lists).
 */
function styledTypeOf(text: Text): string | null {
  const block = text.parentElement?.closest(PHRASING_BLOCKS);
  if (block) return block.localName;
  const parent = text.parentNode;
  if (parent?.nodeType === Node.ELEMENT_NODE) return (parent as Element).localName;
  // Text right under a shadow root takes its highlight style from the host (css-pseudo-4 §3.5).
  if (parent && 'host' in parent) return (parent as ShadowRoot).host.localName;
  return null;
}

/** The types of the elements that paint `items`' text. */
function styledTypesOf(items: readonly PlacedMention[]): Set<string> {
  const types = new Set<string>();
  for (const item of items) {
    for (const node of item.nodes) {
      const type = styledTypeOf(node);
      if (type) types.add(type);
    }
  }
  return types;
}

/** One rule per kind, over `types` (null: universal), light then dark. */
function highlightCss(style: HighlightStyle, names: HighlightNames, types: ReadonlySet<string> | null): string {
  if (types?.size === 0) return '';
  const selector = (name: string) => (types ? [...types].map((type) => `${CSS.escape(type)}::highlight(${name})`).join(', ') : `::highlight(${name})`);
  const rules = (shade: 'light' | 'dark') =>
    ENTITY_KINDS.map((kind) => `${selector(names[kind])} { ${declarationsFor(kind, style, KIND_COLOURS[kind][shade])} }`).join('\n');
  return `${rules('light')}\n@media (prefers-color-scheme: dark) {\n${rules('dark')}\n}`;
}

/**
 * Asks for a computed style, so the browser applies a sheet change in this task instead of
 * in the next frame (see above). Returns what it read, so the read is not optimised away.
 */
function applyStylesNow(doc: Document): string {
  const root = doc.documentElement;
  return root ? (doc.defaultView?.getComputedStyle(root).color ?? '') : '';
}

export class Highlighter {
  private readonly highlights = new Map<EntityKind, Highlight>();
  /** What paint() was last given, and the types that paint it; a sheet change in a task of its own (see above) paints it. */
  private items: readonly PlacedMention[] = [];
  private itemTypes = new Set<string>();
  private sheetChange: ScheduledTask | null = null;
  private readonly waiting: (() => void)[] = [];
  /** The CSS the sheet holds now. */
  private written = '';
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

  /** A new style: written at once while the sheet styles nothing, else by the next paint's sheet change. */
  setStyle(style: HighlightStyle): void {
    this.style = style;
    if (this.adoptedBy.size === 0) this.writeSheet();
    else this.paint(this.items);
  }

  private css(): string {
    return this.style ? highlightCss(this.style, this.names, SCOPED_RULES ? this.types : null) : '';
  }

  private writeSheet(): void {
    const css = this.css();
    if (css === this.written) return;
    this.sheet.replaceSync(css);
    this.written = css;
  }

  /**
   * Whether painting what paint() was given changes the sheet: the document without it, a
   * new style, or a type not named yet. Nothing to paint needs no rules, so it changes nothing.
   */
  private changesSheet(): boolean {
    if (this.items.length === 0) return false;
    if (!this.doc.adoptedStyleSheets.includes(this.sheet) || this.css() !== this.written) return true;
    return [...this.itemTypes].some((type) => !this.types.has(type));
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

  /**
   * Replaces what is painted with `items`: at once, or, when that changes the sheet, in a
   * task of its own that changes it first (see above). A later paint before that task runs
   * replaces what it paints.
   */
  paint(items: readonly PlacedMention[]): void {
    if (!this.supported) return;
    this.items = items;
    if (SCOPED_RULES) this.itemTypes = styledTypesOf(items);
    if (this.sheetChange) return;
    if (!this.changesSheet()) {
      this.register(items);
      return;
    }
    this.sheetChange = scheduleTask(() => {
      this.sheetChange = null;
      try {
        for (const type of this.itemTypes) this.types.add(type);
        this.writeSheet();
        this.adoptInto(this.doc);
        applyStylesNow(this.doc);
        this.register(this.items);
      } finally {
        this.settle();
      }
    });
  }

  /** Resolves once what paint() was last given is registered (at once when no sheet change is pending). */
  registered(): Promise<void> {
    return this.sheetChange ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }

  private settle(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private register(items: readonly PlacedMention[]): void {
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
  }

  /** Removes every highlight and the stylesheet: the page looks as if the extension were not there. */
  clear(): void {
    this.sheetChange?.cancel();
    this.sheetChange = null;
    this.items = [];
    this.itemTypes = new Set();
    this.settle();
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
