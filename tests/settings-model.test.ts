import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  emptyStoredSettings,
  exportSettings,
  hostMatches,
  importSettings,
  isSiteEnabled,
  migrateV1toV2,
  parseStoredSettings,
  removeSite,
  resolveEffectiveSettings,
  setGlobalEnabled,
  setSiteEnabled,
  updateGlobal,
  updateSite,
  validatePattern,
  describeValue,
  MAX_SITE_OVERRIDES,
  storedVersionProblem,
  type StoredSettings,
} from '../src/settings/model';
import { checkNewSitePattern } from '../src/settings/public-suffix';

describe('site patterns', () => {
  it('an exact host matches only itself, ignoring case, port and trailing dot', () => {
    expect(hostMatches('example.org', 'example.org')).toBe(true);
    expect(hostMatches('example.org', 'EXAMPLE.org.:8080')).toBe(true);
    expect(hostMatches('example.org', 'www.example.org')).toBe(false);
    expect(hostMatches('example.org', 'badexample.org')).toBe(false);
  });

  it('a wildcard matches the domain and its subdomains, not look-alike domains', () => {
    expect(hostMatches('*.example.org', 'example.org')).toBe(true);
    expect(hostMatches('*.example.org', 'a.b.example.org')).toBe(true);
    expect(hostMatches('*.example.org', 'notexample.org')).toBe(false);
    expect(hostMatches('*.example.org', 'example.org.evil.com')).toBe(false);
  });

  it('validates and canonicalizes what the user types', () => {
    expect(validatePattern('  Example.ORG ')).toEqual({ ok: true, pattern: 'example.org' });
    expect(validatePattern('https://www.Example.org/path?q=1')).toEqual({ ok: true, pattern: 'www.example.org' });
    expect(validatePattern('*.example.org')).toEqual({ ok: true, pattern: '*.example.org' });
    expect(validatePattern('bücher.de')).toEqual({ ok: true, pattern: 'xn--bcher-kva.de' });
    expect(validatePattern('127.0.0.1')).toEqual({ ok: true, pattern: '127.0.0.1' });
    expect(validatePattern('')).toEqual({ ok: false, error: 'empty' });
    expect(validatePattern('*')).toEqual({ ok: false, error: 'bare-wildcard' });
    expect(validatePattern('www.*.org')).toEqual({ ok: false, error: 'misplaced-wildcard' });
    expect(validatePattern('example.org:8080')).toEqual({ ok: false, error: 'has-port' });
    expect(validatePattern('example.org/news')).toEqual({ ok: false, error: 'has-path' });
    expect(validatePattern('exa mple.org')).toEqual({ ok: false, error: 'invalid-host' });
    expect(validatePattern('-bad-.org')).toEqual({ ok: false, error: 'invalid-host' });
    expect(validatePattern('999.1.1.1')).toEqual({ ok: false, error: 'invalid-host' });
  });
});

