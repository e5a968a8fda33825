import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { article } from '../article';
import type { PageMentionsResponse } from '../messaging/protocol';
import { isSiteEnabled, normalizeHost, pageHostOf, resolveGlobalSettings, setGlobalEnabled, setSiteEnabled, type StoredSettings } from '../settings/model';
import { getStoredSettings, updateStoredSettings, watchStoredSettings } from '../settings/store';
import { t } from '../ui/i18n';
import { Switch } from '../ui/Switch';
import { applyTheme } from '../ui/theme';
import { OnThisPage } from './OnThisPage';
import { PdfOffer } from './PdfOffer';
import { SearchPanel } from './SearchPanel';
import { findTargetTab, requestPageMentions, revealOnPage, type TargetTab } from './target-tab';

/** After the site switch changes, ask the page again once its content script has re-scanned. */
const MENTIONS_REFRESH_DELAY_MS = 400;

export function Popup() {
  const params = new URLSearchParams(location.search);
  const [stored, setStored] = useState<StoredSettings | undefined>();
  const [tab, setTab] = useState<TargetTab | undefined | null>();
  const [mentions, setMentions] = useState<PageMentionsResponse | null | undefined>();
  // The popup page also opens in a tab (context menu, card search): there it must not close itself.
  const [inTab, setInTab] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getStoredSettings().then(setStored);
    watchStoredSettings(setStored, controller.signal);
    browser.tabs.getCurrent().then((current) => setInTab(current !== undefined), () => undefined);
    findTargetTab().then(async (found) => {
      setTab(found ?? null);
      setMentions(found ? ((await requestPageMentions(found.id)) ?? null) : null);
    });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (stored) applyTheme(resolveGlobalSettings(stored).theme);
  }, [stored]);

  // The content script knows its own host even when the popup may not read the tab's URL.
  const host = pageHostOf(tab?.url) ?? (mentions?.host ? normalizeHost(mentions.host) : undefined);
  const globalEnabled = stored ? resolveGlobalSettings(stored).enabled : true;
  const siteEnabled = stored && host ? isSiteEnabled(stored, host) : true;

  const refreshMentions = () => {
    if (!tab) return;
    setTimeout(async () => setMentions((await requestPageMentions(tab.id)) ?? null), MENTIONS_REFRESH_DELAY_MS);
  };

  const onSiteChange = async (enabled: boolean) => {
    if (!host) return;
    setStored(await updateStoredSettings((s) => setSiteEnabled(s, host, enabled)));
    refreshMentions();
  };
  const onGlobalChange = async (enabled: boolean) => {
    setStored(await updateStoredSettings((s) => setGlobalEnabled(s, enabled)));
    refreshMentions();
  };
  const onReveal = async (entityId: string) => {
    if (!tab) return;
    await revealOnPage(tab.id, entityId).catch((error) => console.warn('[IOM Lens] reveal failed', error));
    // The toolbar popup closes so the page is seen; opened in a tab, it brings the page's tab forward.
    if (inTab) await browser.tabs.update(tab.id, { active: true }).catch(() => undefined);
    else window.close();
  };

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>{t('popupTitle')}</h1>
        <Switch label={t('popupGlobalSwitch')} checked={globalEnabled} onChange={onGlobalChange} testId="global-switch" />
      </header>
      <div class={host ? 'site-switch' : 'site-switch none'}>
        {host ? (
          <>
            <Switch
              label={t('popupSiteSwitch', host)}
              checked={siteEnabled && globalEnabled}
              disabled={!globalEnabled}
              onChange={onSiteChange}
              describedBy={globalEnabled ? undefined : 'site-switch-note'}
              testId="site-switch"
            />
            {!globalEnabled && (
              <p id="site-switch-note" class="muted small">
                {t('popupSiteSwitchGlobalOff')}
              </p>
            )}
          </>
        ) : (
          tab !== undefined && <p class="muted small">{t('popupNoSite')}</p>
        )}
      </div>
      <PdfOffer tab={tab} />
      <SearchPanel initialQuery={params.get('q') ?? ''} onDismiss={() => (inTab ? undefined : window.close())}>
        <OnThisPage mentions={mentions} onReveal={onReveal} />
      </SearchPanel>
      <footer class="popup-footer">
        <p class="small muted">
          <a href={article.attribution.licenceUrl} target="_blank" rel="noreferrer">
            {t('popupAttribution')}
          </a>
          {' · '}
          {t('popupUnofficial')}
        </p>
        <button type="button" class="link" onClick={() => browser.runtime.openOptionsPage()}>
          {t('popupOptions')}
        </button>
      </footer>
    </main>
  );
}
