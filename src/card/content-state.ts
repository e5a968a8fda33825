import * as v from 'valibot';
import { CardContentSchema, type CardContent } from '../messaging/protocol';
import type { CardContentState } from './Card';

/**
 * What the card shows for the background's answer to `card:get`: the article part, or a
 * readable reason it could not be loaded. Pure, so every shape of answer is unit-tested.
 */
export function contentStateFromReply(reply: unknown): CardContentState {
  if (!reply || typeof reply !== 'object') return { state: 'error', message: 'the extension gave no answer' };
  const r = reply as Partial<CardContent> & { error?: unknown };
  if ('error' in r && r.error !== undefined) return { state: 'error', message: String(r.error) || 'unknown error' };
  const content = v.safeParse(CardContentSchema, reply);
  if (!content.success) return { state: 'error', message: 'the answer has no article section' };
  return { state: 'ready', content: content.output };
}

/** A failed sendMessage (no receiver, extension reloaded) as the card's error. */
export function contentStateFromFailure(error: unknown): CardContentState {
  return { state: 'error', message: error instanceof Error ? error.message : String(error) };
}
