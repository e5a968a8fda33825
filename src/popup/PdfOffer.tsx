import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { updateGlobal } from '../settings/model';
import { getGlobalSettings, updateStoredSettings } from '../settings/store';
import { askReader } from '../pdf/reader-messaging';
import { looksLikePdfUrl, readerPathFor } from '../pdf/source';
import { t } from '../ui/i18n';
import type { TargetTab } from './target-tab';

type Offer = 'none' | 'turn-on' | 'open';

/**
 * On a PDF tab that IOM Lens's reader does not show (the browser's own viewer, which no
 * extension can read), says so and offers the reader: in Chrome by turning the PDF setting
 * on (or, when it is on, by loading the tab again so the handler takes it); in Firefox,
 * which has no handler API, by loading the same URL in the reader.
 */
export function PdfOffer({ tab }: { tab: TargetTab | null | undefined }) {
  const [offer, setOffer] = useState<Offer>('none');
  useEffect(() => {
    if (!tab || !looksLikePdfUrl(tab.url)) return;
    void askReader(tab.id, { type: 'page:mentions' }).then(async (reply) => {
      if (reply) return; // the reader shows it: the usual list applies
      const settings = await getGlobalSettings();
      setOffer(import.meta.env.BROWSER !== 'firefox' && !settings.pdfReader ? 'turn-on' : 'open');
    });
  }, [tab]);
  if (offer === 'none' || !tab?.url) return null;
  const url = tab.url;
  const onClick = async () => {
    if (offer === 'turn-on') await updateStoredSettings((stored) => updateGlobal(stored, { pdfReader: true }));
    if (import.meta.env.BROWSER === 'firefox') await browser.tabs.update(tab.id, { url: browser.runtime.getURL(readerPathFor(url) as '/pdf-reader.html') });
    else await browser.tabs.reload(tab.id);
    window.close();
  };
  return (
    <section class="pdf-offer" aria-labelledby="pdf-offer-note">
      <p id="pdf-offer-note" class="muted small">
        {offer === 'turn-on' ? t('popupPdfReaderOff') : t('popupPdfNote')}
      </p>
      <button type="button" data-testid="pdf-offer" onClick={onClick}>
        {offer === 'turn-on' ? t('popupPdfTurnOn') : t('popupPdfOpenHere')}
      </button>
    </section>
  );
}
