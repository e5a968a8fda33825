import { isBlockElement, isSkippedElement } from './elements';
import type { TextSegmentInput } from './text-model';

/**
 * Step 3 of the page pipeline: the text a reader can see inside one candidate block, in
 * document order, descending into open shadow roots. Yields each text node with whether a
 * block boundary separates it from the previous one; a generator, so the caller reads a
 * block of any size in slices. Never touches the nodes.
 */

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

/**
 * Whether a block can show anything at all: not under display:none or
 * content-visibility:hidden, nor inert. Asked once per candidate block, so a hidden block
 * costs one check and is never walked. (visibility:hidden is left to the per-parent check:
 * a child may set visibility:visible again.)
 */
function isBlockShown(block: Element): boolean {
  const check = (block as VisibilityCheck).checkVisibility;
  if (typeof check === 'function' && !check.call(block)) return false;
  return block.closest('[inert]') === null;
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
  if (root.nodeType === Node.ELEMENT_NODE && !isBlockShown(root as Element)) return;
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
