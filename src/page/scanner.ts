import type { TextSegmentInput } from './text-model';

/**
 * Walks the text a reader can see, in document order, descending into open shadow
 * roots. Yields each text node with whether a block boundary separates it from the
 * previous one. Never touches the nodes.
 */

/** Elements whose text is not page prose or belongs to a control the user edits. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'HEAD', 'TITLE', 'CANVAS', 'VIDEO', 'AUDIO', 'IFRAME', 'OBJECT', 'EMBED',
  // Foreign elements keep their lower-case names in HTML documents.
  'svg', 'math',
]);

/** Elements that start a new line of text: a name never runs across them. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP',
  'HR', 'HTML', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY',
  'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Marks the extension's own UI hosts; the scanner and the observer ignore them. */
export const OWN_UI_ATTRIBUTE = 'data-iom-lens-ui';

export function isOwnUi(element: Element): boolean {
  return element.hasAttribute(OWN_UI_ATTRIBUTE);
}

export function isBlockElement(element: Element): boolean {
  return BLOCK_TAGS.has(element.tagName);
}

/** True when the element's own subtree must not be scanned (not counting ancestors). */
export function isSkippedElement(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName)) return true;
  if (isOwnUi(element)) return true;
  if (element.hasAttribute('hidden')) return true;
  const editable = element.getAttribute('contenteditable');
  // contenteditable="" / "true" / "plaintext-only" make an editing host; "false" does not.
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  return false;
}

/** True when the node sits inside something the scanner skips (checked for roots queued by the observer). */
export function isInsideSkipped(node: Node): boolean {
  for (let el: Element | null = node instanceof Element ? node : node.parentElement; el; ) {
    if (isSkippedElement(el)) return true;
    const parent: Element | null = el.parentElement;
    if (parent) el = parent;
    else {
      const root = el.getRootNode();
      el = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return node.ownerDocument?.designMode === 'on';
}

/** Nearest block ancestor (or the shadow root / document) of a node: the unit rescanned after a mutation. */
export function blockContainerOf(node: Node): Node {
  for (let el: Element | null = node instanceof Element ? node : node.parentElement; el; el = el.parentElement) {
    if (isBlockElement(el)) return el;
  }
  return node.getRootNode();
}

type VisibilityCheck = Element & { checkVisibility?: (options?: { visibilityProperty?: boolean }) => boolean };

/**
 * Whether a reader sees the text directly inside `parent`: not under display:none,
 * visibility:hidden, content-visibility:hidden (closed <details> included) or `hidden`
 * (Element.checkVisibility, https://drafts.csswg.org/cssom-view/#dom-element-checkvisibility),
 * nor under `inert`. Asked once per parent element of a text node, only inside candidate blocks.
 */
function isTextVisibleIn(parent: Element): boolean {
  const check = (parent as VisibilityCheck).checkVisibility;
  if (typeof check === 'function' && !check.call(parent, { visibilityProperty: true })) return false;
  // checkVisibility looks at ancestors' content-visibility only: text right inside an element
  // whose own content-visibility is hidden is skipped too (CSS Containment 2, "skips its contents").
  if (getComputedStyle(parent).contentVisibility === 'hidden') return false;
  // Text right inside a closed <details> (outside its <summary>) is not rendered.
  if (parent.tagName === 'DETAILS' && !(parent as HTMLDetailsElement).open) return false;
  return parent.closest('[inert]') === null;
}

/** Open shadow roots seen during the last walk, for caretPositionFromPoint and stylesheet adoption. */
export interface WalkState {
  shadowRoots: Set<ShadowRoot>;
}

/**
 * Yields visible-text segments under `root` (an element, a shadow root or the
 * document). The generator form lets the caller stop at a time budget and resume.
 */
export function* walkText(root: Node, state: WalkState): Generator<TextSegmentInput<Text>, void, undefined> {
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === 'on') return;
  // No NodeFilter callback: calling back into script for every node made the walk
  // 10-15x slower (measured on the 1 MiB bench page); skipped subtrees are jumped over by hand.
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  /** The node after `walker.currentNode`'s subtree, or null at the end of `root`. */
  const skipSubtree = (): Node | null => {
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  };
  const blockOf = new Map<Node, Node>();
  const nearestBlock = (parent: Node): Node => {
    const cached = blockOf.get(parent);
    if (cached) return cached;
    let block: Node = parent;
    if (parent instanceof Element && !isBlockElement(parent)) {
      block = parent.parentNode ? nearestBlock(parent.parentNode) : parent;
    }
    blockOf.set(parent, block);
    return block;
  };
  const visibleIn = new Map<Element, boolean>();
  /** Hidden text is neither marked nor counted, and a name whose middle is hidden is no name: it stays out of the joined text. */
  const visible = (text: Text): boolean => {
    const parent = text.parentElement;
    if (!parent) return true;
    // A shadow host's own text shows only where a slot takes it.
    if (parent.shadowRoot && !text.assignedSlot) return false;
    let seen = visibleIn.get(parent);
    if (seen === undefined) {
      seen = isTextVisibleIn(parent);
      visibleIn.set(parent, seen);
    }
    return seen;
  };
  let previousBlock: Node | null = null;
  let pendingBreak = false;
  for (let node = walker.nextNode(); node; ) {
    if (node.nodeType === Node.ELEMENT_NODE && isSkippedElement(node as Element)) {
      node = skipSubtree();
      continue;
    }
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node as Text;
      const data = text.data;
      if (data.length === 0 || !visible(text)) {
        node = walker.nextNode();
        continue;
      }
      const block = text.parentNode ? nearestBlock(text.parentNode) : root;
      const blockBreakBefore = pendingBreak || (previousBlock !== null && block !== previousBlock);
      previousBlock = block;
      pendingBreak = false;
      yield { node: text, text: data, blockBreakBefore };
      node = walker.nextNode();
      continue;
    }
    const element = node as Element;
    if (element.tagName === 'BR') pendingBreak = true;
    const shadow = element.shadowRoot;
    if (shadow) {
      state.shadowRoots.add(shadow);
      // The shadow tree renders in place of the host's children: a separate block of text.
      let first = true;
      for (const segment of walkText(shadow, state)) {
        yield first ? { ...segment, blockBreakBefore: true } : segment;
        first = false;
      }
      pendingBreak = true;
    }
    node = walker.nextNode();
  }
}