describe('site patterns: addresses, international names, ports, public suffixes', () => {
  it('exact IPv4 addresses and localhost are sites, canonicalised as browsers report them', () => {
    expect(validatePattern('192.168.0.1')).toEqual({ ok: true, pattern: '192.168.0.1' });
    expect(validatePattern('http://10.0.0.1:8080/admin')).toEqual({ ok: true, pattern: '10.0.0.1' });
    // The URL standard reads these as IPv4 too (a browser on http://127.1/ reports 127.0.0.1).
    expect(validatePattern('127.1')).toEqual({ ok: true, pattern: '127.0.0.1' });
    expect(validatePattern('0x7f.0.0.1')).toEqual({ ok: true, pattern: '127.0.0.1' });
    expect(validatePattern('localhost')).toEqual({ ok: true, pattern: 'localhost' });
    expect(hostMatches('localhost', 'localhost:5173')).toBe(true);
    expect(hostMatches('192.168.0.1', '192.168.0.1:8080')).toBe(true);
  });

  it('a wildcard never covers IP addresses (issue 9: "*.0.1" switched IOM Lens off on 127.0.0.1 and 10.0.0.1)', () => {
    expect(validatePattern('*.0.1')).toEqual({ ok: false, error: 'wildcard-over-ip' });
    expect(validatePattern('*.1')).toEqual({ ok: false, error: 'wildcard-over-ip' });
    expect(validatePattern('*.168.0.1')).toEqual({ ok: false, error: 'wildcard-over-ip' });
    expect(validatePattern('*.192.168.0.1')).toEqual({ ok: false, error: 'wildcard-over-ip' });
    expect(validatePattern('*.[::1]')).toEqual({ ok: false, error: 'wildcard-over-ip' });
    // Patterns stored by an older version are never applied to addresses either.
    for (const host of ['127.0.0.1', '10.0.0.1', '192.168.0.1']) {
      expect(hostMatches('*.0.1', host), host).toBe(false);
      expect(hostMatches('*.1', host), host).toBe(false);
    }
    const stored = parseStoredSettings({ global: {}, sites: [{ pattern: '*.0.1', enabled: false }] });
    expect(stored.value.sites).toEqual([]);
    expect(stored.warnings.join()).toMatch(/wildcard-over-ip/);
    expect(resolveEffectiveSettings({ global: {}, sites: [{ pattern: '*.0.1', enabled: false }] }, '127.0.0.1').enabled).toBe(true);
  });

  it('IPv6 addresses in brackets are sites, compressed; a port after them is refused', () => {
    expect(validatePattern('[::1]')).toEqual({ ok: true, pattern: '[::1]' });
    expect(validatePattern('[0:0:0:0:0:0:0:1]')).toEqual({ ok: true, pattern: '[::1]' });
    expect(validatePattern('[2001:DB8::1]')).toEqual({ ok: true, pattern: '[2001:db8::1]' });
    expect(validatePattern('http://[::1]:8080/')).toEqual({ ok: true, pattern: '[::1]' });
    expect(validatePattern('[::1]:8080')).toEqual({ ok: false, error: 'has-port' });
    expect(validatePattern('[::1')).toEqual({ ok: false, error: 'invalid-host' });
    expect(validatePattern('[::g]')).toEqual({ ok: false, error: 'invalid-host' });
    expect(hostMatches('[::1]', '[::1]:8080')).toBe(true);
    expect(hostMatches('[::1]', '[::2]')).toBe(false);
  });

  it('ports: typed ones are refused with their own error, pasted URLs lose them', () => {
    expect(validatePattern('localhost:3000')).toEqual({ ok: false, error: 'has-port' });
    expect(validatePattern('*.example.org:443')).toEqual({ ok: false, error: 'has-port' });
    expect(validatePattern('https://example.org:8443/x')).toEqual({ ok: true, pattern: 'example.org' });
  });

  it('international names: Unicode and punycode are the same site, matched as browsers report hosts', () => {
    expect(validatePattern('Bücher.de')).toEqual({ ok: true, pattern: 'xn--bcher-kva.de' });
    expect(validatePattern('xn--bcher-kva.de')).toEqual({ ok: true, pattern: 'xn--bcher-kva.de' });
    expect(validatePattern('*.пример.рф')).toEqual({ ok: true, pattern: '*.xn--e1afmkfd.xn--p1ai' });
    expect(validatePattern('https://例え.jp/')).toEqual({ ok: true, pattern: 'xn--r8jz45g.jp' });
    expect(hostMatches('*.xn--e1afmkfd.xn--p1ai', 'news.xn--e1afmkfd.xn--p1ai')).toBe(true);
    expect(checkNewSitePattern('*.пример.рф')).toEqual({ ok: true, pattern: '*.xn--e1afmkfd.xn--p1ai' });
    expect(checkNewSitePattern('*.рф')).toEqual({ ok: false, error: 'wildcard-over-suffix' });
  });

  it('a new wildcard must stay inside one registrable domain (public suffix list)', () => {
    expect(checkNewSitePattern('*.example.org')).toEqual({ ok: true, pattern: '*.example.org' });
    expect(checkNewSitePattern('*.news.example.co.uk')).toEqual({ ok: true, pattern: '*.news.example.co.uk' });
    expect(checkNewSitePattern('*.example.co.uk')).toEqual({ ok: true, pattern: '*.example.co.uk' });
    for (const suffix of ['*.com', '*.org', '*.co.uk', '*.github.io', '*.blogspot.com']) {
      expect(checkNewSitePattern(suffix), suffix).toEqual({ ok: false, error: 'wildcard-over-suffix' });
    }
    expect(checkNewSitePattern('*.0.1')).toEqual({ ok: false, error: 'wildcard-over-ip' });
    expect(checkNewSitePattern('co.uk')).toEqual({ ok: true, pattern: 'co.uk' });
    const file = exportSettings({ global: {}, sites: [{ pattern: '*.co.uk', enabled: false }] });
    expect(importSettings(file).ok).toBe(true);
    const imported = importSettings(file, checkNewSitePattern);
    expect(imported.ok).toBe(false);
    expect(!imported.ok && imported.error).toMatch(/wildcard-over-suffix/);
  });

  it('an absurdly long input is refused before it is parsed', () => {
    expect(validatePattern(`${'a.'.repeat(200_000)}org`)).toEqual({ ok: false, error: 'too-long' });
  });
});

