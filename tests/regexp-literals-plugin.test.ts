/**
 * The build step that turns Unicode regex literals into `new RegExp` calls
 * (src/build/regexp-literals-plugin.ts) must keep what the code does: run the same code
 * before and after, and compare.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'acorn';
import { rewriteRegExpLiterals } from '../src/build/regexp-literals-plugin';

const SAMPLE = `var result = (function() {
  "use strict";
  const top = /\\p{Lu}\\p{Ll}+/u;
  function words(text) { return text.match(/[\\p{L}\\p{N}]+/gu); }
  function capital(word) { return /^\\p{Lu}/u.test(word); }
  function fresh() { return /x/u; }
  function sticky(text) { const re = /\\p{L}/uy; re.lastIndex = 1; return re.test(text); }
  const plain = /a+/g;
  return {
    top: top.exec('so Écu here')?.[0],
    words: words('Élan vital, 42 fois'),
    capitals: ['Été', 'été', 'Ω'].map(capital),
    same: fresh() === fresh(),
    sticky: sticky('a b'),
    plain: 'caab'.replace(plain, '-'),
  };
})();
result;`;

/** Unicode regex literals left in `code`. */
function unicodeLiterals(code: string): number {
  let count = 0;
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const regex = (node as { regex?: { flags: string } }).regex;
    if (regex && /[uv]/.test(regex.flags)) count++;
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else visit(value);
    }
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'script' }));
  return count;
}

describe('regexp literals build step', () => {
  it('leaves no Unicode regex literal and keeps what the code computes', () => {
    const rewritten = rewriteRegExpLiterals(SAMPLE)!.toString();
    expect(unicodeLiterals(SAMPLE)).toBe(5);
    expect(unicodeLiterals(rewritten)).toBe(0);
    // The non-Unicode literal is kept as written.
    expect(rewritten).toContain('/a+/g');
    // The directive stays first in the wrapper.
    expect(rewritten).toMatch(/\(function\(\) \{\n {2}"use strict";/);
    const run = (code: string): unknown => (0, eval)(code);
    const before = run(SAMPLE) as Record<string, unknown>;
    const after = run(rewritten) as Record<string, unknown>;
    // Built once per site inside a function (no state to share), as a fresh literal's object would match.
    expect({ ...after, same: false }).toEqual(before);
    expect(before.top).toBe('Écu');
  });

  it('keeps literals inside functions of a chunk without a wrapper', () => {
    const code = 'const a = /\\p{L}/u;\nexport function f(s) { return /\\p{Lu}/u.test(s); }\n';
    const rewritten = rewriteRegExpLiterals(code)!.toString();
    expect(rewritten).toContain('(new RegExp("\\\\p{L}", "u"))');
    expect(rewritten).toContain('/\\p{Lu}/u.test(s)');
  });

  it('returns null for code without Unicode regex literals', () => {
    expect(rewriteRegExpLiterals('const a = /x/g;')).toBeNull();
  });
});
