import { browser } from 'wxt/browser';
import { pageHostOf } from '../settings/model';
import { getEffectiveSettings, getGlobalSettings, setGlobalEnabled, setSiteEnabled } from '../settings/store';

const TOGGLE_SITE_COMMAND = 'toggle-site';

/**
 * Flips what the user sees on the tab's site: highlighted → off for the site;
 * not highlighted → on (turning the global switch back on if that was what kept it off).
 */
export async function toggleSite(host: string): Promise<boolean> {
  const enabledNow = (await getEffectiveSettings(host)).enabled;
  if (enabledNow) {
    await setSiteEnabled(host, false);
    return false;
  }
  if (!(await getGlobalSettings()).enabled) await setGlobalEnabled(true);
  await setSiteEnabled(host, true);
  return true;
}

/** The "toggle-site" keyboard command. Invoking a command grants activeTab, so the tab's URL is readable. */
export function registerSiteToggleCommand(): void {
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== TOGGLE_SITE_COMMAND) return;
    const target = tab?.url ? tab : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    const host = pageHostOf(target?.url);
    if (host) await toggleSite(host);
  });
}
