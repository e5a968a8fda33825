import { browser } from 'wxt/browser';

/**
 * Every UI string lives once, in public/_locales/{en,fr,es}/messages.json; English is the
 * manifest's default_locale, so browser.i18n shows it for a message a translation lacks.
 * Every key of the English file, so a typo in a key is a type error.
 */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/**
 * The UI string for `key` in the browser's language. A key with no message (or a content
 * script whose extension was reloaded, where the API may throw) shows the key itself, so
 * it is seen and fixed.
 */
export function t(key: MessageKey, substitutions?: string | number | (string | number)[]): string {
  const subs = substitutions === undefined ? undefined : [substitutions].flat().map(String);
  try {
    return browser.i18n.getMessage(key, subs) || key;
  } catch {
    return key;
  }
}

/** The language the UI is shown in, for <html lang>. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** Message names allow no hyphen: "first-per-entity" → "first_per_entity". */
type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S;

/** The message of one value of a setting or code, `${prefix}_${value}`; a type error unless every value has one. */
export type OptionKey<P extends string, V extends string> = `${P}_${Underscored<V>}`;

/** The message for one value of a setting, e.g. tOption('optionsDensity', 'first-per-entity'). */
export function tOption<P extends string, V extends string>(prefix: P, value: V & (OptionKey<P, V> extends MessageKey ? V : never)): string {
  return t(`${prefix}_${value.replace(/-/g, '_')}` as MessageKey);
}
