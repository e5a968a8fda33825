// WXT's fake browser has no i18n: give the Node tests the English messages the way the
// browser reads them (public/_locales/en/messages.json, named placeholders → $1…$9).
import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const english = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Messages;

fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | (string | number)[]) => {
  const entry = english[name];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : [substitutions].flat().map(String);
  return entry.message
    .replace(/\$([A-Za-z0-9_]+)\$/g, (whole, placeholder: string) => entry.placeholders?.[placeholder.toLowerCase()]?.content ?? whole)
    .replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '')
    .replace(/\$\$/g, '$');
};
fakeBrowser.i18n.getUILanguage = () => 'en';