describe('corrupt stored values cost nothing', () => {
  it('version numbers: absent or 1..1000 are usable; negative, huge, fractional or not numbers are corrupt', () => {
    for (const meta of [undefined, null, {}, { v: 1 }, { v: 2 }, { v: 7 }, 'junk']) {
      expect(storedVersionProblem(meta), JSON.stringify(meta)).toBeNull();
    }
    for (const v of [-5_000_000, -1e8, 0, 1.5, 1e12, Number.MAX_SAFE_INTEGER, Infinity, Number.NaN, '3', '-1e8', null, [2], { n: 2 }]) {
      expect(storedVersionProblem({ v }), String(v)).toMatch(/impossible settings version/);
    }
  });

  it('describes any value in a bounded string', () => {
    expect(describeValue('x'.repeat(10_000_000)).length).toBeLessThan(50);
    expect(describeValue(new Array(1_000_000))).toBe('a list of 1000000');
    expect(describeValue({ a: 1 })).toBe('an object');
  });

  it('a huge version-1 site list is read up to the limit, without quadratic work', () => {
    const disabledSites = Array.from({ length: 50_000 }, (_, i) => `site-${i}.example.org`);
    const migrated = migrateV1toV2({ enabled: true, disabledSites });
    expect(migrated.sites).toHaveLength(MAX_SITE_OVERRIDES);
  });

  it('objects with thousands of fields and huge strings are refused whole', () => {
    const global = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    const parsed = parseStoredSettings({
      global,
      sites: [{ pattern: 'x'.repeat(1_000_000), enabled: false }, { pattern: 'ok.example.org', enabled: false, kinds: global }],
    });
    expect(parsed.value).toEqual({ global: {}, sites: [{ pattern: 'ok.example.org', enabled: false }] });
    expect(parsed.warnings).toHaveLength(3);
    expect(parsed.warnings.join('\n').length).toBeLessThan(1000);
  });
});

