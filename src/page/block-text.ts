import { isBlockTag, isSkippedElementNamed } from './elements';
import type { SegmentedText } from './text-model';

/**
 * Step 3 of the page pipeline: the text a reader can see inside one candidate block, in
 * document order, descending into open shadow roots. Appends each text node to the joined
 * text (text-model.ts), with whether a block boundary separates it from the previous one; a
 * generator, so the caller reads a block of any size in slices. Never touches the nodes.
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
  private readonly autoSkips = new Map<Element, boolean>();

  /**
   * Whether a rendered element has `content-visibility: auto` (skips its contents off screen).
   * Asked once per element: sibling blocks share their parent (Node's API page has thousands
   * of candidate blocks in a few sections), and each getComputedStyle call makes a new declaration object.
   */
  skipsOffScreen(element: Element): boolean {
    let known = this.autoSkips.get(element);
    if (known === undefined) {
      known = getComputedStyle(element).contentVisibility === 'auto';
      this.autoSkips.set(element, known);
    }
    return known;
  }

  /**
   * Rendered, and not inside a section `content-visibility: auto` skips (its style is
   * computed). Not asked of an element whose parent is skipped: nothing inside a skipped
   * section is rendered (see rendersInside).
   */
  isRendered(element: Element): boolean {
    let known = this.rendered.get(element);
    if (known === undefined) {
      const parent = parentOf(element);
      known = (parent === null || this.isRendered(parent) || !this.isSkipped(parent)) && isRenderedNow(element);
      this.rendered.set(element, known);
    }
    return known;
  }

  /** Not rendered only because a `content-visibility: auto` ancestor skips it (off-screen), as opposed to hidden. */
  isSkipped(element: Element): boolean {
    let known = this.skipped.get(element);
    if (known === undefined) {
      const parent = parentOf(element);
      if (!parent) known = false;
      else if (this.isRendered(parent)) known = this.skipsOffScreen(parent);
      else known = this.isSkipped(parent);
      this.skipped.set(element, known);
    }
    return known;
  }

  /** For an element inside a skipped section: hidden by what its markup says (inert, an inline style, a closed <details> it is not the summary of), without asking for styles. */
  isHiddenByMarkup(element: Element): boolean {
    let known = this.hiddenByMarkup.get(element);
    if (known === undefined) {
      const parent = element.parentElement;
      known = hiddenByOwnMarkup(element, element.tagName, parent) || (parent !== null && this.isHiddenByMarkup(parent));
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
      else known = this.isSkipped(parent) && !this.isHiddenByMarkup(parent) && !isClosedDetails(parent, parent.tagName);
      this.textIn.set(parent, known);
    }
    return known;
  }
}

/** The element whose box holds `element`'s: its parent, or the host of the shadow root it is right inside. */
const parentOf = (element: Element): Element | null => element.parentElement ?? (element.parentNode instanceof ShadowRoot ? element.parentNode.host : null);

function isRenderedNow(element: Element): boolean {
  const check = (element as VisibilityCheck).checkVisibility;
  return typeof check !== 'function' || check.call(element, { contentVisibilityAuto: true });
}

const isClosedDetails = (element: Element, tagName: string): boolean => tagName === 'DETAILS' && !(element as HTMLDetailsElement).open;

/** What an element's own markup says (Visibility.isHiddenByMarkup without the ancestors'): inert, a hiding inline style, or in a closed <details> and not its summary. */
function hiddenByOwnMarkup(element: Element, tagName: string, parent: Element | null): boolean {
  if (element.hasAttributes() && (element.hasAttribute('inert') || HIDING_INLINE_STYLE.test(element.getAttribute('style') ?? ''))) return true;
  return parent !== null && isClosedDetails(parent, parent.tagName) && !(tagName === 'SUMMARY' && parent.querySelector(':scope > summary') === element);
}

/** The full check, for an element whose style is computed (Visibility.isRendered). */
function isTextVisibleIn(parent: Element): boolean {
  const check = (parent as VisibilityCheck).checkVisibility;
  if (typeof check === 'function' && !check.call(parent, { visibilityProperty: true })) return false;
  // checkVisibility looks at ancestors' content-visibility only: text right inside an element
  // whose own content-visibility is hidden is skipped too (CSS Containment 2, "skips its contents").
  if (getComputedStyle(parent).contentVisibility === 'hidden') return false;
  // Text right inside a closed <details> (outside its <summary>) is not rendered.
  if (isClosedDetails(parent, parent.tagName)) return false;
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
 * blocks in the same few sections) and the pause count. Dropped when the task ends (a
 * microtask), so no answer outlives the style and the tree it was read from: a page script
 * can change either between two tasks, never within one (the pipeline walks only in its
 * own scheduled tasks, never in a microtask).
 */
interface TaskShared {
  visibility: Visibility;
  nodesSincePause: number;
}

let taskShared: TaskShared | null = null;

function sharedForThisTask(): TaskShared {
  if (taskShared === null) {
    taskShared = { visibility: new Visibility(), nodesSincePause: 0 };
    queueMicrotask(() => (taskShared = null));
  }
  return taskShared;
}

