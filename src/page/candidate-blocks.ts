import { CONTEXT_REACH_CHARS } from '../detect/reach';
import type { Prefilter } from './prefilter';
import type { PageTextHandoff } from './pipeline-handoff';
import { isBlockElement, isBlockTag, isSkippedElement, isSkippedElementNamed } from './elements';

/**
 * Step 2 of the page pipeline: which blocks of the page could hold a mention? The
 * prefilter's candidates are offsets in `textContent`; they are routed down the tree by
 * the text lengths of each level's children (counted natively, elementTextLength: no
 * string, no node wrappers for the rest of the page) to the innermost block element
 * holding them. Each such block is read with its neighbouring blocks (CONTEXT_CHARS each
 * side, across the edges of its section: neighbours), so the detector sees the context
 * words, years and definitions around a mention as it would on the whole page. The rest of
 * the page is never walked.
 *
 * The first scan of a page starts from the gate's work (gate.ts, pipeline-handoff.ts): the
 * gate read `document.body.textContent` and found the anchor of every form in it (stage 1 of
 * the prefilter alone: a form lies in one block, so its anchor routes to that block as its
 * start would), so the blocks are found by routing those offsets (routedCandidateBlocks): each child's length is read, none is
 * prefiltered again. That text is the concatenation of the children's (comments add
 * nothing), so the offsets hold exactly while the document is as the gate read it: when
 * the gate saw it change, or the lengths do not add up, the page is read as below instead.
 *
 * A generator: it yields between units of work (YIELD_AFTER_CHARS of children's text, one
 * slice of a long string) so the scan (page-scanner.ts) can stop at its time budget and
 * resume; no unit reads much more than ROUTE_WHOLE_MAX_CHARS or PREFILTER_SLICE_CHARS of text.
 */

/**
 * Text of neighbouring blocks read with a candidate block, each side: the detector's reach
 * around a candidate, every form being one (src/detect/reach.ts: 501 characters, where a
 * fixed 1,200 was read before; tests/detect-reach.test.ts checks it).
 * Counted as `textContent` counts, from the block's edges, so a candidate inside the block
 * has at least this much each side.
 */
const CONTEXT_CHARS = CONTEXT_REACH_CHARS;
/**
 * A block with more text than this is not routed from one `textContent`: its children are
 * looked at one by one, so a 20 MiB page or a 10 MB paragraph is never one long call.
 * About 1–3 ms of `textContent` and prefilter here.
 */
const ROUTE_WHOLE_MAX_CHARS = 262_144;
/** Long strings go through the prefilter this many characters at a time (about 1–2 ms each). */
const PREFILTER_SLICE_CHARS = 262_144;
/** Each slice is read with this much of its neighbours: more than twice the prefilter's window (its longest anchor), so no candidate is lost at a cut. */
const PREFILTER_OVERLAP_CHARS = 1_024;
/**
 * findBlocks yields once it has read this many characters since it last did (a few ms of
 * `textContent` and prefilter), not after every child: Node's 5.8 MB page has tens of
 * thousands of small blocks, and each yield resumes the whole chain of nested generators
 * (issue 8's profile: generator and scheduler overhead beside the reading itself).
 */
const YIELD_AFTER_CHARS = 32_768;
/** Each child looked at counts as at least this many characters read, so a long run of empty or skipped children still yields. */
const CHILD_MIN_CHARS = 16;
/**
 * A block with at least this many descendant elements is looked into (findBlocks) without
 * reading its textContent first: that text is a fresh copy of everything below it
 * (megabytes for a page's main column), and every level of nesting would copy it again
 * (issue 8's profile: Node's 5.8 MB page nests its main column five deep). Counting
 * elements is a native walk that makes no string and no node wrapper; it is done only for
 * the children of a block this big (a handful on real pages), not for every block.
 * Documentation pages have about 40 characters per element: this many elements is far
 * above ROUTE_WHOLE_MAX_CHARS, past which such a block is looked into anyway.
 */
