import { describe, expect, it } from 'vitest';
import { highlightCss, randomHighlightNames } from '../src/page/highlighter';
import { ENTITY_KINDS } from '../src/entities/types';

describe('highlight styles', () => {
  it('names one highlight per kind, with names that say nothing and change from one document to the next', () => {
    const names = Object.values(randomHighlightNames());
    expect(new Set(names).size).toBe(ENTITY_KINDS.length);
    for (const name of names) expect(name).toMatch(/^[a-z]{10}$/);
    expect(names.filter((name) => /iom|lens/.test(name))).toEqual([]);
    expect(Object.values(randomHighlightNames())).not.toEqual(names);
  });

  it('has a rule for every kind, light and dark, in each style', () => {
    for (const style of ['underline', 'background', 'outline'] as const) {
      const names = randomHighlightNames();
      const css = highlightCss(style, names);
      for (const kind of ENTITY_KINDS) {
        expect(css.split(`::highlight(${names[kind]})`).length - 1).toBe(2);
      }
      expect(css).toContain('@media (prefers-color-scheme: dark)');
    }
  });

  it('uses only properties ::highlight() accepts (no outline, border or layout)', () => {
    for (const style of ['underline', 'background', 'outline'] as const) {
      const declarations = [...highlightCss(style, randomHighlightNames()).matchAll(/([a-z-]+)\s*:/g)].map((m) => m[1]).filter((p) => p !== 'prefers-color-scheme');
      for (const property of declarations) {
        expect(property).toMatch(/^(background-color|color|text-decoration(-line|-style|-color|-thickness)?|text-underline-offset|text-shadow)$/);
      }
    }
    expect(highlightCss('background', randomHighlightNames())).toContain('background-color');
    expect(highlightCss('outline', randomHighlightNames())).toContain('underline overline');
  });
});
