import type { Browser } from 'wxt/browser';
import { readWith } from './content-requests';
import { MessageSchema, type Message, type MessageType } from './protocol';

type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

type Sender = Browser.runtime.MessageSender;

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