const LOOK_INTO_MIN_ELEMENTS = 16_000;
/**
 * A container (CONTAINER_TAGS) with fewer descendant elements than this is measured whole
 * (elementTextLength) before routeChildren looks into it, and only looked into when an offset
 * lies inside: most hold none (Node's 5.8 MB page: 644 candidates in 2.84 M characters, 3,600
 * sections and divs), and counting a subtree natively costs far less than reading its
 * children one by one (a node wrapper and an XPath evaluation each). A container holding an
 * offset has its text counted twice, so bigger ones (a page's main column, its big sections)
 * are looked into straight away, as before. Measured there (context included): 20 k children
 * read instead of 49 k, 15 k XPath evaluations instead of 25 k, 3.9 M characters counted
 * instead of 3.2 M, and 1,750 elements asked hasFewElements.
 */
const MEASURE_WHOLE_MAX_ELEMENTS = 1_024;
/**
 * A container in a block's context whose near children are an inline run is read whole (so
 * the run stays one block: takeNearest) only up to this many characters of text. A bigger one
 * (a page's main column opening with loose text, next to a header that names IOM) is entered
 * like any other, so one candidate's context never reads a column: the run's pieces are then
 * read as blocks of their own, far from the mention. Eight times what a context needs: a
 * section of a few paragraphs is still read whole, a column is not.
 */
const WHOLE_RUN_MAX_CHARS = 8 * CONTEXT_CHARS;
/** A container's text length not yet read (takeNearest). */
const UNMEASURED = -1;
/** The outermost-node filter yields after this many nodes. */
const FILTER_YIELD_EVERY = 64;

interface Routed {
  node: Node;
  /** Offset of the node's first character in its root's textContent. */
  start: number;
  offsets: number[];
}

/** Text length of a child as `textContent` counts it (comments and processing instructions add nothing). */
function textLength(node: Node): number {
  if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) return (node as CharacterData).length;
  if (node.nodeType === Node.ELEMENT_NODE) return elementTextLength(node as Element);
  return 0;
}

/** The document's compiled `string-length(.)`, or null where XPath is missing (elementTextLength). */
let lengthQuery: { doc: Document; expression: XPathExpression | null } | null = null;

/**
 * The length of an element's `textContent` without making that string: XPath's
 * `string-length(.)`, as the string value of an element is its text nodes' data in
 * document order, as `textContent` is (https://www.w3.org/TR/1999/REC-xpath-19991116/#element-nodes),
 * counted in UTF-16 code units as JS counts. The browser builds the string and hands back
 * a number. Routing reads the length of nearly every block of the page: as JS strings that
 * was a fresh copy of the page's text (3.8 MB of garbage on Node's 5.8 MB page, four
 * times that on the 20 MiB page), which brought the scan's major GC sooner (issue 9).
 */
function elementTextLength(element: Element): number {
  const doc = element.ownerDocument;
  if (lengthQuery?.doc !== doc) lengthQuery = { doc, expression: typeof doc.createExpression === 'function' ? doc.createExpression('string-length(.)') : null };
  if (lengthQuery.expression === null) return (element.textContent ?? '').length;
  return lengthQuery.expression.evaluate(element, XPathResult.NUMBER_TYPE).numberValue;
}

const hasManyElements = (element: Element): boolean => element.getElementsByTagName('*').length >= LOOK_INTO_MIN_ELEMENTS;

/** Fewer than MEASURE_WHOLE_MAX_ELEMENTS descendant elements: `item(n)` walks to the n-th element only. */
const hasFewElements = (element: Element): boolean => element.getElementsByTagName('*').item(MEASURE_WHOLE_MAX_ELEMENTS) === null;

/**
 * The blocks pages nest their columns and sections in: routedCandidateBlocks looks into them (a
 * child's length is the sum of its children's) instead of reading their text, which every
 * level of nesting would copy again (issue 8's profile: Node's API page nests sections five
 * deep). Any other element (a paragraph, a list, a table, a closed `<details>`) is read
 * whole, once: looking into it would make a node wrapper for each of its children, kept as
 * long as the page lives.
 */
const CONTAINER_TAGS = new Set(['ARTICLE', 'ASIDE', 'DIALOG', 'DIV', 'FOOTER', 'FORM', 'HEADER', 'MAIN', 'NAV', 'SECTION']);

