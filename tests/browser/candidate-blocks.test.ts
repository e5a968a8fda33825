import { afterEach, describe, expect, it } from 'vitest';
import { entities } from '../../src/entities/registry';
import { candidateBlocks, nextToEachOther, routedBlocks } from '../../src/page/candidate-blocks';
import { isBlockElement, isSkippedElement } from '../../src/page/elements';
import { createPrefilter } from '../../src/page/prefilter';
import { prefilterSpec } from '../../src/page/prefilter-source';
import type { PageTextHandoff } from '../../src/page/pipeline-handoff';

/**
 * The routing of the gate's offsets (candidate-blocks.ts routedBlocks) picks the same blocks
 * as the plain algorithm it speeds up: every child's length read from its textContent, every
 * container looked into child by child. Checked on every e2e fixture with the gate's own
 * candidates, and on generated deep and wide pages with offsets at every node boundary, few
 * offsets (where routing skips whole subtrees), skipped content and blocks past the size that
 * is routed whole.
 */

/** The elements routing looks into rather than reads whole (candidate-blocks.ts CONTAINER_TAGS). */
const LOOKED_INTO = new Set(['ARTICLE', 'ASIDE', 'DIALOG', 'DIV', 'FOOTER', 'FORM', 'HEADER', 'MAIN', 'NAV', 'SECTION']);
/** candidate-blocks.ts ROUTE_WHOLE_MAX_CHARS: a bigger block is looked into. */
const ROUTED_WHOLE_MAX = 262_144;

const lengthOf = (node: Node): number => (node.nodeType === Node.ELEMENT_NODE || node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE ? (node.textContent ?? '').length : 0);

/** The blocks the plain algorithm picks for `offsets` in `body.textContent`, in the order it finds them. */
function referenceBlocks(body: HTMLElement, offsets: readonly number[]): Node[] {
  const found: Node[] = [];
  const within = (from: number, to: number): number[] => offsets.filter((offset) => offset >= from && offset < to);
  /** The innermost blocks under a block read whole: the block itself when text or an inline element holds an offset, then its block children's. */
  const readWhole = (block: Element, from: number, here: number[]): void => {
    if (block.firstElementChild === null) {
      found.push(block);
      return;
    }
    const inner: [Element, number, number[]][] = [];
    let inline = false;
    let at = from;
    for (const child of Array.from(block.childNodes)) {
      const mine = within(at, at + lengthOf(child)).filter((offset) => here.includes(offset));
      if (mine.length && child instanceof Element) {
        if (isBlockElement(child) && !isSkippedElement(child)) inner.push([child, at, mine]);
        else if (!isSkippedElement(child)) inline = true;
      } else if (mine.length) inline = true;
      at += lengthOf(child);
    }
    if (inline) found.push(block);
    for (const [child, childFrom, mine] of inner) readWhole(child, childFrom, mine);
  };
  const lookInto = (node: Element, from: number): void => {
    let inline = false;
    let at = from;
    for (const child of Array.from(node.childNodes)) {
      const length = lengthOf(child);
      const mine = within(at, at + length);
      if (!(child instanceof Element)) inline ||= mine.length > 0;
      else if (LOOKED_INTO.has(child.tagName) && child.firstElementChild && !isSkippedElement(child)) lookInto(child, at);
      else if (mine.length && !isSkippedElement(child)) {
        if (!isBlockElement(child)) inline = true;
        else if (length > ROUTED_WHOLE_MAX && child.firstElementChild) lookInto(child, at);
        else readWhole(child, at, mine);
      }
      at += length;
    }
    if (inline) found.push(node);
  };
  lookInto(body, 0);
  return found;
}

function handoff(candidates: readonly number[], length = document.body.textContent.length): PageTextHandoff {
  return { length, candidates, unchanged: () => true, release: () => undefined };
}

