import { isBlockElement, isSkippedElement } from './elements';
import type { TextSegmentInput } from './text-model';

/**
 * Step 3 of the page pipeline: the text a reader can see inside one candidate block, in
 * document order, descending into open shadow roots. Yields each text node with whether a
 * block boundary separates it from the previous one; a generator, so the caller reads a
 * block of any size in slices. Never touches the nodes.
 */

type VisibilityCheck = Element & {
  checkVisibility?: (options?: { visibilityProperty?: boolean; contentVisibilityAuto?: boolean }) => boolean;
};

/**
 * Visibility is decided per candidate block and per parent element of a text node inside
 * one, never for the rest of the page, and without making the browser compute styles it
 * has skipped. `content-visibility: auto` (Node's API pages put it on every section) lets
 * the browser skip the style of off-screen sections; asking `checkVisibility()` or
 * `getComputedStyle()` about an element inside one forces that style: 20–90 ms per
 * section on the 20 MiB page, 11 s in all (measured here). `checkVisibility({
 * contentVisibilityAuto: true })` answers from what is already computed (3 µs): an element
 * it calls visible has fresh style, and the full checks are cheap; one it does not is either
 * hidden or inside a skipped section, which the nearest rendered ancestor tells apart.
 * Inside a skipped section only the markup is read (closed <details>, inert, inline
 * display:none): text hidden there by a stylesheet rule is marked (a known limit).
 */
class Visibility {
  private readonly rendered = new Map<Element, boolean>();
  private readonly skipped = new Map<Element, boolean>();
  private readonly textIn = new Map<Element, boolean>();
  private readonly hiddenByMarkup = new Map<Element, boolean>();

  /** Rendered, and not inside a section `content-visibility: auto` skips (its style is computed). */
  private isRendered(element: Element): boolean {
    let known = this.rendered.get(element);
    if (known === undefined) {
      const check = (element as VisibilityCheck).checkVisibility;
      known = typeof check !== 'function' || check.call(element, { contentVisibilityAuto: true });
      this.rendered.set(element, known);
    }
    return known;
  }

  /** Not rendered only because a `content-visibility: auto` ancestor skips it (off-screen), as opposed to hidden. */
  private isSkipped(element: Element): boolean {
    let known = this.skipped.get(element);
    if (known === undefined) {
      const parent = element.parentElement ?? (element.parentNode instanceof ShadowRoot ? element.parentNode.host : null);
      if (!parent) known = false;
      else if (this.isRendered(parent)) known = getComputedStyle(parent).contentVisibility === 'auto';
      else known = this.isSkipped(parent);
      this.skipped.set(element, known);
    }
    return known;
  }

  /** For an element inside a skipped section: hidden by what its markup says (inert, an inline style, a closed <details> it is not the summary of), without asking for styles. */
  private isHiddenByMarkup(element: Element): boolean {
    let known = this.hiddenByMarkup.get(element);
    if (known === undefined) {
      const parent = element.parentElement;
      known =
        element.hasAttribute('inert') ||
        HIDING_INLINE_STYLE.test(element.getAttribute('style') ?? '') ||
        (parent !== null &&
          ((parent.tagName === 'DETAILS' && !(parent as HTMLDetailsElement).open && !(element.tagName === 'SUMMARY' && parent.querySelector(':scope > summary') === element)) ||
            this.isHiddenByMarkup(parent)));
      this.hiddenByMarkup.set(element, known);
    }
    return known;
  }

  /** Whether a block can show anything at all: a hidden block costs this and is never walked. */
  blockShown(block: Element): boolean {
    return (this.isRendered(block) || this.isSkipped(block)) && block.closest('[inert]') === null;
  }

  /**
   * Whether a reader sees the text directly inside `parent`: not under display:none,
   * visibility:hidden, content-visibility:hidden (closed <details> included) or `hidden`
   * (https://drafts.csswg.org/cssom-view/#dom-element-checkvisibility), nor under `inert`.
   */
  textVisibleIn(parent: Element): boolean {
    let known = this.textIn.get(parent);
    if (known === undefined) {
      if (this.isRendered(parent)) known = isTextVisibleIn(parent);
      // Text right inside a closed <details> (outside its <summary>) is not rendered.
      else known = this.isSkipped(parent) && !this.isHiddenByMarkup(parent) && !(parent.tagName === 'DETAILS' && !(parent as HTMLDetailsElement).open);
      this.textIn.set(parent, known);
    }
    return known;
  }
}

/** The full check, for an element whose style is computed (Visibility.isRendered). */
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