describe('resolving effective settings', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(resolveEffectiveSettings(emptyStoredSettings(), 'example.org')).toEqual(DEFAULT_SETTINGS);
  });

  it('the most specific pattern wins, key by key', () => {
    const stored: StoredSettings = {
      global: { highlightStyle: 'background', kinds: { person: false } },
      sites: [
        { pattern: 'docs.example.org', enabled: true, density: 'first-per-entity' },
        { pattern: '*.example.org', enabled: false, highlightStyle: 'outline' },
        { pattern: '*.news.example.org', highlightStyle: 'underline', kinds: { programme: false } },
      ],
    };
    const docs = resolveEffectiveSettings(stored, 'docs.example.org');
    expect(docs.enabled).toBe(true);
    expect(docs.highlightStyle).toBe('outline');
    expect(docs.density).toBe('first-per-entity');
    expect(docs.kinds.person).toBe(false);

    const news = resolveEffectiveSettings(stored, 'eu.news.example.org');
    expect(news.enabled).toBe(false);
    expect(news.highlightStyle).toBe('underline');
    expect(news.kinds).toMatchObject({ programme: false, person: false, org: true });

    const other = resolveEffectiveSettings(stored, 'example.com');
    expect(other.enabled).toBe(true);
    expect(other.highlightStyle).toBe('background');
  });

  it('the order of the site list does not matter', () => {
    const sites = [
      { pattern: '*.example.org', enabled: false },
      { pattern: 'www.example.org', enabled: true },
    ];
    for (const order of [sites, [...sites].reverse()]) {
      expect(resolveEffectiveSettings({ global: {}, sites: order }, 'www.example.org').enabled).toBe(true);
      expect(resolveEffectiveSettings({ global: {}, sites: order }, 'blog.example.org').enabled).toBe(false);
    }
  });

  it('the global switch turns every site off, whatever the site says', () => {
    const stored = setGlobalEnabled({ global: {}, sites: [{ pattern: 'example.org', enabled: true }] }, false);
    expect(resolveEffectiveSettings(stored, 'example.org').enabled).toBe(false);
    expect(isSiteEnabled(stored, 'example.org')).toBe(true);
  });
});

describe('updates store only what the user changed', () => {
  it('turning a site off then on again leaves nothing stored', () => {
    const off = setSiteEnabled(emptyStoredSettings(), 'www.Example.org:443', false);
    expect(off).toEqual({ global: {}, sites: [{ pattern: 'www.example.org', enabled: false }] });
    expect(setSiteEnabled(off, 'www.example.org', true)).toEqual(emptyStoredSettings());
  });

  it('turning on a host under a disabled wildcard stores an exact exception', () => {
    const stored: StoredSettings = { global: {}, sites: [{ pattern: '*.example.org', enabled: false }] };
    const next = setSiteEnabled(stored, 'docs.example.org', true);
    expect(next.sites).toContainEqual({ pattern: 'docs.example.org', enabled: true });
    expect(resolveEffectiveSettings(next, 'docs.example.org').enabled).toBe(true);
    expect(resolveEffectiveSettings(next, 'blog.example.org').enabled).toBe(false);
  });

  it('keeps other overrides of a site when its switch is dropped', () => {
    const stored: StoredSettings = { global: {}, sites: [{ pattern: 'example.org', enabled: false, density: 'first-per-entity' }] };
    expect(setSiteEnabled(stored, 'example.org', true).sites).toEqual([{ pattern: 'example.org', density: 'first-per-entity' }]);
  });

  it('global values equal to the defaults are removed', () => {
    let stored = updateGlobal(emptyStoredSettings(), { theme: 'dark', kinds: { person: false } });
    expect(stored.global).toEqual({ theme: 'dark', kinds: { person: false } });
    stored = updateGlobal(stored, { theme: 'system', kinds: { person: true } });
    expect(stored.global).toEqual({});
  });

  it('updateSite and removeSite add, change and drop entries', () => {
    let stored = updateSite(emptyStoredSettings(), '*.example.org', { enabled: false });
    stored = updateSite(stored, '*.example.org', { highlightStyle: 'outline' });
    expect(stored.sites).toEqual([{ pattern: '*.example.org', enabled: false, highlightStyle: 'outline' }]);
    expect(removeSite(stored, '*.example.org').sites).toEqual([]);
  });
});