/** Whether `text` holds a candidate, read PREFILTER_SLICE_CHARS at a time with overlapping cuts. */
export function* holdsCandidate(text: string, prefilter: Prefilter): Generator<void, boolean, undefined> {
  for (let start = 0; start < text.length; start += PREFILTER_SLICE_CHARS) {
    const slice = text.slice(Math.max(0, start - PREFILTER_OVERLAP_CHARS), start + PREFILTER_SLICE_CHARS + PREFILTER_OVERLAP_CHARS);
    if (prefilter.candidates(slice, 1).length) return true;
    if (start + PREFILTER_SLICE_CHARS < text.length) yield;
  }
  return false;
}

/**
 * The blocks under `root` (an element or a shadow root) that hold a candidate, with
 * their context (neighbours), in document order, none inside another. Empty when the
 * prefilter finds nothing.
 */
export function* candidateBlocks(root: Element | ShadowRoot, prefilter: Prefilter): Generator<void, Node[], undefined> {
  const blocks: Node[] = [];
  yield* findBlocks(root, prefilter, blocks, { chars: 0 }, root.nodeType === Node.ELEMENT_NODE && hasManyElements(root as Element));
  if (blocks.length === 0) return [];
  return yield* withContext(blocks, root);
}

/**
 * Looks at `node`'s children one by one: a block child small enough is routed whole
 * (routeWhole), a bigger one is looked into the same way; the text of each run of inline
 * children between them is prefiltered, and makes `node` a block when it holds a candidate.
 * `manyElements`: `node` has LOOK_INTO_MIN_ELEMENTS or more (else none of its children has).
 */
function* findBlocks(node: Node, prefilter: Prefilter, blocks: Node[], meter: { chars: number }, manyElements: boolean): Generator<void, void, undefined> {
  let run: string[] = [];
  let holdsInline = false;
  const endRun = function* (): Generator<void, void, undefined> {
    if (!holdsInline && run.length && (yield* holdsCandidate(run.join(''), prefilter))) holdsInline = true;
    run = [];
  };
  for (let child = node.firstChild; child; child = child.nextSibling) {
    meter.chars += CHILD_MIN_CHARS;
    if (meter.chars >= YIELD_AFTER_CHARS) {
      meter.chars = 0;
      yield;
    }
    if (child.nodeType === Node.ELEMENT_NODE) {
      const element = child as Element;
      if (isSkippedElement(element)) continue;
      if (isBlockElement(element)) {
        yield* endRun();
        if (manyElements && element.firstElementChild && hasManyElements(element)) {
          yield* findBlocks(element, prefilter, blocks, meter, true);
          continue;
        }
        const text = element.textContent ?? '';
        meter.chars += text.length;
        if (text.length > ROUTE_WHOLE_MAX_CHARS && element.firstElementChild) {
          yield;
          yield* findBlocks(element, prefilter, blocks, meter, false);
        } else if (text.length) {
          if (text.length > ROUTE_WHOLE_MAX_CHARS) yield;
          const offsets = text.length > ROUTE_WHOLE_MAX_CHARS ? ((yield* holdsCandidate(text, prefilter)) ? [0] : []) : prefilter.candidates(text);
          if (offsets.length) for (const block of routeWhole(element, offsets)) blocks.push(block);
        }
        continue;
      }
      const text = element.textContent ?? '';
      meter.chars += text.length;
      run.push(text);
    } else if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
      const text = (child as CharacterData).data;
      meter.chars += text.length;
      run.push(text);
    }
  }
  yield* endRun();
  if (holdsInline) blocks.push(node);
}

/** Where the routing of the gate's offsets stands (routedCandidateBlocks). */
interface Route {
  offsets: readonly number[];
  /** The first offset not yet routed. */
  next: number;
  blocks: Node[];
  meter: { chars: number };
  pageText: PageTextHandoff;
  /** The document changed during the routing: the offsets no longer hold. */
  stale: boolean;
}

