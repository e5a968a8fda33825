/**
 * The requests the content script answers (popup / background → content script, tabs.sendMessage,
 * top frame), and the one reader of them. Apart from ./protocol.ts, which declares every other
 * message (the card's content, the search's stored fields), because every page loads the content
 * script. The content script reads its requests with a few plain checks (readContentRequest), not
 * with the schemas below, so that no page builds a schema or loads the schema library; the schemas
 * declare the same requests for ./protocol.ts, and tests/content-requests.test.ts holds the two to agreeing.
 */
import * as v from 'valibot';
import { describeValue } from '../settings/model';

/** Entity ids are short slugs (data/entities.json); anything longer is not one. */
const MAX_ENTITY_ID_LENGTH = 100;
/** valibot quotes the values it refuses: a huge one must not make a huge console line. */
const MAX_LOGGED_REASON_CHARS = 300;

// Pure: a bundle that never uses it (the content script's) drops it, and with it the schema library.
export const EntityId = /* @__PURE__ */ v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_ENTITY_ID_LENGTH));
const JUMP_DIRECTIONS = ['next', 'previous'] as const;

function buildContentRequestSchemas() {
  return [
    v.object({ type: v.literal('page:mentions') }),
    v.object({ type: v.literal('page:reveal'), entityId: EntityId }),
    v.object({ type: v.literal('page:jump'), direction: v.picklist(JUMP_DIRECTIONS) }),
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

/** What a field of a request must be, checked by hand: the same rule as the schema's. */
const isEntityId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ENTITY_ID_LENGTH;

/** The request as the schema would output it (only its declared keys), or why it is refused. */
function checkContentRequest(raw: unknown): ContentRequest | string {
  if (typeof raw !== 'object' || raw === null) return 'not an object';
  const request = raw as Record<string, unknown>;
  switch (request.type) {
    case 'page:mentions':
      return { type: 'page:mentions' };
    case 'page:reveal':
      return isEntityId(request.entityId) ? { type: 'page:reveal', entityId: request.entityId } : `entityId ${describeValue(request.entityId)} is no entity id`;
    case 'page:jump':
      return (JUMP_DIRECTIONS as readonly unknown[]).includes(request.direction)
        ? { type: 'page:jump', direction: request.direction as (typeof JUMP_DIRECTIONS)[number] }
        : `direction ${describeValue(request.direction)} is neither next nor previous`;
    case 'page:stats':
      if (!('fullPageCheck' in request)) return { type: 'page:stats' };
      return request.fullPageCheck === undefined || typeof request.fullPageCheck === 'boolean'
        ? { type: 'page:stats', fullPageCheck: request.fullPageCheck }
        : `fullPageCheck ${describeValue(request.fullPageCheck)} is not true or false`;
    default:
      return 'no request of the content script';
  }
}

/** Reads a request to the content script as receive.ts readMessage reads any message: refused with a logged reason, never throws. */
export function readContentRequest(raw: unknown, receiver: string): ContentRequest | undefined {
  const checked = checkContentRequest(raw);
  if (typeof checked !== 'string') return checked;
  console.warn(`[IOM Lens] ${receiver} refused a message (type ${describeValue((raw as { type?: unknown } | null)?.type)}): ${checked}`);
  return undefined;
}
