/**
 * The settings as every page's content script reads them: one storage read per area
 * (./snapshot.ts), without @wxt-dev/storage, which was a seventh of the script every page
 * parses. When an area needs a repair (a corrupt version) or a migration (an older version),
 * the script asks the background to do it (settings:repair, ./store.ts repairStoredSettings),
 * as its own storage items did before, and reads again.
 */
import { browser } from 'wxt/browser';
import type { BackgroundRequest } from '../messaging/protocol';
import { resolveEffectiveSettings, type StoredSettings } from './model';
import { readSettledSettings, watchEffective } from './snapshot';
import type { EffectiveSettings } from './types';

async function readForPage(): Promise<StoredSettings> {
  const settled = await readSettledSettings();
  if (settled) return settled;
  try {
    await browser.runtime.sendMessage({ type: 'settings:repair' } satisfies BackgroundRequest);
  } catch (error) {
    console.warn('[IOM Lens] the background could not repair the settings; reading them as they are', error);
  }
  return (await readSettledSettings(true))!;
}

export async function getEffectiveSettings(host: string): Promise<EffectiveSettings> {
  return resolveEffectiveSettings(await readForPage(), host);
}

/** As ./store.ts watchEffectiveSettings, reading as above. */
export function watchEffectiveSettings(host: string, onChange: (settings: EffectiveSettings) => void, signal: AbortSignal, current?: EffectiveSettings): void {
  watchEffective(readForPage, host, onChange, signal, current);
}
