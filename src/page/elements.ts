/**
 * What the pipeline reads and what it never reads, by element: skipped subtrees (scripts,
 * controls, editors, IOM Lens's own UI), block elements (a name never runs across them),
 * and the block a changed node belongs to. Used by every step that looks at the DOM.
 */
import { OWN_UI_ATTRIBUTE } from '../card/host-name';

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


export function isOwnUi(element: Element): boolean {
  return element.hasAttribute(OWN_UI_ATTRIBUTE);
}

export function isBlockElement(element: Element): boolean {
  return isBlockTag(element.tagName);
}

/** isBlockElement for an element whose `tagName` the caller has read already (block-text.ts: one read per element). */
export function isBlockTag(tagName: string): boolean {
  return BLOCK_TAGS.has(tagName);
}

/** True when the element's own subtree must not be scanned (not counting ancestors). */
export function isSkippedElement(element: Element): boolean {
  return isSkippedElementNamed(element, element.tagName);
}

/** isSkippedElement for an element whose `tagName` the caller has read already. */
export function isSkippedElementNamed(element: Element, tagName: string): boolean {
  if (SKIPPED_TAGS.has(tagName)) return true;
  // Every other reason is an attribute: one call answers for the many elements with none.
  if (!element.hasAttributes()) return false;
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
