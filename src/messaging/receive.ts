import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import { describeValue } from '../settings/model';
import { ContentRequestSchema, MessageSchema, type ContentRequest, type Message, type MessageType } from './protocol';

type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

type Sender = Browser.runtime.MessageSender;

/** valibot quotes the values it refuses: a huge one must not make a huge console line. */
const MAX_LOGGED_REASON_CHARS = 300;

/** One handler per message type a part answers: the reply (a promise), or undefined for none. */
export type MessageHandlers<T extends MessageType> = {
  [K in T]: (message: MessageOf<K>, sender: Sender) => Promise<unknown> | undefined;
};

/**
 * Checks one runtime message against the protocol (./protocol.ts). A valid message of a
 * type this part does not answer is another part's (runtime.sendMessage reaches every
 * extension page) and is left alone; an unknown or malformed one is refused with a logged
 * reason. Never throws.
 */
export function readMessage(raw: unknown, receiver: string): Message | undefined {
  return readWith(MessageSchema, raw, receiver);
}

/**
 * Reads a request to the content script as readMessage reads any message. Only these schemas
 * go into the content script, which every page loads (the rest of the protocol is the card's,
 * the search's and the background's).
 */
export function readContentRequest(raw: unknown, receiver: string): ContentRequest | undefined {
  return readWith(ContentRequestSchema, raw, receiver);
}

function readWith<T extends v.GenericSchema>(schema: T, raw: unknown, receiver: string): v.InferOutput<T> | undefined {
  const parsed = v.safeParse(schema, raw);
  if (parsed.success) return parsed.output;
  const type = (raw as { type?: unknown } | null)?.type;
  const reason = v.summarize(parsed.issues);
  const shown = reason.length > MAX_LOGGED_REASON_CHARS ? `${reason.slice(0, MAX_LOGGED_REASON_CHARS)}…` : reason;
  console.warn(`[IOM Lens] ${receiver} refused a message (type ${describeValue(type)}): ${shown}`);
  return undefined;
}

/**
 * The one runtime.onMessage listener of a part: reads each message with readMessage and
 * passes it to the handler for its type.
 */
export function messageListener<T extends MessageType>(
  receiver: string,
  handlers: MessageHandlers<T>,
): (raw: unknown, sender: Sender) => Promise<unknown> | undefined {
  return (raw, sender) => {
    const message = readMessage(raw, receiver);
    if (!message || !Object.hasOwn(handlers, message.type)) return undefined;
    const handler = handlers[message.type as T] as (message: Message, sender: Sender) => Promise<unknown> | undefined;
    return handler(message, sender);
  };
}