describe('reading stored values', () => {
  it('keeps valid fields and replaces corrupt ones with defaults, with a warning each', () => {
    const { value, warnings } = parseStoredSettings({
      global: { enabled: 'yes', theme: 'dark', openDelayMs: -5, kinds: { org: false, alien: true }, colour: 'red' },
      sites: [{ pattern: 'ok.org', enabled: false }, { pattern: 'not a host', enabled: false }, 42, { pattern: 'x.org', density: 'some' }],
      extra: 1,
    });
    expect(value).toEqual({ global: { theme: 'dark', kinds: { org: false } }, sites: [{ pattern: 'ok.org', enabled: false }] });
    expect(warnings).toHaveLength(8);
    expect(warnings.join("\n")).toMatch(/global.enabled has an invalid value "yes"/);
  });

  it('reads names of Object.prototype members as unknown settings, never as fields', () => {
    const stored = JSON.parse('{"global": {"toString": true, "constructor": 1, "__proto__": {"enabled": false}, "hasOwnProperty": "x"}, "sites": [{"pattern": "a.org", "valueOf": false, "enabled": false}]}');
    const { value, warnings } = parseStoredSettings(stored);
    expect(value).toEqual({ global: {}, sites: [{ pattern: 'a.org', enabled: false }] });
    expect(warnings.filter((w) => /unknown setting/.test(w))).toHaveLength(5);
    expect(resolveEffectiveSettings(value, 'example.org').enabled).toBe(true);
  });

  it('every default is a value its own field accepts', () => {
    expect(parseStoredSettings({ global: { ...DEFAULT_SETTINGS }, sites: [] })).toEqual({ value: emptyStoredSettings(), warnings: [] });
  });

  it('never throws, whatever it is given', () => {
    for (const junk of [null, undefined, 'text', 42, [], [1, 2], { global: null, sites: {} }, { sites: [null] }]) {
      expect(() => parseStoredSettings(junk)).not.toThrow();
      expect(resolveEffectiveSettings(parseStoredSettings(junk).value, 'example.org')).toEqual(DEFAULT_SETTINGS);
    }
  });
});

describe('migration from version 1', () => {
  it('moves the switch and the disabled sites to version 2', () => {
    expect(migrateV1toV2({ enabled: false, disabledSites: ['News.example.org', '*.blog.org', 'bad host', 'news.example.org'] })).toEqual({
      global: { enabled: false },
      sites: [
        { pattern: 'news.example.org', enabled: false },
        { pattern: '*.blog.org', enabled: false },
      ],
    });
    expect(migrateV1toV2({ enabled: true, disabledSites: [] })).toEqual(emptyStoredSettings());
  });

  it('a version-2 value without its version mark is kept, not mistaken for version 1', () => {
    const v2 = { global: { theme: 'dark' }, sites: [{ pattern: 'a.org', enabled: false }] };
    expect(migrateV1toV2(v2)).toEqual(v2);
  });

  it('a corrupt version-1 value migrates to the defaults', () => {
    expect(migrateV1toV2('garbage')).toEqual(emptyStoredSettings());
    expect(migrateV1toV2({ enabled: 'no', disabledSites: 'x' })).toEqual(emptyStoredSettings());
  });
});

describe('export and import', () => {
  const stored: StoredSettings = {
    global: { theme: 'dark', kinds: { campaign: false } },
    sites: [{ pattern: '*.example.org', enabled: false }],
  };

  it('an export imports back to the same settings', () => {
    expect(importSettings(exportSettings(stored))).toEqual({ ok: true, value: stored });
  });

  it('imports a version-1 export by migrating it', () => {
    const file = JSON.stringify({ format: 'iom-lens-settings', version: 1, settings: { enabled: true, disabledSites: ['a.org'] } });
    expect(importSettings(file)).toEqual({ ok: true, value: { global: {}, sites: [{ pattern: 'a.org', enabled: false }] } });
  });

  it.each([
    ['not JSON', '{oops', 'not-json', /not valid JSON/],
    ['another JSON file', '{"name": "package"}', 'not-settings', /not an IOM Lens settings export/],
    ['a newer version', '{"format":"iom-lens-settings","version":9,"settings":{}}', 'future-version', /newer IOM Lens/],
    [
      'an invalid value',
      '{"format":"iom-lens-settings","version":2,"settings":{"global":{"theme":"neon"},"sites":[]}}',
      'invalid-values',
      /global\.theme has an invalid value "neon"/,
    ],
    [
      'an invalid site',
      '{"format":"iom-lens-settings","version":2,"settings":{"global":{},"sites":[{"pattern":"a b","enabled":false}]}}',
      'invalid-values',
      /not a valid site/,
    ],
  ])('refuses %s with a clear message', (_name, json, code, message) => {
    const result = importSettings(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.error).toMatch(message);
  });
});