/**
 * candidateBlocks(body) from the gate's offsets in `body`'s text (see the module comment),
 * without reading or prefiltering the page again; null when the offsets no longer hold
 * (then call candidateBlocks).
 */
export function* routedCandidateBlocks(body: HTMLElement, pageText: PageTextHandoff): Generator<void, Node[] | null, undefined> {
  const blocks = yield* routedBlocks(body, pageText);
  if (blocks === null) return null;
  return blocks.length ? yield* withContext(blocks, body) : [];
}

/** The innermost blocks holding the gate's offsets, as found (routedCandidateBlocks before the context is added); null when the offsets no longer hold. */
export function* routedBlocks(body: HTMLElement, pageText: PageTextHandoff): Generator<void, Node[] | null, undefined> {
  if (!pageText.unchanged()) return null;
  const route: Route = { offsets: pageText.candidates, next: 0, blocks: [], meter: { chars: 0 }, pageText, stale: false };
  const length = yield* routeChildren(body, 0, route, null);
  if (route.stale || length !== pageText.length || !pageText.unchanged()) return null;
  return route.blocks;
}

/**
 * Moves the route past the offsets before `end`; returns how many lie in [start, end) (all of
 * them: the offsets before `start` were taken by the nodes before). No array per child: most
 * of the page's tens of thousands of children hold none.
 */
function takeOffsets(route: Route, start: number, end: number): number {
  const { offsets } = route;
  let inside = 0;
  while (route.next < offsets.length && offsets[route.next] < end) {
    if (offsets[route.next] >= start) inside++;
    route.next++;
  }
  return inside;
}

/** The last `count` offsets taken, relative to `start`. */
function takenOffsets(route: Route, count: number, start: number): number[] {
  const taken: number[] = [];
  for (let i = route.next - count; i < route.next; i++) taken.push(route.offsets[i] - start);
  return taken;
}

/**
 * Routes the offsets in [start, …) through `node`'s children, as findBlocks looks at them;
 * returns the length of `node`'s text (the sum of its children's). A container child
 * (CONTAINER_TAGS) is measured whole when it has few elements (MEASURE_WHOLE_MAX_ELEMENTS),
 * and looked into the same way when an offset lies inside or it is bigger; any other child is read whole for its
 * length, and a block holding an offset has it routed inside (routeWhole; a huge one is
 * looked into); inline children holding an offset make `node` a block.
 * `knownLength`: `node`'s text length, counted natively (elementTextLength), or null. With
 * it, the children after the last offset inside `node` are not looked at. `fewElements`: `node`
 * has fewer than MEASURE_WHOLE_MAX_ELEMENTS descendant elements.
 */
function* routeChildren(node: Node, start: number, route: Route, knownLength: number | null, fewElements = false): Generator<void, number, undefined> {
  let position = start;
  let holdsInline = false;
  const end = start + (knownLength ?? 0);
  for (let child = node.firstChild; child && !route.stale; child = child.nextSibling) {
    // No offset left inside `node`: its other children hold none (their length is known).
    if (knownLength !== null && !offsetWithin(route, end)) {
      position = end;
      break;
    }
    route.meter.chars += CHILD_MIN_CHARS;
    if (route.meter.chars >= YIELD_AFTER_CHARS) {
      route.meter.chars = 0;
      yield;
      if (!route.pageText.unchanged()) route.stale = true;
    }
    let length = 0;
    if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
      length = (child as CharacterData).length;
      if (takeOffsets(route, position, position + length)) holdsInline = true;
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      const element = child as Element;
      // Read once: each read of a DOM property is a call into the browser, for tens of thousands of children.
      const tagName = element.tagName;
      if (CONTAINER_TAGS.has(tagName) && element.firstElementChild && !isSkippedElementNamed(element, tagName)) {
        // Inside an element with few elements, every element has few: no need to count again.
        if (fewElements || hasFewElements(element)) {
          length = elementTextLength(element);
          route.meter.chars += length;
          if (offsetWithin(route, position + length)) {
            if ((yield* routeChildren(element, position, route, length, true)) !== length) route.stale = true;
          }
        } else length = yield* routeChildren(element, position, route, null);
      } else {
        // Read for its length only: routeWhole reads the blocks inside it that hold an offset.
        length = elementTextLength(element);
        route.meter.chars += length;
        const inside = takeOffsets(route, position, position + length);
        if (inside && !isSkippedElementNamed(element, tagName)) {
          if (!isBlockTag(tagName)) holdsInline = true;
          else if (length > ROUTE_WHOLE_MAX_CHARS && element.firstElementChild) {
            yield;
            // Routed again inside it, each child read on its own.
            route.next -= inside;
            if ((yield* routeChildren(element, position, route, length)) !== length) route.stale = true;
          } else for (const block of routeWhole(element, takenOffsets(route, inside, position))) route.blocks.push(block);
        }
      }
    }
    position += length;
  }
  if (holdsInline) route.blocks.push(node);
  return position - start;
}

