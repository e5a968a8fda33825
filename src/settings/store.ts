/**
 * Settings in browser storage: the thin glue between the pure model (./model.ts) and
 * `@wxt-dev/storage`.
 *
 * Where the settings live:
 * - `sync:settings` normally, so they follow the user across their browsers. The stored
 *   value holds only what the user changed, so it stays far below storage.sync's
 *   8192-byte per-item quota (QUOTA_BYTES_PER_ITEM).
 * - `local:settings` only when a sync write fails (quota: too large, or too many writes
 *   per minute/hour; or sync is unavailable, e.g. disabled by policy). While a local
 *   copy exists it wins, because it is newer than what sync holds; the next successful
 *   sync write removes it. Reads fall back to local when sync cannot be read.
 *
 * Both items are versioned (SETTINGS_VERSION) with a migration from version 1
 * ({ enabled, disabledSites }). Whatever a reader finds (corrupt fields, unknown
 * fields, a value written by a newer version) it gets defaults for what it cannot read
 * and a console warning, never an exception.
 */
import { storage } from 'wxt/utils/storage';
import {
  emptyStoredSettings,
  resolveEffectiveSettings,
  resolveGlobalSettings,
  setGlobalEnabled as withGlobalEnabled,
  setSiteEnabled as withSiteEnabled,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  storedVersionProblem,
  SYNC_ITEM_BUDGET_BYTES,
  syncItemBytes,
  type GlobalSettings,
  type StoredSettings,
} from './model';
import type { EffectiveSettings } from './types';
import { interpretArea, readSettledSettings, watchEffective, watchStored } from './snapshot';

const SYNC_KEY = 'sync:settings' as const;
const LOCAL_KEY = 'local:settings' as const;

function defineSettingsItem(key: typeof SYNC_KEY | typeof LOCAL_KEY) {
  return storage.defineItem<unknown>(key, {
    fallback: null,
    version: SETTINGS_VERSION,
    migrations: SETTINGS_MIGRATIONS,
  });
}

type SettingsItem = ReturnType<typeof defineSettingsItem>;

/**
 * Runs before the item is defined (defining it starts @wxt-dev/storage's migration): that
 * library runs one step per version number between the stored one and ours, so
 * `settings$: {v: -5000000}` cost every frame of every page a 2–3 s task (−1e8: 141 s).
 * A version that is not a plausible one (see storedVersionProblem) is corrupt: the item
 * and its version are removed, which is the defaults; other keys are left alone.
 */
async function discardCorruptVersion(key: typeof SYNC_KEY | typeof LOCAL_KEY): Promise<void> {
  let meta: unknown;
  try {
    meta = await storage.getMeta(key);
  } catch {
    return; // Unreadable storage: the item's own reads warn and fall back.
  }
  const problem = storedVersionProblem(meta);
  if (!problem) return;
  console.warn(`[IOM Lens] ${key} has ${problem}: treated as corrupt, reset to the defaults (other keys untouched).`);
  try {
    await storage.removeItem(key, { removeMeta: true });
  } catch (error) {
    console.warn(`[IOM Lens] could not reset ${key}`, error);
  }
}

// Defined on first use, not on import: defining an item starts its migration, and a
// content script that never reads settings should cost nothing.
let items: Promise<{ sync: SettingsItem; local: SettingsItem }> | undefined;
function settingsItems() {
  items ??= Promise.all([discardCorruptVersion(SYNC_KEY), discardCorruptVersion(LOCAL_KEY)]).then(() => ({
    sync: defineSettingsItem(SYNC_KEY),
    local: defineSettingsItem(LOCAL_KEY),
  }));
  return items;
}

/**
 * The background's answer to a page whose settings need a repair or a migration first
 * (./page-settings.ts, message settings:repair): what each content script's own storage items
 * did before, done here so that no page carries the storage library. Fresh items each time,
 * so a value corrupted since this background defined its own is repaired too.
 */
export async function repairStoredSettings(): Promise<void> {
  await Promise.all([discardCorruptVersion(SYNC_KEY), discardCorruptVersion(LOCAL_KEY)]);
  // Defining an item starts its migration, which writes the migrated value back; a read waits for it.
  await Promise.all([defineSettingsItem(SYNC_KEY).getValue(), defineSettingsItem(LOCAL_KEY).getValue()]);
}

