/**
 * The settings model: pure functions over plain data, no browser APIs, so every rule
 * here runs in Node tests. The browser glue (storage, watching, quota fallback) is
 * src/settings/store.ts.
 *
 * What is stored is only what the user changed: `global` holds the global values that
 * differ from DEFAULT_SETTINGS, `sites` one entry per site pattern the user touched,
 * each with only the keys it overrides. Everything else comes from the defaults, so a
 * future change of a default reaches every user who never changed that value.
 */
import { ENTITY_KINDS, type EntityKind } from '../entities/types';
import { SETTING_FIELDS, SITE_SETTING_KEYS, type EffectiveSettings } from './types';

export type GlobalSettings = EffectiveSettings;

/** Values a site pattern may override (./types.ts SITE_FIELDS); a site overrides kinds one by one. */
type SiteSettings = Omit<Pick<GlobalSettings, (typeof SITE_SETTING_KEYS)[number]>, 'kinds'> & {
  kinds: Partial<Record<EntityKind, boolean>>;
};

interface SiteOverride extends Partial<SiteSettings> {
  /** A host ("example.org") or a wildcard ("*.example.org": the domain and all its subdomains). */
  pattern: string;
}

export interface StoredGlobal extends Partial<Omit<GlobalSettings, 'kinds'>> {
  kinds?: Partial<Record<EntityKind, boolean>>;
}

/** Version 2 of the stored value (the current one). */
export interface StoredSettings {
  global: StoredGlobal;
  sites: SiteOverride[];
}

/**
 * How each stored version becomes the next one (@wxt-dev/storage runs them in order): the
 * current version is the last one here.
 */
export const SETTINGS_MIGRATIONS = { 2: migrateV1toV2 } as const;
export const SETTINGS_VERSION = Math.max(...Object.keys(SETTINGS_MIGRATIONS).map(Number));

/**
 * Above this, a stored version number is corrupt rather than written by a newer IOM Lens
 * (which would take centuries of releases to get there). It bounds the work any stored
 * number can cause.
 */
const MAX_PLAUSIBLE_SETTINGS_VERSION = 1000;

/**
 * What is wrong with a stored item's metadata (`settings$`), or null when its version is
 * usable: absent (version 1, or nothing stored) or an integer from 1 to
 * MAX_PLAUSIBLE_SETTINGS_VERSION. Negative, huge, fractional and non-number versions are
 * corrupt.
 */
export function storedVersionProblem(meta: unknown): string | null {
  if (!isPlainObject(meta) || meta.v === undefined) return null;
  const v = meta.v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_PLAUSIBLE_SETTINGS_VERSION) return null;
  return `an impossible settings version (${describeValue(v)})`;
}

/** A short description of any stored value for a warning, at a cost independent of its size. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'an object';
}

/** storage.sync allows 8192 bytes per item; stay well below it so a write never fails for size in practice. */
export const SYNC_ITEM_BUDGET_BYTES = 7000;
/** A site list longer than this is refused on import: it could not be synced. */
export const MAX_SITE_OVERRIDES = 200;
/** A stored settings object (global, a site, kinds) has at most a dozen fields; with more than this it is corrupt and not read field by field. */
const MAX_STORED_FIELDS = 64;
/** What a user types or pastes as a site (a host, or a URL reduced to its host); anything longer is refused before any parsing. */
const MAX_PATTERN_INPUT_LENGTH = 2048;

/** Every field's default, from its declaration (./types.ts). */
export const DEFAULT_SETTINGS: Readonly<GlobalSettings> = (() => {
  const defaults = Object.fromEntries(Object.entries(SETTING_FIELDS).map(([key, field]) => [key, field.fallback])) as GlobalSettings;
  defaults.kinds = Object.freeze({ ...defaults.kinds });
  return Object.freeze(defaults);
})();

export function emptyStoredSettings(): StoredSettings {
  return { global: {}, sites: [] };
}

// ---------------------------------------------------------------------------
// Hosts and patterns

