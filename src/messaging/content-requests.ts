/**
 * The requests the content script answers (popup / background → content script, tabs.sendMessage,
 * top frame), and the one reader of them. Apart from ./protocol.ts, which declares every other
 * message (the card's content, the search's stored fields), because every page loads the content
 * script: only these schemas are built there.
 */
import * as v from 'valibot';
import { describeValue } from '../settings/model';

/** Entity ids are short slugs (data/entities.json); anything longer is not one. */
const MAX_ENTITY_ID_LENGTH = 100;
/** valibot quotes the values it refuses: a huge one must not make a huge console line. */
const MAX_LOGGED_REASON_CHARS = 300;

export const EntityId = v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_ENTITY_ID_LENGTH));

function buildContentRequestSchemas() {
  return [
    v.object({ type: v.literal('page:mentions') }),
    v.object({ type: v.literal('page:reveal'), entityId: EntityId }),
    v.object({ type: v.literal('page:jump'), direction: v.picklist(['next', 'previous']) }),
    /** The benchmark's and the tests' counters (src/page/gate.ts GateStats, PageController.stats), in the extension's own world. */
    v.object({ type: v.literal('page:stats'), fullPageCheck: v.optional(v.boolean()) }),
  ] as const;
}

let schemas: ReturnType<typeof buildContentRequestSchemas> | undefined;
let schema: v.VariantSchema<'type', ReturnType<typeof buildContentRequestSchemas>, undefined> | undefined;

/** The schema of each request; built when first needed, so a page no one sends a request to builds none. */
export function contentRequestSchemas(): ReturnType<typeof buildContentRequestSchemas> {
  return (schemas ??= buildContentRequestSchemas());
}
export type ContentRequest = v.InferOutput<ReturnType<typeof contentRequestSchemas>[number]>;

/** The messages the content script (or the PDF reader) answers: read on their own by the content script (readContentRequest). */
export function contentRequestSchema() {
  return (schema ??= v.variant('type', contentRequestSchemas()));
}

/**
 * Checks a value against a schema of the protocol. Refuses what does not pass with a logged
 * reason; never throws.
 */
export function readWith<T extends v.GenericSchema>(schema: T, raw: unknown, receiver: string): v.InferOutput<T> | undefined {
  const parsed = v.safeParse(schema, raw);
  if (parsed.success) return parsed.output;
  const type = (raw as { type?: unknown } | null)?.type;
  const reason = v.summarize(parsed.issues);
  const shown = reason.length > MAX_LOGGED_REASON_CHARS ? `${reason.slice(0, MAX_LOGGED_REASON_CHARS)}…` : reason;
  console.warn(`[IOM Lens] ${receiver} refused a message (type ${describeValue(type)}): ${shown}`);
  return undefined;
}

/** Reads a request to the content script as receive.ts readMessage reads any message. */
export function readContentRequest(raw: unknown, receiver: string): ContentRequest | undefined {
  return readWith(contentRequestSchema(), raw, receiver);
}
