/**
 * The settings, declared once: each field's check (what storage may hold), its default
 * and, by where it is declared, whether a site may override it. The types, DEFAULT_SETTINGS
 * and the field checks that read storage (./model.ts) are all derived from this. Plain
 * data and functions, no schema library: every page's content script reads the settings
 * (./page-settings.ts), and builds none.
 */
import { ENTITY_KINDS, type EntityKind } from '../entities/types';
import { DEFAULT_PROGRAMME_POLICY, type ProgrammePolicy } from '../detect/types';

export const PROGRAMME_POLICIES = ['as-iom-work', 'if-iom-mentioned', 'always', 'never'] as const satisfies readonly ProgrammePolicy[];
export const HIGHLIGHT_STYLES = ['underline', 'background', 'outline'] as const;
export const DENSITIES = ['every', 'first-per-entity'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;

/** The hover card's open delay is a user choice within these bounds (ms). */
export const OPEN_DELAY_MIN_MS = 0;
export const OPEN_DELAY_MAX_MS = 2000;
/** Long enough that a pointer crossing a mention on its way elsewhere opens nothing. */
const DEFAULT_OPEN_DELAY_MS = 400;

/** A setting: its default, and whether a stored value is one it accepts. */
interface Field<T> {
  readonly fallback: T;
  accepts(value: unknown): value is T;
}

const flag = (fallback: boolean): Field<boolean> => ({ fallback, accepts: (value): value is boolean => typeof value === 'boolean' });

const oneOf = <const T extends readonly string[]>(options: T, fallback: T[number]): Field<T[number]> => ({
  fallback,
  accepts: (value): value is T[number] => (options as readonly unknown[]).includes(value),
});

const integerIn = (min: number, max: number, fallback: number): Field<number> => ({
  fallback,
  accepts: (value): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
});

/**
 * Which kinds of mention are marked; every kind is on by default. Stored kinds are read kind by
 * kind (./model.ts readKinds), so this field's check is for a whole value only.
 */
const kinds: Field<Record<EntityKind, boolean>> = {
  fallback: Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, true])) as Record<EntityKind, boolean>,
  accepts: (value): value is Record<EntityKind, boolean> =>
    typeof value === 'object' && value !== null && Object.entries(value).every(([kind, on]) => (ENTITY_KINDS as readonly string[]).includes(kind) && typeof on === 'boolean'),
};

/** The values a site pattern may override. */
const SITE_FIELDS = {
  enabled: flag(true),
  kinds,
  programmePolicy: oneOf(PROGRAMME_POLICIES, DEFAULT_PROGRAMME_POLICY),
  highlightStyle: oneOf(HIGHLIGHT_STYLES, 'underline'),
  density: oneOf(DENSITIES, 'every'),
  openDelayMs: integerIn(OPEN_DELAY_MIN_MS, OPEN_DELAY_MAX_MS, DEFAULT_OPEN_DELAY_MS),
};

/** Values of the extension's own pages and of the browser, never per site. */
const EXTENSION_FIELDS = {
  theme: oneOf(THEMES, 'system'),
  /** Chrome: PDFs open in IOM Lens's reader (the PDF handler) instead of the browser's viewer. */
  pdfReader: flag(true),
};

export const SETTING_FIELDS = { ...SITE_FIELDS, ...EXTENSION_FIELDS };
export const SITE_SETTING_KEYS = Object.keys(SITE_FIELDS) as (keyof typeof SITE_FIELDS)[];

export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];
export type Density = (typeof DENSITIES)[number];
export type Theme = (typeof THEMES)[number];

/** Everything a page needs to know to behave: the global settings with the site's overrides applied. */
export type EffectiveSettings = { -readonly [K in keyof typeof SETTING_FIELDS]: (typeof SETTING_FIELDS)[K] extends Field<infer T> ? T : never };
