import { parse, type Node as AcornNode } from 'acorn';
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/**
 * Build step (wxt.config.ts): regular-expression literals with the `u` or `v` flag in the
 * output chunks become `new RegExp(source, flags)` calls.
 *
 * Why: V8 checks a regex literal's syntax when it parses the script, and for `\p{…}` property
 * escapes that check costs about 0.3 ms a literal, paid again when a function holding one is
 * compiled; `new RegExp` at run time builds the same expression without that cost (Chromium
 * 156: compiling `page-pipeline.js`, with 31 such literals, took 21.8 ms, 12.4 ms with them
 * rewritten). Every page with a candidate pays the pipeline's compile, every page the
 * content script's.
 *
 * What the code computes is kept. A literal outside any function (the bundle's wrapper,
 * `(function() { … })()`, runs once and counts as outside) is replaced in place: it was
 * evaluated once, and so is its `new RegExp`. Inside a function a literal gives a fresh object
 * each time: a global or sticky one (its `lastIndex` is state) is replaced in place too; any
 * other is built once, at the start of the wrapper, and reused (matching with it reads and
 * writes no state; only `===` between two of its evaluations would tell). A chunk without
 * such a wrapper keeps its literals inside functions (a binding at its top level could clash
 * with another script's in the same world).
 */
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

interface RegExpLiteral extends AcornNode {
  regex: { pattern: string; flags: string };
}

type AnyNode = AcornNode & Record<string, unknown>;

const isNode = (value: unknown): value is AnyNode => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** The body of `(function() { … })()` (or `var name = (function() { … })()`, WXT's scripts) when it is the script's first statement. */
function wrapperBody(program: AnyNode): AnyNode | null {
  const first = (program.body as AnyNode[])[0];
  const declarations = first?.type === 'VariableDeclaration' ? (first.declarations as AnyNode[]) : null;
  const call = first?.type === 'ExpressionStatement' ? (first.expression as AnyNode) : declarations?.length === 1 ? (declarations[0].init as AnyNode | null) : null;
  const callee = call?.type === 'CallExpression' ? (call.callee as AnyNode) : null;
  if (!callee || !FUNCTION_TYPES.has(callee.type)) return null;
  const body = callee.body as AnyNode;
  return body.type === 'BlockStatement' ? body : null;
}

/** Rewrites `code`'s Unicode regex literals (see above); null when it has none. */
export function rewriteRegExpLiterals(code: string): MagicString | null {
  let program: AnyNode;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as AnyNode;
  } catch {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as AnyNode;
  }
  const wrapper = wrapperBody(program);
  const found: { node: RegExpLiteral; inFunction: boolean }[] = [];
  const visit = (node: AnyNode, depth: number): void => {
    const inner = FUNCTION_TYPES.has(node.type) && node.body !== wrapper ? depth + 1 : depth;
    if (node.type === 'Literal' && 'regex' in node && /[uv]/.test((node as unknown as RegExpLiteral).regex.flags)) {
      found.push({ node: node as unknown as RegExpLiteral, inFunction: inner > 0 });
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const child of value) if (isNode(child)) visit(child, inner);
      if (isNode(value)) visit(value, inner);
    }
  };
  visit(program, 0);
  const out = new MagicString(code);
  const hoisted: string[] = [];
  for (const { node, inFunction } of found) {
    const { pattern, flags } = node.regex;
    const build = `new RegExp(${JSON.stringify(pattern)}, ${JSON.stringify(flags)})`;
    if (!inFunction || /[gy]/.test(flags)) out.overwrite(node.start, node.end, `(${build})`);
    else if (wrapper) {
      const name = `__iomLensRegExp${hoisted.length}`;
      hoisted.push(`const ${name} = ${build};`);
      out.overwrite(node.start, node.end, name);
    }
  }
  if (!out.hasChanged()) return null;
  if (wrapper && hoisted.length) {
    // After the wrapper's directives ("use strict"), which must stay first.
    const statements = wrapper.body as AnyNode[];
    let at = wrapper.start + 1;
    for (const statement of statements) {
      if (statement.type !== 'ExpressionStatement' || typeof statement.directive !== 'string') break;
      at = statement.end;
    }
    out.appendLeft(at, `\n${hoisted.join('\n')}\n`);
  }
  return out;
}

export function regExpLiteralsPlugin(): Plugin {
  return {
    name: 'iom-lens:regexp-literals',
    apply: 'build',
    renderChunk(code) {
      const out = rewriteRegExpLiterals(code);
      return out ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
    },
  };
}
