/**
 * Every runtime message between the extension's parts, declared once as a valibot schema;
 * the TypeScript types are inferred from it. Senders build values of these types, and every
 * receiver reads what arrives with `readMessage` (./receive.ts), which refuses unknown and
 * malformed messages with a logged reason. Only runtime messaging is used (runtime and tabs
 * sendMessage): a page cannot reach it, but a stale content script from a previous version,
 * another part's message (runtime.sendMessage reaches every extension page) or a bug can.
 */
import * as v from 'valibot';
import { ENTITY_KINDS } from '../entities/types';
import { PROGRAMME_POLICIES } from '../settings/types';
import { SinceFactSchema, StoredCardSchema } from '../search/schemas';
import { contentRequestSchema, contentRequestSchemas, EntityId } from './content-requests';

export type { ContentRequest } from './content-requests';
/** A selection can be a whole page; the search opener keeps the first 200 characters (MAX_QUERY_LENGTH), this only bounds what is read. */
const MAX_QUERY_MESSAGE_LENGTH = 100_000;

const storedCard = StoredCardSchema.entries;

/** What a hover card shows beyond the locally known name/kind/reason (the background's answer to card:get). */
export const CardContentSchema = v.object({
  entityId: EntityId,
  /** Heading path of the section the card draws on, e.g. "Activities › Counter Trafficking". */
  sectionPath: v.string(),
  sectionId: v.string(),
  /** First sentences of the section: a short summary. */
  summary: v.string(),
  /** The whole section, paragraph by paragraph, for the expander. */
  paragraphs: v.array(v.object({ text: v.string(), citations: storedCard.paragraphs.item.entries.citations, cutOff: v.optional(v.boolean()) })),
  references: storedCard.references,
  facts: v.array(storedCard.facts.wrapped.item),
  /** "From World Heritage Encyclopedia (2014), CC BY-SA 3.0" */
  attribution: v.string(),
  licenceUrl: v.string(),
  /** Dated, sourced facts from after the article about this entity (data/since-2014.json), shown apart and labelled. */
  since: v.optional(v.array(SinceFactSchema)),
});
export type CardContent = v.InferOutput<typeof CardContentSchema>;

const PageMentionGroupSchema = v.object({
  entityId: EntityId,
  name: v.string(),
  kind: v.picklist(ENTITY_KINDS),
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type PageMentionGroup = v.InferOutput<typeof PageMentionGroupSchema>;

/** The top frame's answer to page:mentions. */
export const PageMentionsResponseSchema = v.object({
  host: v.string(),
  enabled: v.boolean(),
  groups: v.array(PageMentionGroupSchema),
});
export type PageMentionsResponse = v.InferOutput<typeof PageMentionsResponseSchema>;

/**
 * The most text of a page the pipeline hands to the background's detector (page:detect): a
 * message is serialized in one task of the page's main thread (JSON.stringify of such a request,
 * a block start every 60 characters: 4.1–5.2 ms for 1,000,000 characters in Node here; the
 * browser's own serialization and copy cost more, see README Known limits on sending a page's
 * whole text). A page with more candidate text (the bench's 20 MiB page has about 10 million
 * characters) is read by the pipeline's own detector, chunk by chunk, as before.
 */
export const BACKGROUND_DETECT_MAX_CHARS = 1_000_000;

const Offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(BACKGROUND_DETECT_MAX_CHARS));
/** A block start follows a separator and a character at least (src/page/text-model.ts BLOCK_SEPARATOR): no more of them fit. */
const MAX_BLOCK_STARTS = BACKGROUND_DETECT_MAX_CHARS / 4;
const Offsets = v.pipe(v.array(Offset), v.maxLength(MAX_BLOCK_STARTS));

/** The candidate blocks' joined text (src/page/text-model.ts) and how it is cut into blocks and groups. */
const DetectRequestSchema = v.object({
  type: v.literal('page:detect'),
  text: v.pipe(v.string(), v.maxLength(BACKGROUND_DETECT_MAX_CHARS)),
  /** Offsets where a block starts (a separator before each), in order. */
  blockStarts: Offsets,
  /** The block starts that also start a group (SegmentedText.startGroup), in order. */
  groupStarts: Offsets,
  programmePolicy: v.picklist(PROGRAMME_POLICIES),
  kinds: v.pipe(v.array(v.picklist(ENTITY_KINDS)), v.maxLength(ENTITY_KINDS.length)),
});
export type DetectRequest = v.InferOutput<typeof DetectRequestSchema>;

const MentionSchema = v.object({
  start: Offset,
  end: Offset,
  surface: v.string(),
  entityId: EntityId,
  kind: v.picklist(ENTITY_KINDS),
  reason: v.string(),
});

/** The background's answer to page:detect: the mentions (offsets in the text sent) and how the detector read it. */
export const DetectReplySchema = v.object({
  mentions: v.array(MentionSchema),
  /** Chunks read, the largest (characters) and the slowest (ms), and the detector's time in all (src/page/scan-stats.ts). */
  chunks: v.pipe(v.number(), v.integer(), v.minValue(0)),
  largestChunk: v.pipe(v.number(), v.integer(), v.minValue(0)),
  slowestChunkMs: v.pipe(v.number(), v.minValue(0)),
  detectMs: v.pipe(v.number(), v.minValue(0)),
});
export type DetectReply = v.InferOutput<typeof DetectReplySchema>;

/** content script / popup → background */
const BackgroundRequestSchemas = [
  v.object({ type: v.literal('card:get'), entityId: EntityId }),
  v.object({ type: v.literal('mentions:count'), count: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  v.object({ type: v.literal('search:open'), query: v.pipe(v.string(), v.maxLength(MAX_QUERY_MESSAGE_LENGTH)) }),
  /** The content script found a candidate: inject the page pipeline into its frame (src/background/pipeline-loader.ts). */
  v.object({ type: v.literal('page:load-pipeline') }),
  /** The page pipeline's candidate text, for the background's detector (src/background/detect-service.ts). */
  DetectRequestSchema,
  /** A content script found its settings in need of a repair or a migration (src/settings/page-settings.ts). */
  v.object({ type: v.literal('settings:repair') }),
] as const;
export type BackgroundRequest = v.InferOutput<(typeof BackgroundRequestSchemas)[number]>;

/** popup / background → content script (tabs.sendMessage, top frame): ./content-requests.ts. */

/**
 * popup / background → the PDF reader showing tab `tabId` (runtime.sendMessage: the reader
 * is an extension page, in a frame of its own, so tabs.sendMessage to the top frame reaches
 * the content script of the page around it instead).
 */
const ReaderRequestSchema = v.object({
  type: v.literal('reader:page'),
  tabId: v.pipe(v.number(), v.integer(), v.minValue(0)),
  request: contentRequestSchema(),
});
export type ReaderRequest = v.InferOutput<typeof ReaderRequestSchema>;

/** Every message of the protocol, told apart by `type`. */
export const MessageSchema = v.variant('type', [...BackgroundRequestSchemas, ...contentRequestSchemas(), ReaderRequestSchema]);
export type Message = v.InferOutput<typeof MessageSchema>;
export type MessageType = Message['type'];
