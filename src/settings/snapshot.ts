/**
 * The settings as one storage read per area returns them, without `@wxt-dev/storage`: what
 * every page's content script needs (./page-settings.ts), and the fast path of ./store.ts.
 * In the common case (nothing stored, or a value of the current version) that read is all a
 * reader needs; a value the storage library must first repair or migrate is left to it
 * (./store.ts), and this module says so by returning null.
 */
import { browser } from 'wxt/browser';
import {
  emptyStoredSettings,
  parseStoredSettings,
  resolveEffectiveSettings,
  SETTINGS_VERSION,
  storedVersionProblem,
  type StoredSettings,
} from './model';
import type { EffectiveSettings } from './types';

const SYNC_KEY = 'sync:settings';
const LOCAL_KEY = 'local:settings';
/** The keys @wxt-dev/storage keeps an item and its metadata (`{v: version}`) under, in each area. */
const VALUE_KEY = 'settings';
const META_KEY = 'settings$';

/** What an area's value and metadata mean; null when it holds nothing. */
export function interpretArea(key: string, raw: unknown, meta: unknown): StoredSettings | null {
  if (raw === null || raw === undefined) return null;
  const version = (meta as { v?: unknown } | null | undefined)?.v;
  if (typeof version === 'number' && version > SETTINGS_VERSION) {
    console.warn(
      `[IOM Lens] ${key} was written by a newer version (v${version}; this one reads v${SETTINGS_VERSION}): using the defaults.`,
    );
    return emptyStoredSettings();
  }
  const { value, warnings } = parseStoredSettings(raw);
  if (warnings.length) console.warn(`[IOM Lens] ${key}: ignored invalid settings, using defaults for them:`, warnings);
  return value;
}

/** One area as one storage read returned it, or the error that read threw. */
type AreaSnapshot = { raw: unknown; meta: unknown } | { error: unknown };

async function snapshotArea(area: 'local' | 'sync'): Promise<AreaSnapshot> {
  try {
    const got = await browser.storage[area].get([VALUE_KEY, META_KEY]);
    return { raw: got[VALUE_KEY] ?? null, meta: got[META_KEY] };
  } catch (error) {
    return { error };
  }
}

/**
 * Whether the storage library would leave this area as it is: no corrupt version to discard
 * (./store.ts discardCorruptVersion), no migration to run (a value of the current version, or none).
 */
function isSettled(snapshot: AreaSnapshot): boolean {
  if ('error' in snapshot) return true;
  if (storedVersionProblem(snapshot.meta) !== null) return false;
  return snapshot.raw === null || (snapshot.meta as { v?: unknown } | null | undefined)?.v === SETTINGS_VERSION;
}

/**
 * What the user changed, from whichever area holds the current copy (a local copy wins: it is
 * newer than what sync holds), in one storage read per area, both at once; null when an area
 * needs a repair or a migration first (./store.ts does those), unless `asIs` (a value written
 * by a newer version stays unsettled after a repair, and reads as the defaults).
 */
export async function readSettledSettings(asIs = false): Promise<StoredSettings | null> {
  const [local, sync] = await Promise.all([snapshotArea('local'), snapshotArea('sync')]);
  if (!asIs && (!isSettled(local) || !isSettled(sync))) return null;
  if ('error' in local) console.warn('[IOM Lens] could not read local settings', local.error);
  else {
    const localValue = interpretArea(LOCAL_KEY, local.raw, local.meta);
    if (localValue) return localValue;
  }
  if ('error' in sync) {
    console.warn('[IOM Lens] could not read synced settings; using the defaults', sync.error);
    return emptyStoredSettings();
  }
  return interpretArea(SYNC_KEY, sync.raw, sync.meta) ?? emptyStoredSettings();
}

/**
 * Calls onChange with the stored settings (read with `read`) after every change, until signal
 * aborts. Listens to storage.onChanged itself (as the items' watch does, per area) so that
 * watching defines no storage item.
 */
export function watchStored(read: () => Promise<StoredSettings>, onChange: (stored: StoredSettings) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const reread = () => {
    read().then((stored) => {
      if (!signal.aborted) onChange(stored);
    });
  };
  const listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
    if (area !== 'sync' && area !== 'local') return;
    const change = changes[VALUE_KEY];
    // A write of the same value is no change (the items' watch compares the same way).
    if (change && JSON.stringify(change.newValue ?? null) !== JSON.stringify(change.oldValue ?? null)) reread();
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}

/**
 * Calls onChange with the host's effective settings whenever they change (not for changes
 * that leave this host's settings as they were), until signal aborts; not for the current
 * value, which `current` gives (or a read with `read`).
 */
export function watchEffective(
  read: () => Promise<StoredSettings>,
  host: string,
  onChange: (settings: EffectiveSettings) => void,
  signal: AbortSignal,
  current?: EffectiveSettings,
): void {
  let last: string | undefined;
  const baseline = (current ? Promise.resolve(current) : read().then((stored) => resolveEffectiveSettings(stored, host))).then((s) => {
    last ??= JSON.stringify(s);
  });
  watchStored(
    read,
    (stored) => {
      const settings = resolveEffectiveSettings(stored, host);
      const key = JSON.stringify(settings);
      baseline.then(() => {
        if (key === last || signal.aborted) return;
        last = key;
        onChange(settings);
      });
    },
    signal,
  );
}