/** The host of a web page's URL; undefined for pages IOM Lens does not run on (chrome://, about:, file:). */
export function pageHostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** Lower-cases a host, drops a port and a trailing dot: "WWW.Example.org.:8080" → "www.example.org". */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    // IPv6 literal: keep the brackets, drop what follows them (a port).
    const close = h.indexOf(']');
    return close === -1 ? h : h.slice(0, close + 1);
  }
  const colon = h.indexOf(':');
  if (colon !== -1) h = h.slice(0, colon);
  return h.replace(/\.+$/, '');
}

/**
 * Whether a site pattern covers a host. "example.org" covers only that host;
 * "*.example.org" covers example.org and every subdomain of it.
 */
export function hostMatches(pattern: string, host: string): boolean {
  const h = normalizeHost(host);
  const p = pattern.toLowerCase();
  if (!h) return false;
  if (p.startsWith('*.')) {
    // Wildcards are over domain labels; "*.0.1" must not cover 127.0.0.1 (patterns stored by older versions).
    if (isIpAddress(h)) return false;
    const domain = p.slice(2);
    return h === domain || h.endsWith(`.${domain}`);
  }
  return h === p;
}

/** Higher is more specific: an exact host beats any wildcard, a longer wildcard beats a shorter one. */
export function patternSpecificity(pattern: string): number {
  return pattern.startsWith('*.') ? pattern.length - 2 : 100_000 + pattern.length;
}

type PatternError =
  | 'empty'
  | 'too-long'
  | 'bare-wildcard'
  | 'misplaced-wildcard'
  | 'has-port'
  | 'has-path'
  | 'invalid-host'
  | 'wildcard-over-suffix'
  | 'wildcard-over-ip';

export type PatternValidation = { ok: true; pattern: string } | { ok: false; error: PatternError };

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

function isValidHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  if (IPV4.test(host)) return host.split('.').every((n) => Number(n) <= 255);
  if (IPV6.test(host)) return true;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

/** Whether a (normalised) host is an IP address literal: "10.0.0.1", "[::1]". */
function isIpAddress(host: string): boolean {
  return IPV4.test(host) || IPV6.test(host);
}

/**
 * The host as browsers report it, by the URL standard's host parser: lower case, IDNs in
 * punycode ("bücher.de" → "xn--bcher-kva.de"), IPv4 in dotted decimal (so "127.1" and
 * "0x7f.0.0.1" are 127.0.0.1, and "0.1" is the address 0.0.0.1), IPv6 compressed
 * ("[0:0::1]" → "[::1]"). Null when it is not a host name or address.
 */