/** Counts `nodes` visited; true when the walk should pause (yield). */
function pauseAfter(nodes: number): boolean {
  const shared = sharedForThisTask();
  shared.nodesSincePause += nodes;
  if (shared.nodesSincePause < NODES_PER_PAUSE) return false;
  shared.nodesSincePause = 0;
  return true;
}

/** The block of text outside every block element inside the walk (the root's own, whatever it is). */
const ROOT_BLOCK = {};

/** Not yet asked (a frame's answers are kept for one task: see Frame.reset). */
const UNKNOWN = -1;

/**
 * One element on the walk's path from its root, with what the walk has learnt about it:
 * its nearest block (for the separators) and, asked once for all its text children, the
 * visibility answers. Inside a block they follow from the parent's frame, so the walk asks
 * no Map about the elements it passes (Visibility's maps are for the block's ancestors).
 * Frames are reused by depth, and from one walk to the next (spareFrameStacks): no object per element or block.
 */
class Frame {
  element: Element | null = null;
  tagName = '';
  /** The frame of the parent element, or null when the parent is outside the walk or not an element (Visibility answers then). */
  parent: Frame | null = null;
  /** The nearest block element at or above the element inside the walk, or ROOT_BLOCK. */
  block: object = ROOT_BLOCK;
  /** The element is a shadow host: its own text shows only where a slot takes it. */
  host = false;
  private rendered = UNKNOWN;
  private skipped = UNKNOWN;
  private hidden = UNKNOWN;
  private textShown = UNKNOWN;
  private autoSkips = UNKNOWN;

  enter(element: Element | null, tagName: string, parent: Frame | null, block: object, host: boolean): void {
    this.element = element;
    this.tagName = tagName;
    this.parent = parent;
    this.block = block;
    this.host = host;
    this.reset();
  }

  /** The walk is done with this frame: it keeps no element alive while it waits to be reused. */
  leave(): void {
    this.element = null;
    this.parent = null;
    this.block = ROOT_BLOCK;
  }

  /** Forgets the visibility answers: the walk resumed in a new task, where style or markup may have changed. */
  reset(): void {
    this.rendered = this.skipped = this.hidden = this.textShown = this.autoSkips = UNKNOWN;
  }

  /** Visibility.skipsOffScreen, once for all the element's children. */
  private skipsOffScreen(visibility: Visibility): boolean {
    if (this.autoSkips === UNKNOWN) this.autoSkips = Number(this.parent === null ? visibility.skipsOffScreen(this.element!) : getComputedStyle(this.element!).contentVisibility === 'auto');
    return this.autoSkips === 1;
  }

  /** Visibility.isRendered, from the parent's frame: inside a skipped section, without asking the browser (see rendersInside). */
  isRendered(visibility: Visibility): boolean {
    if (this.rendered === UNKNOWN) {
      const parent = this.parent;
      if (parent === null) this.rendered = Number(visibility.isRendered(this.element!));
      else this.rendered = Number(parent.rendersInside(visibility) && isRenderedNow(this.element!));
    }
    return this.rendered === 1;
  }

  /**
   * False when the element is skipped (a `content-visibility: auto` ancestor skips its
   * section, off-screen): then so is everything inside it, and no child need be asked about
   * (issue 8: on Node's 5.8 MB API page the walk of the candidate blocks asked
   * checkVisibility 16 000 times, nearly all inside skipped sections; 260 times now). One element that isSkipped also counts,
   * without being in a skipped section: one with no box of its own (display: contents)
   * right inside a `content-visibility: auto` element; its children are then read as
   * skipped are (by their markup), as its own text already is.
   */
  private rendersInside(visibility: Visibility): boolean {
    return this.isRendered(visibility) || !this.isSkipped(visibility);
  }

  /** Visibility.isSkipped, from the parent's frame. */
  private isSkipped(visibility: Visibility): boolean {
    if (this.skipped === UNKNOWN) {
      const parent = this.parent;
      if (parent === null) this.skipped = Number(visibility.isSkipped(this.element!));
      else this.skipped = Number(parent.isRendered(visibility) ? parent.skipsOffScreen(visibility) : parent.isSkipped(visibility));
    }
    return this.skipped === 1;
  }

  /** Visibility.isHiddenByMarkup, from the parent's frame. */
  private isHiddenByMarkup(visibility: Visibility): boolean {
    if (this.hidden === UNKNOWN) {
      const parent = this.parent;
      if (parent === null) this.hidden = Number(visibility.isHiddenByMarkup(this.element!));
      else this.hidden = Number(hiddenByOwnMarkup(this.element!, this.tagName, parent.element) || parent.isHiddenByMarkup(visibility));
    }
    return this.hidden === 1;
  }

  /** Visibility.textVisibleIn for this element. */
  textVisible(visibility: Visibility): boolean {
    if (this.textShown === UNKNOWN) {
      const element = this.element!;
      if (this.parent === null) this.textShown = Number(visibility.textVisibleIn(element));
      else if (this.isRendered(visibility)) this.textShown = Number(isTextVisibleIn(element));
      // Text right inside a closed <details> (outside its <summary>) is not rendered.
      else this.textShown = Number(this.isSkipped(visibility) && !this.isHiddenByMarkup(visibility) && !isClosedDetails(element, this.tagName));
    }
    return this.textShown === 1;
  }
}

