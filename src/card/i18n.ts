import { browser } from 'wxt/browser';

/**
 * English fallbacks for the card's strings, used when a message is missing (a stale
 * locale file) so the card is never blank. The shipped strings live in
 * public/_locales/{en,fr,es}/messages.json under the same keys.
 */
export const CARD_FALLBACK_MESSAGES: Readonly<Record<string, string>> = {
  cardKindOrg: 'Organization',
  cardKindFormerName: 'Former name',
  cardKindProgramme: 'Programme area',
  cardKindCampaign: 'Campaign',
  cardKindPerson: 'Person',
  cardMatched: 'Matched “$1”',
  cardEraFormerName: '$1 — name of IOM $2–$3',
  cardEraPerson: 'Director General of IOM, $1–$2',
  cardEraPersonSince: 'Director General of IOM since $1',
  cardLoading: 'Loading from the article…',
  cardError: 'The article could not be loaded: $1',
  cardKeyFacts: 'Key facts',
  cardAsOf: 'as of $1',
  cardFullSection: 'Full section: $1',
  cardSearch: 'Search the article for “$1”',
  cardClose: 'Close',
  cardCutOff: '(the source text breaks off here)',
  cardSinceArticle: 'Since the article (after 2014)',
  cardSinceSource: 'Source: $1',
};

export function t(key: string, substitutions?: (string | number)[]): string {
  const subs = substitutions?.map(String);
  let message = '';
  try {
    message = (browser.i18n.getMessage as (name: string, subs?: string[]) => string)(key, subs);
  } catch {
    message = '';
  }
  if (message) return message;
  const fallback = CARD_FALLBACK_MESSAGES[key] ?? key;
  return fallback.replace(/\$(\d)/g, (_, n: string) => subs?.[Number(n) - 1] ?? '');
}