function canonicalHost(host: string): string | null {
  // Characters the URL parser would read as something other than a host (userinfo, escapes).
  if (/[\s@%\\]/.test(host)) return null;
  let parsed: string;
  try {
    parsed = new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
  return isValidHostName(parsed) ? parsed : null;
}

/**
 * Checks what a user typed as a site and returns its canonical form. A pasted URL is
 * accepted and reduced to its host ("https://Example.org:8080/page" → "example.org"); a
 * typed port is refused (settings are per host, every port). International names are
 * turned into their ASCII (punycode) form, as browsers report hosts. Exact IP addresses
 * and `localhost` are sites; a wildcard never covers an IP address ("*.0.1" would match
 * 127.0.0.1 and 10.0.0.1). Whether a wildcard covers more than one registrable domain
 * ("*.co.uk") needs the public suffix list: checkNewSitePattern in ./public-suffix.ts.
 */
export function validatePattern(input: string): PatternValidation {
  if (input.length > MAX_PATTERN_INPUT_LENGTH) return { ok: false, error: 'too-long' };
  let text = input.trim().toLowerCase();
  if (!text) return { ok: false, error: 'empty' };
  const schemeMatch = /^[a-z][a-z0-9+.-]*:\/\//.exec(text);
  if (schemeMatch) {
    try {
      text = new URL(text).hostname;
    } catch {
      return { ok: false, error: 'invalid-host' };
    }
  }
  text = text.replace(/\.+$/, '');
  if (text === '*' || text === '*.') return { ok: false, error: 'bare-wildcard' };
  const wildcard = text.startsWith('*.');
  const host = wildcard ? text.slice(2) : text;
  if (host.includes('*')) return { ok: false, error: 'misplaced-wildcard' };
  if (/[/?#]/.test(host)) return { ok: false, error: 'has-path' };
  // A port follows the host's last colon outside an IPv6 literal's brackets.
  const portAfter = host.startsWith('[') ? host.indexOf(']') + 1 : 0;
  if (host.startsWith('[') && portAfter === 0) return { ok: false, error: 'invalid-host' };
  if (host.indexOf(':', portAfter) !== -1) return { ok: false, error: 'has-port' };
  const canonical = canonicalHost(host);
  if (!canonical) return { ok: false, error: 'invalid-host' };
  if (wildcard && isIpAddress(canonical)) return { ok: false, error: 'wildcard-over-ip' };
  return { ok: true, pattern: wildcard ? `*.${canonical}` : canonical };
}

// ---------------------------------------------------------------------------
// Resolving

function sitesFor(stored: StoredSettings, host: string): SiteOverride[] {
  return stored.sites
    .filter((site) => hostMatches(site.pattern, host))
    .sort((a, b) => patternSpecificity(a.pattern) - patternSpecificity(b.pattern));
}

function applyOverride(target: GlobalSettings, override: StoredGlobal | Partial<SiteSettings>): void {
  for (const [key, value] of Object.entries(override)) {
    if (key === 'kinds') {
      target.kinds = { ...target.kinds, ...override.kinds };
    } else if (value !== undefined) {
      (target as unknown as Record<string, unknown>)[key] = value;
    }
  }
}

/** The global settings alone (defaults plus the user's global changes). */
export function resolveGlobalSettings(stored: StoredSettings): GlobalSettings {
  const result: GlobalSettings = { ...DEFAULT_SETTINGS, kinds: { ...DEFAULT_SETTINGS.kinds } };
  applyOverride(result, stored.global);
  return result;
}

/**
 * The settings a page on `host` runs with: defaults, then the user's global values,
 * then every matching site pattern from least to most specific (so the most specific
 * one wins key by key). The global switch is a master switch: when it is off, no site
 * is on; a site pattern only turns a site off, or back on under a wider pattern.
 */
export function resolveEffectiveSettings(stored: StoredSettings, host: string): EffectiveSettings {
  const result = resolveGlobalSettings(stored);
  const globalEnabled = result.enabled;
  result.enabled = true;
  for (const site of sitesFor(stored, host)) {
    const { pattern: _pattern, ...override } = site;
    applyOverride(result, override);
  }
  result.enabled = globalEnabled && result.enabled;
  return result;
}

/** Whether the site itself is on (ignoring the global switch), for the popup's site switch. */
export function isSiteEnabled(stored: StoredSettings, host: string): boolean {
  return resolveEffectiveSettings({ ...stored, global: { ...stored.global, enabled: true } }, host).enabled;
}

// ---------------------------------------------------------------------------
// Updates: each returns a new value and drops what equals the default or the inherited value.

function pruneGlobal(global: StoredGlobal): StoredGlobal {
  const out: StoredGlobal = {};
  for (const [key, value] of Object.entries(global) as [keyof StoredGlobal, unknown][]) {
    if (value === undefined) continue;
    if (key === 'kinds') {
      const kinds: Partial<Record<EntityKind, boolean>> = {};
      for (const kind of ENTITY_KINDS) {
        const v = global.kinds?.[kind];
        if (v !== undefined && v !== DEFAULT_SETTINGS.kinds[kind]) kinds[kind] = v;
      }
      if (Object.keys(kinds).length) out.kinds = kinds;
    } else if (value !== DEFAULT_SETTINGS[key]) {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/** Changes global values; values equal to the defaults are removed from what is stored. */
export function updateGlobal(stored: StoredSettings, patch: StoredGlobal): StoredSettings {
  const merged: StoredGlobal = { ...stored.global, ...patch };
  if (patch.kinds) merged.kinds = { ...stored.global.kinds, ...patch.kinds };
  return { ...stored, global: pruneGlobal(merged) };
}

export function setGlobalEnabled(stored: StoredSettings, enabled: boolean): StoredSettings {
  return updateGlobal(stored, { enabled });
}

function hasOverrides(site: SiteOverride): boolean {
  return Object.entries(site).some(
    ([key, value]) => key !== 'pattern' && value !== undefined && !(key === 'kinds' && Object.keys(value as object).length === 0),
  );
}

/**
 * Sets or clears overrides of one pattern. A key set to `undefined` is removed; an entry
 * left with no override is removed; a new pattern is added at the end.
 */
export function updateSite(stored: StoredSettings, pattern: string, patch: Partial<SiteSettings>): StoredSettings {
  const existing = stored.sites.find((s) => s.pattern === pattern);
  const next: SiteOverride = { ...(existing ?? { pattern }) };
  for (const [key, value] of Object.entries(patch) as [keyof SiteSettings, unknown][]) {
    if (value === undefined) delete next[key];
    else if (key === 'kinds') next.kinds = { ...next.kinds, ...(value as Partial<Record<EntityKind, boolean>>) };
    else (next as unknown as Record<string, unknown>)[key] = value;
  }
  const sites = existing
    ? stored.sites.map((s) => (s === existing ? next : s)).filter((s) => s !== next || hasOverrides(next))
    : hasOverrides(next)
      ? [...stored.sites, next]
      : stored.sites;
  return { ...stored, sites };
}

/** Forgets a pattern and all its overrides. */
export function removeSite(stored: StoredSettings, pattern: string): StoredSettings {
  return { ...stored, sites: stored.sites.filter((s) => s.pattern !== pattern) };
}

/**
 * Turns IOM Lens on or off for one host (the popup's switch and the keyboard command).
 * It writes an exact-host entry, unless the wanted state is what the host would get
 * anyway from the defaults and wider patterns: then the exact entry's switch is dropped.
 */
export function setSiteEnabled(stored: StoredSettings, host: string, enabled: boolean): StoredSettings {
  const pattern = normalizeHost(host);
  if (!pattern) return stored;
  const withoutExact = updateSite(stored, pattern, { enabled: undefined });
  const inherited = isSiteEnabled(withoutExact, pattern);
  return inherited === enabled ? withoutExact : updateSite(stored, pattern, { enabled });
}

// ---------------------------------------------------------------------------
// Reading what storage holds: never throws, sanitizes field by field.

type FieldCheck = (value: unknown) => boolean;

/** Whether a stored value is one the field's declaration (./types.ts) accepts; kinds are read kind by kind (readKinds). */
const fieldChecks = (keys: readonly (keyof typeof SETTING_FIELDS)[]): Record<string, FieldCheck> =>
  Object.fromEntries(
    keys.filter((key) => key !== 'kinds').map((key) => [key, (value: unknown) => SETTING_FIELDS[key].accepts(value)]),
  );

/** Built when something stored is first read: most pages' content scripts find nothing stored. */
let checks: { site: Record<string, FieldCheck>; global: Record<string, FieldCheck> } | undefined;
const fieldChecksOf = () =>
  (checks ??= { site: fieldChecks(SITE_SETTING_KEYS), global: fieldChecks(Object.keys(SETTING_FIELDS) as (keyof typeof SETTING_FIELDS)[]) });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readKinds(value: unknown, where: string, problems: string[]): Partial<Record<EntityKind, boolean>> {
  const kinds: Partial<Record<EntityKind, boolean>> = {};
  if (!isPlainObject(value)) {
    problems.push(`${where}.kinds is not an object`);
    return kinds;
  }
  if (Object.keys(value).length > MAX_STORED_FIELDS) {
    problems.push(`${where}.kinds has too many fields`);
    return kinds;
  }
  for (const [kind, v] of Object.entries(value)) {
    if (!(ENTITY_KINDS as readonly string[]).includes(kind)) problems.push(`${where}.kinds has an unknown kind "${kind}"`);
    else if (typeof v !== 'boolean') problems.push(`${where}.kinds.${kind} is not true or false`);
    else kinds[kind as EntityKind] = v;
  }
  return kinds;
}

function readFields(
  value: Record<string, unknown>,
  checks: Record<string, FieldCheck>,
  where: string,
  problems: string[],
  skip: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  if (keys.length > MAX_STORED_FIELDS) {
    problems.push(`${where} has ${keys.length} fields`);
    return out;
  }
  for (const key of keys) {
    const v = value[key];
    if (skip.includes(key) || v === undefined) continue;
    if (key === 'kinds') {
      const kinds = readKinds(v, where, problems);
      if (Object.keys(kinds).length) out.kinds = kinds;
    } else if (!Object.hasOwn(checks, key)) {
      problems.push(`${where} has an unknown setting "${key}"`);
    } else if (!checks[key](v)) {
      problems.push(`${where}.${key} has an invalid value ${describeValue(v)}`);
    } else {
      out[key] = v;
    }
  }
  return out;
}

/** Reads a version-2 value, keeping every valid field and reporting every invalid one. */
function readStored(value: unknown, problems: string[]): StoredSettings {
  if (!isPlainObject(value)) {
    problems.push('the settings are not an object');
    return emptyStoredSettings();
  }
  for (const key of Object.keys(value)) {
    if (key !== 'global' && key !== 'sites') problems.push(`unknown top-level field "${key}"`);
  }
  let global: StoredGlobal = {};
  if (value.global !== undefined) {
    if (isPlainObject(value.global)) global = readFields(value.global, fieldChecksOf().global, 'global', problems) as StoredGlobal;
    else problems.push('global is not an object');
  }
  const stored: StoredSettings = { global: pruneGlobal(global), sites: [] };
  if (value.sites !== undefined) {
    if (!Array.isArray(value.sites)) {
      problems.push('sites is not a list');
    } else {
      if (value.sites.length > MAX_SITE_OVERRIDES) problems.push(`more than ${MAX_SITE_OVERRIDES} sites`);
      value.sites.slice(0, MAX_SITE_OVERRIDES).forEach((entry, i) => {
        const where = `sites[${i}]`;
        if (!isPlainObject(entry) || typeof entry.pattern !== 'string') {
          problems.push(`${where} has no pattern`);
          return;
        }
        const checked = validatePattern(entry.pattern);
        if (!checked.ok) {
          problems.push(`${where}.pattern ${describeValue(entry.pattern)} is not a valid site (${checked.error})`);
          return;
        }
        if (stored.sites.some((s) => s.pattern === checked.pattern)) {
          problems.push(`${where}.pattern "${checked.pattern}" is listed twice`);
          return;
        }
        const fields = readFields(entry, fieldChecksOf().site, where, problems, ['pattern']);
        const site: SiteOverride = { pattern: checked.pattern, ...fields };
        if (hasOverrides(site)) stored.sites.push(site);
      });
    }
  }
  return stored;
}

export interface ParsedSettings {
  value: StoredSettings;
  /** One line per field that was dropped; empty when the value was clean. */
  warnings: string[];
}

/**
 * Makes whatever storage holds usable: valid fields are kept, invalid or unknown ones
 * fall back to their defaults and are reported. Never throws.
 */
export function parseStoredSettings(value: unknown): ParsedSettings {
  if (value === null || value === undefined) return { value: emptyStoredSettings(), warnings: [] };
  const warnings: string[] = [];
  try {
    return { value: readStored(value, warnings), warnings };
  } catch (error) {
    return { value: emptyStoredSettings(), warnings: [...warnings, `unreadable settings: ${String(error)}`] };
  }
}

/**
 * Version 1 (the first released shape, `{ enabled, disabledSites }`: one switch and the hosts
 * where IOM Lens is off) → 2. Never throws: anything unreadable in the old value is dropped. A value
 * that already has the version-2 shape but lost its version mark (written by hand, or by
 * a tool) is kept as it is, and sanitized when read.
 */
export function migrateV1toV2(old: unknown): StoredSettings {
  const v1 = isPlainObject(old) ? old : {};
  if (!('enabled' in v1) && !('disabledSites' in v1) && ('global' in v1 || 'sites' in v1)) return v1 as unknown as StoredSettings;
  const stored: StoredSettings = { global: v1.enabled === false ? { enabled: false } : {}, sites: [] };
  if (Array.isArray(v1.disabledSites)) {
    // More could not be stored in version 2; the cap also bounds the work a corrupt list can cause.
    for (const site of v1.disabledSites.slice(0, MAX_SITE_OVERRIDES)) {
      if (typeof site !== 'string') continue;
      const checked = validatePattern(site);
      if (checked.ok && !stored.sites.some((s) => s.pattern === checked.pattern)) {
        stored.sites.push({ pattern: checked.pattern, enabled: false });
      }
    }
  }
  return stored;
}

// ---------------------------------------------------------------------------
// Export and import

const EXPORT_FORMAT = 'iom-lens-settings';

interface SettingsFile {
  format: typeof EXPORT_FORMAT;
  version: number;
  settings: StoredSettings;
}

export function exportSettings(stored: StoredSettings): string {
  const file: SettingsFile = { format: EXPORT_FORMAT, version: SETTINGS_VERSION, settings: stored };
  return `${JSON.stringify(file, null, 2)}\n`;
}

type ImportErrorCode = 'not-json' | 'not-settings' | 'future-version' | 'invalid-values' | 'too-large';

export type ImportResult =
  | { ok: true; value: StoredSettings }
  | { ok: false; code: ImportErrorCode; error: string };

/** Files larger than this are not settings exported by IOM Lens. */
const MAX_IMPORT_BYTES = 256 * 1024;

/**
 * Reads an exported settings file. Unlike reading storage, import is strict: a file with
 * any invalid value is refused as a whole, with the reasons, and nothing is changed.
 * Version-1 files are migrated. `checkSite` is the stricter check the options page adds
 * (checkNewSitePattern), kept out of this module so the content script stays small.
 */
export function importSettings(json: string, checkSite: (pattern: string) => PatternValidation = validatePattern): ImportResult {
  if (json.length > MAX_IMPORT_BYTES) {
    return { ok: false, code: 'too-large', error: 'This file is too large to be IOM Lens settings.' };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, code: 'not-json', error: 'This file is not valid JSON.' };
  }
  if (!isPlainObject(data) || data.format !== EXPORT_FORMAT || !('settings' in data)) {
    return { ok: false, code: 'not-settings', error: 'This file is not an IOM Lens settings export.' };
  }
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, code: 'not-settings', error: 'This file has no valid settings version.' };
  }
  if (version > SETTINGS_VERSION) {
    return {
      ok: false,
      code: 'future-version',
      error: `This file comes from a newer IOM Lens (settings version ${version}); this one reads up to version ${SETTINGS_VERSION}.`,
    };
  }
  const problems: string[] = [];
  let settings = data.settings;
  if (version === 1) {
    if (!isPlainObject(settings) || typeof settings.enabled !== 'boolean' || !Array.isArray(settings.disabledSites)) {
      return { ok: false, code: 'invalid-values', error: 'This version-1 settings file is incomplete.' };
    }
    const bad = settings.disabledSites.filter((s) => typeof s !== 'string' || !validatePattern(s).ok);
    if (bad.length) problems.push(`invalid sites: ${bad.map((s) => JSON.stringify(s)).join(', ')}`);
    settings = migrateV1toV2(settings);
  }
  const value = readStored(settings, problems);
  for (const site of value.sites) {
    const checked = checkSite(site.pattern);
    if (!checked.ok) problems.push(`"${site.pattern}" is not a valid site (${checked.error})`);
  }
  if (problems.length) {
    const shown = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    return { ok: false, code: 'invalid-values', error: `This settings file has invalid values: ${shown}${more}.` };
  }
  return { ok: true, value };
}

/** Size of the value as storage.sync counts it (key + JSON of the value), in bytes. */
export function syncItemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key + JSON.stringify(value)).length;
}