/** Whether the next offset to route lies before `end` (the offsets before the current position are taken already). */
const offsetWithin = (route: Route, end: number): boolean => route.next < route.offsets.length && route.offsets[route.next] < end;

/** Routes candidate offsets in `top`'s textContent down to the innermost blocks holding them (see the module comment), in document order. */
function routeWhole(top: Element, offsets: number[]): Node[] {
  // An element with a huge text and no element child (one 10 MB text node): it is the block.
  if (!top.firstElementChild) return [top];
  const blocks: Node[] = [];
  const route = ({ node, start, offsets: here }: Routed): void => {
    const nested: Routed[] = [];
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
          nested.push({ node: child, start: childStart, offsets: inside });
        } else holdsInline = true;
      }
      childStart = childEnd;
    }
    if (holdsInline) blocks.push(node);
    for (const block of nested) route(block);
  };
  route({ node: top, start: 0, offsets });
  return blocks;
}

/** A side of a block, and the child of a container a walk to that side enters it by. */
type Side = 'previousSibling' | 'nextSibling';
const ENTER_BY = { previousSibling: 'lastChild', nextSibling: 'firstChild' } as const;

/**
 * The nodes on one side of `block` whose text adds up to CONTEXT_CHARS, nearest first: its
 * siblings, then, where they run out first (a paragraph that ends its section), its parent's,
 * and so on up to `root`'s children, never past them. The whole page's text runs on across
 * those edges, so the context must too.
 */
function neighbours(block: Node, root: Node, side: Side): Node[] {
  const found: Node[] = [];
  let chars = 0;
  for (let node: Node | null = block; node && node !== root && chars < CONTEXT_CHARS; node = node.parentNode) {
    for (let sibling = node[side]; sibling && chars < CONTEXT_CHARS; sibling = sibling[side]) chars += takeNearest(sibling, CONTEXT_CHARS - chars, side, found);
  }
  return found;
}

/**
 * Adds `node`, or the part of it nearest the block, to `found` (nearest first); returns the
 * characters added, as textLength counts them (none for a node that is never read). A container (CONTAINER_TAGS) is entered from the
 * block's side and only its children up to `need` are added: an ancestor's sibling is often a
 * whole section or column (Node's 5.8 MB page: 697 K characters read with such siblings whole,
 * 283 K so; 249 K when the context stopped at the block's own siblings). A container
 * whose near children include text or an inline element is added whole instead (up to
 * WHOLE_RUN_MAX_CHARS): text read node by node gets a block separator before each, which would
 * split its inline run; so is one whose children are all needed.
 */
function takeNearest(node: Node, need: number, side: Side, found: Node[]): number {
  // A script, a style, a control: never read (block-text.ts), so its text is no context, however long.
  if (node.nodeType === Node.ELEMENT_NODE && isSkippedElement(node as Element)) return 0;
  if (node.nodeType !== Node.ELEMENT_NODE || !CONTAINER_TAGS.has((node as Element).tagName)) {
    found.push(node);
    return textLength(node);
  }
  const mark = found.length;
  let chars = 0;
  let wholeLength = UNMEASURED;
  let child = node[ENTER_BY[side]];
  for (; child && chars < need; child = child[side]) {
    const inRun =
      child.nodeType === Node.ELEMENT_NODE
        ? !isBlockElement(child as Element) && !isSkippedElement(child as Element)
        : (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) && /\S/.test((child as CharacterData).data);
    if (inRun) {
      // Measured once, at the first inline child.
      if (wholeLength === UNMEASURED) wholeLength = textLength(node);
      if (wholeLength <= WHOLE_RUN_MAX_CHARS) {
        found.length = mark;
        found.push(node);
        return wholeLength;
      }
    }
    chars += takeNearest(child, need - chars, side, found);
  }
  // All of it was needed: the container itself, one node instead of its children.
  if (child === null) {
    found.length = mark;
    found.push(node);
  }
  return chars;
}

