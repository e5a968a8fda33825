import { describe, expect, it } from 'vitest';
import { highlightCss, highlightName, HIGHLIGHT_PREFIX } from '../src/page/highlighter';
import { ENTITY_KINDS } from '../src/entities/types';

describe('highlight styles', () => {
  it('names one highlight per kind, all under the extension prefix', () => {
    const names = ENTITY_KINDS.map(highlightName);
    expect(new Set(names).size).toBe(ENTITY_KINDS.length);
    for (const name of names) expect(name.startsWith(HIGHLIGHT_PREFIX)).toBe(true);
  });

  it('has a rule for every kind, light and dark, in each style', () => {
    for (const style of ['underline', 'background', 'outline'] as const) {
      const css = highlightCss(style);
      for (const kind of ENTITY_KINDS) {
        expect(css.split(`::highlight(${highlightName(kind)})`).length - 1).toBe(2);
      }
      expect(css).toContain('@media (prefers-color-scheme: dark)');
    }
  });

  it('uses only properties ::highlight() accepts (no outline, border or layout)', () => {
    for (const style of ['underline', 'background', 'outline'] as const) {
      const declarations = [...highlightCss(style).matchAll(/([a-z-]+)\s*:/g)].map((m) => m[1]).filter((p) => p !== 'prefers-color-scheme');
      for (const property of declarations) {
        expect(property).toMatch(/^(background-color|color|text-decoration(-line|-style|-color|-thickness)?|text-underline-offset|text-shadow)$/);
      }
    }
    expect(highlightCss('background')).toContain('background-color');
    expect(highlightCss('outline')).toContain('underline overline');
  });
});