function drive<T>(steps: Generator<void, T, undefined>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const describeNode = (node: Node): string => (node instanceof Element ? `${node.tagName}${node.id ? `#${node.id}` : ''}` : `#text "${(node.textContent ?? '').slice(0, 20)}"`);

function expectSameBlocks(offsets: readonly number[]): Node[] {
  const routed = drive(routedBlocks(document.body, handoff(offsets)));
  expect(routed).not.toBeNull();
  const reference = referenceBlocks(document.body, offsets);
  expect(routed!.map(describeNode)).toEqual(reference.map(describeNode));
  expect(routed!.every((node, i) => node === reference[i])).toBe(true);
  return reference;
}

/** Offsets at both ends of every text node of the page (its first and last character), as textContent counts them. */
function boundaryOffsets(): number[] {
  const offsets: number[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
    if (text.length) offsets.push(at, at + text.length - 1);
    at += text.length;
  }
  return [...new Set(offsets)];
}

/** Every n-th of the offsets, starting at `first`. */
const everyNth = (offsets: number[], n: number, first = 0): number[] => offsets.filter((_, i) => i % n === first);

const fixtures = import.meta.glob<string>('../../e2e/fixtures/*.html', { query: '?raw', import: 'default', eager: true });

function loadFixture(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((node) => document.importNode(node, true)));
}

function element(tag: string, ...children: (Node | string)[]): HTMLElement {
  const made = document.createElement(tag);
  made.append(...children);
  return made;
}

/** A section as documentation pages make them: headings, paragraphs with inline markup, code, lists, metadata divs, whitespace between. */
function docSection(id: string, paragraphs: number): HTMLElement {
  const section = element('section');
  section.id = id;
  section.append('\n', element('h3', `Heading ${id}`), '\n', element('div', element('span', 'Added in: v1'), ' ', element('span', 'meta')), '\n');
  for (let i = 0; i < paragraphs; i++) {
    section.append(element('p', `Paragraph ${i} of ${id} with `, element('code', 'code'), ' and ', element('a', element('b', 'a link')), '.'), '\n');
    if (i % 5 === 0) section.append(element('pre', element('code', `const x${i} = ${i};`)), '\n');
    if (i % 7 === 0) section.append(element('ul', element('li', 'one'), element('li', element('p', 'two')), '\n'), '\n');
  }
  return section;
}

/** Node's API pages' shape: the main column nested a few containers deep, many sections, each with tens of children; some sections have more than a thousand elements. */
function buildDeepWidePage(): void {
  const main = element('div');
  main.id = 'apicontent';
  for (let i = 0; i < 12; i++) {
    const module = element('section', '\n');
    module.id = `module-${i}`;
    for (let j = 0; j < 8; j++) module.append(docSection(`s${i}-${j}`, i === 3 && j === 2 ? 400 : 6 + j), '\n');
    main.append(module, '\n');
  }
  document.body.replaceChildren(element('div', element('header', element('nav', 'Index')), element('div', element('main', main))), '\n', element('footer', 'The end'));
}

/** Skipped content (script, style, textarea, hidden, an editor) and content-visibility sections among the containers. */
function addSkippedContent(): void {
  const module = document.querySelector('#module-1')!;
  const script = element('script', 'var iom = "International Organization for Migration";');
  script.setAttribute('type', 'text/plain');
  const hidden = element('div', element('p', 'hidden paragraph'));
  hidden.hidden = true;
  const editor = element('div', element('p', 'edited text'));
  editor.setAttribute('contenteditable', 'true');
  const skipped = element('section', element('p', 'far away'), element('div', element('p', 'nested far')));
  skipped.style.contentVisibility = 'auto';
  module.prepend(script, element('style', '.x { color: red }'), element('textarea', 'typed text'), hidden, editor, skipped);
  document.querySelector('#s1-3')!.append(element('p', 'Before ', element('textarea', 'inline control'), ' after'), element('div', element('script', 'x = 1'), 'text after a script'));
}

/** Blocks with more text than is routed whole: a paragraph list (a block, not a container) and a container with few elements. */
function addHugeBlocks(): void {
  const line = 'A long line of documentation text that repeats. '.repeat(40);
  const quote = element('blockquote');
  for (let i = 0; i < 160; i++) quote.append(element('p', `${i}: `, element('em', 'em'), line));
  const bigDiv = element('div', element('p', line.repeat(80)), element('p', element('b', 'bold'), line.repeat(80)));
  document.querySelector('#s2-1')!.append(quote, bigDiv);
  expect(quote.textContent.length).toBeGreaterThan(ROUTED_WHOLE_MAX);
  expect(bigDiv.textContent.length).toBeGreaterThan(ROUTED_WHOLE_MAX);
}

describe('routing the gate’s offsets picks the same blocks as reading every child (in Chromium)', () => {
  afterEach(() => document.body.replaceChildren());

  const prefilter = createPrefilter(prefilterSpec(entities));
  let fixturesWithBlocks = 0;
  for (const [file, html] of Object.entries(fixtures)) {
    it(`fixture ${file.split('/').pop()}`, () => {
      loadFixture(html);
      if (expectSameBlocks(prefilter.candidates(document.body.textContent)).length) fixturesWithBlocks++;
    });
  }
  it('most fixtures have candidate blocks (the comparisons above compare something)', () => {
    expect(fixturesWithBlocks).toBeGreaterThan(Object.keys(fixtures).length / 2);
  });

  it('a deep and wide page: offsets at every node boundary, every n-th of them, a few, none', () => {
    buildDeepWidePage();
    const all = boundaryOffsets();
    expect(document.body.getElementsByTagName('*').length).toBeGreaterThan(5_000);
    expect(expectSameBlocks(all).length).toBeGreaterThan(1_000);
    for (const n of [2, 3, 17, 101, 997]) for (const first of [0, 1, n - 1]) expectSameBlocks(everyNth(all, n, first));
    expectSameBlocks([all[all.length - 1]]);
    expectSameBlocks([0]);
    expect(expectSameBlocks([])).toEqual([]);
  });

  it('with skipped content and content-visibility sections among the containers', () => {
    buildDeepWidePage();
    addSkippedContent();
    const all = boundaryOffsets();
    for (const n of [1, 2, 13, 211]) for (const first of [0, n - 1]) expectSameBlocks(everyNth(all, n, first));
  });

  it('blocks of more than 256 KiB are routed inside', () => {
    buildDeepWidePage();
    addHugeBlocks();
    const all = boundaryOffsets();
    for (const n of [1, 7, 89]) for (const first of [0, n - 1]) expectSameBlocks(everyNth(all, n, first));
  });

  it('offsets that do not add up to the page’s text are refused (the pipeline reads the page again)', () => {
    buildDeepWidePage();
    const length = document.body.textContent.length;
    expect(drive(routedBlocks(document.body, handoff([10], length + 1)))).toBeNull();
    expect(drive(routedBlocks(document.body, handoff([10], length)))).not.toBeNull();
  });
});

describe('the context of a candidate block runs on across the edges of its section (in Chromium)', () => {
  afterEach(() => document.body.replaceChildren());

  const prefilter = createPrefilter(prefilterSpec(entities));
  /** Text with no form in it, `chars` long, ending with a space (textContent puts no space between blocks). */
  const filler = (chars: number): string => `${'The river runs past the old mill. '.repeat(Math.ceil(chars / 34)).slice(0, chars - 1)} `;
  const paragraph = (id: string, text: string): HTMLElement => Object.assign(element('p', text), { id });

  /** The ids of the outermost nodes read, and checks they are in document order, none inside another. */
  function readIds(root: Element): string[] {
    const nodes = drive(candidateBlocks(root, prefilter));
    for (let i = 1; i < nodes.length; i++) {
      expect(nodes[i - 1].compareDocumentPosition(nodes[i]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(nodes[i - 1].contains(nodes[i])).toBe(false);
    }
    return nodes.map((node) => (node instanceof Element ? node.id : '#text'));
  }

  it('a block that ends its section is read with the start of the next section, one that opens it with the end of the previous one: its siblings first, 501 characters each side', () => {
    const root = element('div');
    root.id = 'root';
    const section = (id: string, ...children: HTMLElement[]): HTMLElement => Object.assign(element('section', ...children), { id });
    root.append(
      section('first', paragraph('far-before', filler(600)), paragraph('before', filler(600))),
      section('own', paragraph('near-before', filler(100)), paragraph('mention', 'ICEM ran the transports.')),
      section('next', paragraph('after', filler(300)), paragraph('after-2', filler(300)), paragraph('far-after', filler(600))),
    );
    document.body.append(paragraph('outside-before', filler(600)), root, paragraph('outside-after', filler(600)));
    // Before: its sibling (100 characters), then the previous section's last paragraph (600).
    // After: no sibling; the next section's first two paragraphs (300 + 300), not the rest of it.
    expect(readIds(root)).toEqual(['before', 'near-before', 'mention', 'after', 'after-2']);
    root.querySelector('#first')!.append(paragraph('ends-first', 'ICEM ran the transports.'));
    // A second candidate, ending the first section: the section after it is all needed (read as one node), then the next one's start.
    expect(readIds(root)).toEqual(['before', 'ends-first', 'own', 'after', 'after-2']);
  });

  it('a section whose near end is an inline run (text, a link) is read whole: read node by node, the run would be split by block separators', () => {
    const root = element('div');
    root.id = 'root';
    const inline = Object.assign(element('section', 'Text and ', element('a', 'a link'), ' run on.', paragraph('far-after', filler(600))), { id: 'inline' });
    root.append(Object.assign(element('section', paragraph('mention', 'ICEM ran the transports.')), { id: 'own' }), inline);
    document.body.append(root);
    expect(readIds(root)).toEqual(['mention', 'inline']);
  });

  it('a big section whose near end is an inline run is entered all the same: one context never reads a whole column', () => {
    const root = element('div');
    root.id = 'root';
    const column = Object.assign(element('section', 'Loose text and ', Object.assign(element('a', 'a link'), { id: 'link' }), ' run on. ', paragraph('next', filler(600)), paragraph('far-after', filler(5_000))), { id: 'column' });
    root.append(Object.assign(element('section', paragraph('mention', 'ICEM ran the transports.')), { id: 'own' }), column);
    document.body.append(root);
    expect(readIds(root)).toEqual(['mention', '#text', 'link', '#text', 'next']);
  });

  it('a script beside the block is no context, however long: the context reads on past it', () => {
    const root = element('div');
    root.id = 'root';
    root.append(Object.assign(element('section', paragraph('mention', 'ICEM ran the transports.'), element('script', `/* ${filler(700)} */`), paragraph('after', filler(600))), { id: 'own' }));
    document.body.append(root);
    expect(readIds(root)).toEqual(['mention', 'after']);
  });

  it('never past the root: a block alone in its root is read alone', () => {
    const root = element('div', element('section', paragraph('mention', 'ICEM ran the transports.')));
    root.id = 'root';
    document.body.append(paragraph('outside-before', filler(600)), root, paragraph('outside-after', filler(600)));
    expect(readIds(root)).toEqual(['mention']);
  });
});

describe('nextToEachOther: whether two blocks of the list are read as one text (in Chromium)', () => {
  afterEach(() => document.body.replaceChildren());

  /** Parses `html` into the body; returns the element of each id. */
  function page(html: string): Record<string, Element> {
    document.body.append(document.createRange().createContextualFragment(html));
    return Object.fromEntries(Array.from(document.body.querySelectorAll('[id]'), (found) => [found.id, found]));
  }

  it('siblings, with white space, a comment, a script or an empty element between', () => {
    const at = page('<p id="a">A</p>\n  <!-- note --><script>var x = 1;</script><hr><p id="b">B</p>');
    expect(nextToEachOther(at.a, at.b)).toBe(true);
  });

  it('across section edges: the last block of one section and the first of the next, at any depth', () => {
    const at = page('<section><div><p id="a">A</p></div></section> <section><h2 id="b">B</h2><p id="c">C</p></section>');
    expect(nextToEachOther(at.a, at.b)).toBe(true);
    expect(nextToEachOther(at.b, at.c)).toBe(true);
  });

  it('apart when text lies between them, or an element with text (even one a stylesheet hides)', () => {
    const at = page('<p id="a">A</p>loose text<p id="b">B</p><p id="hidden" style="display: none">gone</p><p id="c">C</p><section><p>unread</p></section><p id="d">D</p>');
    expect(nextToEachOther(at.a, at.b)).toBe(false);
    expect(nextToEachOther(at.b, at.c)).toBe(false);
    expect(nextToEachOther(at.c, at.d)).toBe(false);
  });

  it('apart past NEXT_TO_EACH_OTHER_MAX_NODES nodes of nothing between, and when the second comes first', () => {
    const at = page(`<p id="a">A</p>${'<!-- -->'.repeat(40)}<p id="b">B</p>`);
    expect(nextToEachOther(at.a, at.b)).toBe(false);
    expect(nextToEachOther(at.b, at.a)).toBe(false);
  });
});