/** Reads one area; null when it holds nothing. Never throws for bad content. */
async function readArea(item: SettingsItem): Promise<StoredSettings | null> {
  const [raw, meta] = await Promise.all([item.getValue(), item.getMeta()]);
  return interpretArea(item.key, raw, meta);
}

/**
 * What the user changed, from whichever area holds the current copy. In the common case
 * (nothing stored, or a current value) it costs one storage read per area, both at once
 * (./snapshot.ts); defining the storage items costs eight, in four round trips. Anything
 * the items must first repair or migrate goes through them.
 */
export async function getStoredSettings(): Promise<StoredSettings> {
  return (await readSettledSettings()) ?? getStoredSettingsThroughItems();
}

async function getStoredSettingsThroughItems(): Promise<StoredSettings> {
  const { sync, local } = await settingsItems();
  try {
    const localValue = await readArea(local);
    if (localValue) return localValue;
  } catch (error) {
    console.warn('[IOM Lens] could not read local settings', error);
  }
  try {
    return (await readArea(sync)) ?? emptyStoredSettings();
  } catch (error) {
    console.warn('[IOM Lens] could not read synced settings; using the defaults', error);
    return emptyStoredSettings();
  }
}

/**
 * What was just written is the current version. Needed where a newer version's value (a
 * higher number) was replaced; checked first, because every sync write counts against
 * storage.sync's writes-per-minute quota.
 */
async function markCurrentVersion(item: SettingsItem): Promise<void> {
  if ((await item.getMeta() as { v?: unknown }).v !== SETTINGS_VERSION) await item.setMeta({ v: SETTINGS_VERSION });
}

async function writeStored(next: StoredSettings): Promise<void> {
  const { sync, local } = await settingsItems();
  try {
    if (syncItemBytes('settings', next) > SYNC_ITEM_BUDGET_BYTES) {
      throw new Error(`settings are ${syncItemBytes('settings', next)} bytes, over the sync budget`);
    }
    await sync.setValue(next);
    await local.removeValue();
    await markCurrentVersion(sync);
  } catch (error) {
    console.warn('[IOM Lens] could not save settings to sync storage; keeping them in local storage', error);
    await local.setValue(next);
    await markCurrentVersion(local);
  }
}

// Writes from one page are applied one after another, so two quick clicks never lose one.
let pendingWrite: Promise<unknown> = Promise.resolve();

/** Applies a pure update (from ./model) to the stored settings and saves the result. */
export function updateStoredSettings(update: (stored: StoredSettings) => StoredSettings): Promise<StoredSettings> {
  const run = pendingWrite.then(async () => {
    const next = update(await getStoredSettings());
    await writeStored(next);
    return next;
  });
  pendingWrite = run.catch(() => undefined);
  return run;
}

/** Replaces all settings (import). */
export function replaceStoredSettings(value: StoredSettings): Promise<StoredSettings> {
  return updateStoredSettings(() => value);
}

export function resetSettings(): Promise<StoredSettings> {
  return updateStoredSettings(() => emptyStoredSettings());
}

export async function getEffectiveSettings(host: string): Promise<EffectiveSettings> {
  return resolveEffectiveSettings(await getStoredSettings(), host);
}

export async function getGlobalSettings(): Promise<GlobalSettings> {
  return resolveGlobalSettings(await getStoredSettings());
}

export async function setSiteEnabled(host: string, enabled: boolean): Promise<void> {
  await updateStoredSettings((stored) => withSiteEnabled(stored, host, enabled));
}

export async function setGlobalEnabled(enabled: boolean): Promise<void> {
  await updateStoredSettings((stored) => withGlobalEnabled(stored, enabled));
}

/** Calls onChange with the stored settings after every change, until signal aborts (./snapshot.ts watchStored). */
export function watchStoredSettings(onChange: (stored: StoredSettings) => void, signal: AbortSignal): void {
  watchStored(getStoredSettings, onChange, signal);
}

/**
 * Calls onChange with the host's effective settings whenever they change (not for
 * changes that leave this host's settings as they were), until signal aborts. It does
 * not call onChange for the current value: read that with getEffectiveSettings, and pass
 * it as `current` to spare a second read of both storage areas.
 */
export function watchEffectiveSettings(
  host: string,
  onChange: (settings: EffectiveSettings) => void,
  signal: AbortSignal,
  current?: EffectiveSettings,
): void {
  watchEffective(getStoredSettings, host, onChange, signal, current);
}