/** Adds the neighbouring nodes of each block up to CONTEXT_CHARS each side (neighbours), then keeps the outermost nodes in document order. */
function* withContext(blocks: Node[], root: Node): Generator<void, Node[], undefined> {
  const nodes = new Set<Node>();
  let n = 0;
  for (const block of blocks) {
    if (block === root) return [root];
    // Added in document order (the nodes before reversed), so the sort below has next to nothing to do.
    const before = neighbours(block, root, 'previousSibling');
    for (let i = before.length - 1; i >= 0; i--) nodes.add(before[i]);
    nodes.add(block);
    for (const node of neighbours(block, root, 'nextSibling')) nodes.add(node);
    if (++n % FILTER_YIELD_EVERY === 0) yield;
  }
  const list: Node[] = [];
  n = 0;
  outer: for (const node of nodes) {
    if (++n % FILTER_YIELD_EVERY === 0) yield;
    for (let parent = node.parentNode; parent && parent !== root; parent = parent.parentNode) if (nodes.has(parent)) continue outer;
    list.push(node);
  }
  // The blocks were found in document order and each one's context is its own and its
  // ancestors' siblings, so the list is nearly in order already: an insertion sort puts it
  // right in about one comparison per node (a full sort took 200 ms of compareDocumentPosition
  // on the 20 MiB page), and none for a node right after its previous sibling, the common case.
  for (let i = 1; i < list.length; i++) {
    if (i % FILTER_YIELD_EVERY === 0) yield;
    for (let j = i; j > 0 && list[j - 1].nextSibling !== list[j] && list[j].compareDocumentPosition(list[j - 1]) & Node.DOCUMENT_POSITION_FOLLOWING; j--) {
      [list[j - 1], list[j]] = [list[j], list[j - 1]];
    }
  }
  return list;
}

/**
 * Nodes looked at between two consecutive blocks of the list before they count as apart
 * (nextToEachOther): a few white-space text nodes, comments and scripts; anything more is
 * unread page text or markup, and counting them apart is sound either way (each block's
 * context is its own: see SegmentedText.startGroup).
 */
const NEXT_TO_EACH_OTHER_MAX_NODES = 32;

/** Holds no text the page's walk could read: a comment, white space, an empty element, one never read. */
function holdsNoText(node: Node): boolean {
  if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) return !/\S/.test((node as CharacterData).data);
  if (node.nodeType !== Node.ELEMENT_NODE) return true;
  return node.firstChild === null || isSkippedElement(node as Element);
}

/**
 * Whether `next` (a node of candidateBlocks' list) comes right after `previous` (the one
 * before it) in document order, with nothing but what holdsNoText between: the two are read
 * as one text. When not, what lies between was not read, and the scanner starts a new group
 * there (page-scanner.ts readCandidateText): the detector reads no context across it.
 */
export function nextToEachOther(previous: Node, next: Node): boolean {
  let node = previous;
  for (let looked = 0; looked < NEXT_TO_EACH_OTHER_MAX_NODES; looked++) {
    // The node after `node` and its descendants, then down to `next` where it holds it.
    let after: Node | null = node.nextSibling;
    for (let up: Node | null = node; after === null; after = up.nextSibling) {
      up = up.parentNode;
      if (up === null) return false;
    }
    while (after !== next && after.firstChild !== null && after.contains(next)) after = after.firstChild;
    if (after === next) return true;
    if (!holdsNoText(after)) return false;
    node = after;
  }
  return false;
}
