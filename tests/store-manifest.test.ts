import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../wxt.config';
import { DISCLAIMERS, STORE_LIMITS, storeProblems } from '../scripts/release/store-rules';

type Messages = Record<string, { message: string }>;
const localesDir = new URL('../public/_locales/', import.meta.url);
const locales = readdirSync(localesDir).sort();
const messagesOf = (locale: string): Messages =>
  JSON.parse(readFileSync(new URL(`${locale}/messages.json`, localesDir), 'utf8')) as Messages;

type ManifestFn = (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: string }) => Record<string, unknown>;
const manifestFor = (browser: string, manifestVersion: 2 | 3) =>
  (config.manifest as ManifestFn)({ browser, manifestVersion, mode: 'production', command: 'build' });

describe('store limits for the manifest strings', () => {
  it('ships the locales the disclaimers are written for', () => {
    expect(locales).toEqual(['en', 'es', 'fr']);
    expect(Object.keys(DISCLAIMERS).sort()).toEqual(locales);
  });

  it.each(locales)('%s: name, short name and description are within every store limit and carry the disclaimers', (locale) => {
    const m = messagesOf(locale);
    expect(storeProblems({
      locale,
      name: m.extName.message,
      shortName: m.extShortName.message,
      description: m.extDescription.message,
    })).toEqual([]);
  });

  it('package.json describes the project within the same limit and disclaimer', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { description: string };
    expect([...pkg.description].length).toBeLessThanOrEqual(STORE_LIMITS.description);
    expect(pkg.description).toMatch(DISCLAIMERS.en.notAffiliated);
  });

  it('the manifest takes its name, short name and description from the locales, for both browsers', () => {
    for (const [browser, mv] of [['chrome', 3], ['firefox', 2], ['firefox', 3]] as const) {
      expect(manifestFor(browser, mv), `${browser} MV${mv}`).toMatchObject({
        name: '__MSG_extName__',
        short_name: '__MSG_extShortName__',
        description: '__MSG_extDescription__',
        default_locale: 'en',
      });
    }
  });

  it('keeps the Firefox id, data collection declaration and minimum version', () => {
    expect(manifestFor('firefox', 2).browser_specific_settings).toEqual({
      gecko: {
        id: 'iom-lens@iom-lens.invalid',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    });
  });
});

describe('the documents cover the manifest', () => {
  const privacy = readFileSync(new URL('../PRIVACY.md', import.meta.url), 'utf8');
  const listing = readFileSync(new URL('../docs/store-listing.md', import.meta.url), 'utf8');
  const permissions = new Set(
    (['chrome', 'firefox'] as const).flatMap((b) => [
      ...((manifestFor(b, b === 'chrome' ? 3 : 2).permissions as string[] | undefined) ?? []),
      ...((manifestFor(b, 3).host_permissions as string[] | undefined) ?? []),
    ]),
  );

  it('PRIVACY.md and the Chrome form justify every permission the manifest asks for', () => {
    expect(permissions.size).toBeGreaterThan(0);
    for (const permission of permissions) {
      expect(privacy, `PRIVACY.md: ${permission}`).toContain(`| \`${permission}\` |`);
      expect(listing, `docs/store-listing.md: ${permission}`).toContain(`| \`${permission}\` |`);
    }
  });
});

describe('storeProblems', () => {
  const fine = {
    locale: 'en',
    name: 'IOM Lens (unofficial)',
    shortName: 'IOM Lens',
    description: 'Explains IOM. Not affiliated with IOM.',
  };

  it('passes strings within the rules', () => {
    expect(storeProblems(fine)).toEqual([]);
  });

  it('counts characters, not bytes, and rejects one over each limit', () => {
    const accented = 'é'.repeat(STORE_LIMITS.description - 'Not affiliated with IOM.'.length) + 'Not affiliated with IOM.';
    expect(storeProblems({ ...fine, description: accented })).toEqual([]);
    expect(storeProblems({ ...fine, description: `x${accented}` })).toHaveLength(1);
    expect(storeProblems({ ...fine, name: `${fine.name}${'x'.repeat(STORE_LIMITS.name - fine.name.length + 1)}` })).toHaveLength(1);
    expect(storeProblems({ ...fine, shortName: 'IOM Lens Pro+' })).toHaveLength(1);
  });

  it('asks for the disclaimers and keeps browser marks out of the name', () => {
    expect(storeProblems({ ...fine, name: 'IOM Lens' })[0]).toMatch(/unofficial/);
    expect(storeProblems({ ...fine, description: 'Explains IOM.' })[0]).toMatch(/not affiliated/);
    expect(storeProblems({ ...fine, name: 'IOM Lens for Firefox (unofficial)' })[0]).toMatch(/trademark/);
    expect(storeProblems({ ...fine, locale: 'de' })[0]).toMatch(/no disclaimer wording/);
  });

  it('rejects markup and stray spaces', () => {
    expect(storeProblems({ ...fine, description: '<b>Not affiliated with IOM.</b>' })).toHaveLength(1);
    expect(storeProblems({ ...fine, name: 'IOM Lens (unofficial) ' })).toHaveLength(1);
  });
});
