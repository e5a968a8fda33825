import type { Prefilter } from './prefilter';
import { isBlockElement, isSkippedElement } from './scanner';

/**
 * Step 2 of the page pipeline: which blocks of the page could hold a mention? The
 * prefilter's candidates are offsets in `textContent`; they are routed down the tree by
 * the text lengths of each level's children (native `textContent`, no node wrappers
 * for the rest of the page) to the innermost block element holding them. Each such block
 * is read with its neighbouring blocks (CONTEXT_CHARS each side), so the detector sees
 * the context words, years and definitions around a mention as it would on the whole page.
 * The rest of the page is never walked.
 */

/** Text of neighbouring blocks read with a candidate block, each side: more than the detector's evidence windows (300–400 folded characters). */
const CONTEXT_CHARS = 1_200;

interface Routed {
  node: Node;
  /** Offset of the node's first character in its root's textContent. */
  start: number;
  offsets: number[];
}

/** Text length of a child as `textContent` counts it (comments and processing instructions add nothing). */
function textLength(node: Node): number {
  if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) return (node as CharacterData).length;
  if (node.nodeType === Node.ELEMENT_NODE) return (node.textContent ?? '').length;
  return 0;
}

/**
 * The blocks under `root` (an element or a shadow root) that hold a candidate, with
 * their context siblings, in document order, none inside another. Empty when the
 * prefilter finds nothing.
 */
export function candidateBlocks(root: Element | ShadowRoot, prefilter: Prefilter): Node[] {
  const text = root.textContent ?? '';
  const offsets = prefilter.candidates(text);
  if (offsets.length === 0) return [];
  const blocks = new Set<Node>();
  const stack: Routed[] = [{ node: root, start: 0, offsets }];
  while (stack.length) {
    const { node, start, offsets: here } = stack.pop()!;
    let childStart = start;
    let i = 0;
    let holdsInline = false;
    for (let child = node.firstChild; child && i < here.length; child = child.nextSibling) {
      const length = textLength(child);
      const childEnd = childStart + length;
      const inside: number[] = [];
      while (i < here.length && here[i] < childEnd) {
        if (here[i] >= childStart) inside.push(here[i]);
        i++;
      }
      if (inside.length) {
        if (child.nodeType === Node.ELEMENT_NODE && isSkippedElement(child as Element)) {
          // A script, a form control, an editor: never read.
        } else if (child.nodeType === Node.ELEMENT_NODE && isBlockElement(child as Element)) {
          stack.push({ node: child, start: childStart, offsets: inside });
        } else holdsInline = true;
      }
      childStart = childEnd;
    }
    if (holdsInline) blocks.add(node);
  }
  return withContext([...blocks], root);
}

/** Adds the neighbouring siblings of each block up to CONTEXT_CHARS each side, then keeps the outermost nodes in document order. */
function withContext(blocks: Node[], root: Node): Node[] {
  const nodes = new Set<Node>();
  for (const block of blocks) {
    if (block === root) return [root];
    nodes.add(block);
    for (const step of ['previousSibling', 'nextSibling'] as const) {
      let chars = 0;
      for (let sibling = block[step]; sibling && chars < CONTEXT_CHARS; sibling = sibling[step]) {
        chars += textLength(sibling);
        nodes.add(sibling);
      }
    }
  }
  const list = [...nodes].filter((node) => {
    for (let parent = node.parentNode; parent && parent !== root; parent = parent.parentNode) if (nodes.has(parent)) return false;
    return true;
  });
  return list.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}
