import { browser } from 'wxt/browser';
import { getEffectiveSettings, getGlobalSettings, setGlobalEnabled, setSiteEnabled } from '../settings/store';

export const TOGGLE_SITE_COMMAND = 'toggle-site';

/** The host of a web page's URL; undefined for pages IOM Lens does not run on (chrome://, about:). */
export function siteHostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}

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
    const host = siteHostOf(target?.url);
    if (host) await toggleSite(host);
  });
}
