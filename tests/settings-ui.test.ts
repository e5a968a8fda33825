import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyReport, badgeText } from '../src/background/badge';
import { pageHostOf } from '../src/settings/model';
import { splitMarked } from '../src/ui/Marked';

describe('badge counting', () => {
  const tab = () => ({ frames: {}, loadingSince: 0 });

  it('formats counts for the badge', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-3)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(999)).toBe('999');
    expect(badgeText(1000)).toBe('999+');
  });

  it('sums the frames of a tab, a frame’s new report replacing its old one', () => {
    const t = tab();
    expect(applyReport(t, 0, { count: 4, document: 'top-1', reportedAt: 10 })).toBe(4);
    expect(applyReport(t, 3, { count: 2, document: 'frame-1', reportedAt: 11 })).toBe(6);
    expect(applyReport(t, 3, { count: 5, document: 'frame-1', reportedAt: 12 })).toBe(9);
    expect(applyReport(t, 0, { count: 0, document: 'top-1', reportedAt: 13 })).toBe(5);
  });

  it('a new top document drops the frames of the previous page, keeps those of the new one', () => {
    const t = tab();
    applyReport(t, 0, { count: 4, document: 'old-top', reportedAt: 10 });
    applyReport(t, 5, { count: 2, document: 'old-frame', reportedAt: 11 });
    t.loadingSince = 20; // navigation starts
    applyReport(t, 6, { count: 1, document: 'new-frame', reportedAt: 25 }); // the new page's iframe reports first
    expect(applyReport(t, 0, { count: 3, document: 'new-top', reportedAt: 30 })).toBe(4);
    expect(Object.keys(t.frames).sort()).toEqual(['0', '6']);
  });
});

describe('toggle-site command', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  it('reads the host of web pages only', () => {
    expect(pageHostOf('https://News.Example.org:8443/a?b')).toBe('news.example.org');
    expect(pageHostOf('http://127.0.0.1:5173/')).toBe('127.0.0.1');
    expect(pageHostOf('chrome://extensions')).toBeUndefined();
    expect(pageHostOf('file:///tmp/a.html')).toBeUndefined();
    expect(pageHostOf(undefined)).toBeUndefined();
    expect(pageHostOf('not a url')).toBeUndefined();
  });

  it('flips the site; when IOM Lens is off everywhere it turns it back on for this site', async () => {
    const { toggleSite } = await import('../src/background/site-toggle-command');
    const store = await import('../src/settings/store');
    expect(await toggleSite('example.org')).toBe(false);
    expect((await store.getEffectiveSettings('example.org')).enabled).toBe(false);
    expect(await toggleSite('example.org')).toBe(true);
    expect(await store.getStoredSettings()).toEqual({ global: {}, sites: [] });

    await store.setGlobalEnabled(false);
    expect(await toggleSite('example.org')).toBe(true);
    expect((await store.getEffectiveSettings('example.org')).enabled).toBe(true);
  });
});

describe('marked snippets', () => {
  it('splits text at the marks, merging overlaps and clipping out-of-range marks', () => {
    expect(splitMarked('counter trafficking work', [[8, 19]])).toEqual([
      { text: 'counter ', marked: false },
      { text: 'trafficking', marked: true },
      { text: ' work', marked: false },
    ]);
    expect(splitMarked('abcdef', [[4, 99], [0, 2], [1, 3]])).toEqual([
      { text: 'abc', marked: true },
      { text: 'd', marked: false },
      { text: 'ef', marked: true },
    ]);
    expect(splitMarked('abc', [[2, 1], [-5, 0]])).toEqual([{ text: 'abc', marked: false }]);
  });

  it('keeps markup-like text as text', () => {
    const parts = splitMarked('<img src=x onerror=alert(1)> IOM', [[29, 32]]);
    expect(parts.map((p) => p.text).join('')).toBe('<img src=x onerror=alert(1)> IOM');
    expect(parts[1]).toEqual({ text: 'IOM', marked: true });
  });
});

describe('UI strings', () => {
  const load = (lang: string) =>
    JSON.parse(readFileSync(path.join(import.meta.dirname, `../public/_locales/${lang}/messages.json`), 'utf8')) as Record<
      string,
      { message: string; placeholders?: Record<string, { content: string }> }
    >;
  const en = load('en');
  const ownKeys = Object.keys(en).filter((k) => /^(popup|options|menu|badge|card)/.test(k));

  it.each(['fr', 'es'])('%s has every popup, options, menu, badge and card string, with the same placeholders', (lang) => {
    const other = load(lang);
    for (const key of ownKeys) {
      expect(other[key]?.message, `${lang}: ${key}`).toBeTruthy();
      expect(Object.keys(other[key].placeholders ?? {}), `${lang}: ${key}`).toEqual(Object.keys(en[key].placeholders ?? {}));
      for (const name of Object.keys(en[key].placeholders ?? {})) expect(other[key].message).toContain(`$${name.toUpperCase()}$`);
    }
  });

  it('message names use only the characters Chrome allows', () => {
    for (const key of ownKeys) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });
});
