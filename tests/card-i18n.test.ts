import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARD_FALLBACK_MESSAGES } from '../src/card/i18n';

const english = JSON.parse(readFileSync(new URL('../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<string, { message: string }>;

describe('card string fallbacks', () => {
  it('are the shipped English strings, key for key (the fallback is a copy that must not drift)', () => {
    const shipped = Object.fromEntries(Object.keys(CARD_FALLBACK_MESSAGES).map((key) => [key, english[key]?.message]));
    expect(shipped).toEqual(CARD_FALLBACK_MESSAGES);
  });

  it('cover every card string the English locale ships', () => {
    const cardKeys = Object.keys(english).filter((key) => key.startsWith('card'));
    expect(cardKeys.filter((key) => !(key in CARD_FALLBACK_MESSAGES))).toEqual([]);
  });
});