/**
 * The Frame stacks of finished walks, for the next walks to reuse: the 20 MiB page walks tens
 * of thousands of candidate blocks one after the other, and a stack each was that many more
 * objects for the scan's GC (issue 9). A walk left unfinished (a scan cancelled) keeps its
 * stack; a walk into a shadow root takes one of its own.
 */
const spareFrameStacks: Frame[][] = [];

/**
 * Hidden text is neither marked nor counted, and a name whose middle is hidden is no name: it
 * stays out of the joined text. `frame` is the text's parent's (an element-less frame: the
 * text is right inside a shadow root, and shows).
 */
function isVisibleText(text: Text, frame: Frame, visibility: Visibility): boolean {
  if (frame.element === null) return true;
  // A shadow host's own text shows only where a slot takes it.
  if (frame.host && !text.assignedSlot) return false;
  return frame.textVisible(visibility);
}

/** Appends the visible text under `root` (an element, a shadow root or the document) to `into`, in one go. */
export function walkText(root: Node, state: WalkState, into: SegmentedText<Text>): void {
  const walk = walkTextInSlices(root, state, into);
  while (!walk.next().done);
}

/**
 * Appends the visible text under `root` to `into`, yielding after every NODES_PER_PAUSE
 * nodes visited in the task: the caller can stop at a time budget at any of them and
 * resume. `breakFirst`: a block boundary lies before the first text appended.
 *
 * The walk follows `firstChild` and `nextSibling` with its path in Frames, not a
 * TreeWalker: each text node costs its own reads only (its data; no `parentElement`,
 * `parentNode` or Map lookup to find its block and visibility, which its parent's frame
 * holds). Calling a NodeFilter back for every node was 10-15x slower still.
 */
export function* walkTextInSlices(root: Node, state: WalkState, into: SegmentedText<Text>, breakFirst = false): Generator<void, void, undefined> {
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === 'on') return;
  if (pauseAfter(BLOCK_START_NODES)) yield;
  let visibility = sharedForThisTask().visibility;
  const rootElement = root.nodeType === Node.ELEMENT_NODE ? (root as Element) : null;
  if (rootElement !== null && !visibility.blockShown(rootElement)) return;
  const frames = spareFrameStacks.pop() ?? [new Frame()];
  const rootTag = rootElement?.tagName ?? '';
  frames[0].enter(rootElement, rootTag, null, rootElement !== null && isBlockTag(rootTag) ? rootElement : ROOT_BLOCK, (rootElement?.shadowRoot ?? null) !== null);
  let depth = 0;
  let frame = frames[0];
  let previousBlock: object | null = null;
  let pendingBreak = breakFirst;
  let node: Node | null = root.firstChild;
  try {
    for (;;) {
      while (node === null) {
        if (depth === 0) return;
        node = frame.element!.nextSibling;
        frame = frames[--depth];
      }
      if (pauseAfter(1)) {
        yield;
        // A new task: the page may have changed style or markup meanwhile.
        visibility = sharedForThisTask().visibility;
        for (let i = 0; i <= depth; i++) frames[i].reset();
        // Moved out of the root meanwhile: what follows it is not this walk's.
        if (!root.contains(node)) return;
      }
      const type = node.nodeType;
      if (type === Node.TEXT_NODE) {
        const text = node as Text;
        const data = text.data;
        if (data.length !== 0 && isVisibleText(text, frame, visibility)) {
          const block = frame.block;
          into.append(text, data, pendingBreak || (previousBlock !== null && block !== previousBlock));
          previousBlock = block;
          pendingBreak = false;
        }
        node = text.nextSibling;
        continue;
      }
      if (type !== Node.ELEMENT_NODE) {
        // Comments, processing instructions, CDATA: no text a reader sees.
        node = node.nextSibling;
        continue;
      }
      const element = node as Element;
      const tagName = element.tagName;
      if (isSkippedElementNamed(element, tagName)) {
        node = element.nextSibling;
        continue;
      }
      if (tagName === 'BR') pendingBreak = true;
      const shadow = element.shadowRoot;
      if (shadow) {
        state.shadowRoots.add(shadow);
        // The shadow tree renders in place of the host's children: a separate block of text.
        yield* walkTextInSlices(shadow, state, into, true);
        visibility = sharedForThisTask().visibility;
        for (let i = 0; i <= depth; i++) frames[i].reset();
        pendingBreak = true;
      }
      const parent = frame.element === null ? null : frame;
      depth++;
      if (depth === frames.length) frames.push(new Frame());
      frame = frames[depth];
      frame.enter(element, tagName, parent, isBlockTag(tagName) ? element : (parent?.block ?? ROOT_BLOCK), shadow !== null);
      node = element.firstChild;
    }
  } finally {
    for (const spare of frames) spare.leave();
    spareFrameStacks.push(frames);
  }
}
