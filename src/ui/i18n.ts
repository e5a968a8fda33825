import { browser } from 'wxt/browser';

/** Every key of the English messages file: a typo in a key is a type error. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/**
 * The UI string for `key` in the browser's language (browser.i18n picks the locale
 * and falls back to English). A missing key shows the key itself, so it is seen and fixed.
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The language the UI is shown in, for <html lang>. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage?.() || 'en';
}

/** The message for one value of a setting, e.g. tOption('optionsDensity', 'first-per-entity'): message names allow no hyphen. */
export function tOption(prefix: string, value: string, substitutions?: string | string[]): string {
  return t(`${prefix}_${value.replace(/-/g, '_')}` as MessageKey, substitutions);
}
