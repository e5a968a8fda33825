/**
 * The settings, declared once: each field's schema (what storage may hold), its default
 * and, by where it is declared, whether a site may override it. The types, DEFAULT_SETTINGS
 * and the field checks that read storage (./model.ts) are all derived from this.
 */
import * as v from 'valibot';
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

/** Which kinds of mention are marked; every kind is on by default. */
const KindsSchema = v.object(
  Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, v.optional(v.boolean(), true)])) as Record<
    EntityKind,
    v.OptionalSchema<v.BooleanSchema<undefined>, true>
  >,
);

/** The values a site pattern may override. */
const SITE_FIELDS = {
  enabled: v.optional(v.boolean(), true),
  kinds: v.optional(KindsSchema, () => v.getDefaults(KindsSchema)),
  programmePolicy: v.optional(v.picklist(PROGRAMME_POLICIES), DEFAULT_PROGRAMME_POLICY),
  highlightStyle: v.optional(v.picklist(HIGHLIGHT_STYLES), 'underline'),
  density: v.optional(v.picklist(DENSITIES), 'every'),
  openDelayMs: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(OPEN_DELAY_MIN_MS), v.maxValue(OPEN_DELAY_MAX_MS)),
    DEFAULT_OPEN_DELAY_MS,
  ),
};

/** Values of the extension's own pages and of the browser, never per site. */
const EXTENSION_FIELDS = {
  theme: v.optional(v.picklist(THEMES), 'system'),
  /** Chrome: PDFs open in IOM Lens's reader (the PDF handler) instead of the browser's viewer. */
  pdfReader: v.optional(v.boolean(), true),
};

export const SETTING_FIELDS = { ...SITE_FIELDS, ...EXTENSION_FIELDS };
export const SITE_SETTING_KEYS = Object.keys(SITE_FIELDS) as (keyof typeof SITE_FIELDS)[];
export const GlobalSettingsSchema = v.object(SETTING_FIELDS);

export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];
export type Density = (typeof DENSITIES)[number];
export type Theme = (typeof THEMES)[number];

/** Everything a page needs to know to behave: the global settings with the site's overrides applied. */
export type EffectiveSettings = v.InferOutput<typeof GlobalSettingsSchema>;