/** An inline style that hides an element (read from the attribute: no style is computed). */
const HIDING_INLINE_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** Open shadow roots seen during the last walk, for caretPositionFromPoint and stylesheet adoption. */
export interface WalkState {
  shadowRoots: Set<ShadowRoot>;
}

/**
 * The walk pauses (yields null) after every this many nodes it visits in one task, counted
 * over all the walks of the task: a candidate block can hold thousands of hidden or empty
 * nodes in a row (Node's API pages: the tables of 800 closed <details>), and the 20 MiB page
 * has tens of thousands of small candidate blocks that give little or no text, read one
 * after the other with no chance to stop (bench/trace-long-tasks.ts: 60–75 ms tasks of
 * them when the count started again with each block).
 */
const NODES_PER_PAUSE = 256;
/** Starting a block's walk (a tree walker, its visibility, the generator) counts as visiting this many nodes. */
const BLOCK_START_NODES = 8;

/**
 * What the walks of one task share: the visibility answers (a candidate block's ancestors
 * are asked about once, not once per block: the 20 MiB page has tens of thousands of
 * blocks in the same few sections), the nearest block of each parent, and the pause count.
 * Dropped when the task ends (a microtask), so no answer outlives the style and the tree it
 * was read from: a page script can change either between two tasks, never within one (the
 * pipeline walks only in its own scheduled tasks, never in a microtask).
 */
interface TaskShared {
  visibility: Visibility;
  blockOf: Map<Node, Node>;
  nodesSincePause: number;
}

let taskShared: TaskShared | null = null;

function sharedForThisTask(): TaskShared {
  if (taskShared === null) {
    taskShared = { visibility: new Visibility(), blockOf: new Map(), nodesSincePause: 0 };
    queueMicrotask(() => (taskShared = null));
  }
  return taskShared;
}

/** Counts `nodes` visited; true when the walk should pause (yield null). */
function pauseAfter(nodes: number): boolean {
  const shared = sharedForThisTask();
  shared.nodesSincePause += nodes;
  if (shared.nodesSincePause < NODES_PER_PAUSE) return false;
  shared.nodesSincePause = 0;
  return true;
}

/** The nearest block element (or shadow root, or the node itself at the top) a text's parent belongs to. */
function nearestBlock(parent: Node): Node {
  const { blockOf } = sharedForThisTask();
  const cached = blockOf.get(parent);
  if (cached) return cached;
  let block: Node = parent;
  if (parent instanceof Element && !isBlockElement(parent)) {
    block = parent.parentNode ? nearestBlock(parent.parentNode) : parent;
  }
  blockOf.set(parent, block);
  return block;
}

/** Hidden text is neither marked nor counted, and a name whose middle is hidden is no name: it stays out of the joined text. */
function isVisibleText(text: Text): boolean {
  const parent = text.parentElement;
  if (!parent) return true;
  // A shadow host's own text shows only where a slot takes it.
  if (parent.shadowRoot && !text.assignedSlot) return false;
  return sharedForThisTask().visibility.textVisibleIn(parent);
}

/** Yields visible-text segments under `root` (an element, a shadow root or the document), in one go. */
export function* walkText(root: Node, state: WalkState): Generator<TextSegmentInput<Text>, void, undefined> {
  for (const segment of walkTextInSlices(root, state)) if (segment) yield segment;
}

/**
 * Yields visible-text segments under `root`, and null after every NODES_PER_PAUSE nodes
 * visited in the task: the caller can stop at a time budget at any of them and resume.
 */
export function* walkTextInSlices(root: Node, state: WalkState): Generator<TextSegmentInput<Text> | null, void, undefined> {
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === 'on') return;
  if (pauseAfter(BLOCK_START_NODES)) yield null;
  if (root.nodeType === Node.ELEMENT_NODE && !sharedForThisTask().visibility.blockShown(root as Element)) return;
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
  let previousBlock: Node | null = null;
  let pendingBreak = false;
  for (let node = walker.nextNode(); node; ) {
    if (pauseAfter(1)) yield null;
    if (node.nodeType === Node.ELEMENT_NODE && isSkippedElement(node as Element)) {
      node = skipSubtree();
      continue;
    }
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node as Text;
      const data = text.data;
      if (data.length === 0 || !isVisibleText(text)) {
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
      for (const segment of walkTextInSlices(shadow, state)) {
        if (!segment) {
          yield null;
          continue;
        }
        yield first ? { ...segment, blockBreakBefore: true } : segment;
        first = false;
      }
      pendingBreak = true;
    }
    node = walker.nextNode();
  }
}
