import type { EntityKind } from '../entities/types';
import type { InfoboxFact, Citation, Reference } from '../article/types';
import type { SinceArticleFact } from '../search/since-article';

/**
 * Messages between the extension's parts. Every message is a plain object with a
 * `type`; the receiver validates it (a page can't reach runtime messaging, but a
 * stale content script from a previous version can).
 */

/** What a hover card shows beyond the locally known name/kind/reason. */
export interface CardContent {
  entityId: string;
  /** Heading path of the section the card draws on, e.g. "Activities › Counter Trafficking". */
  sectionPath: string;
  sectionId: string;
  /** First sentences of the section: a short summary. */
  summary: string;
  /** The whole section, paragraph by paragraph, for the expander. */
  paragraphs: { text: string; citations: Citation[]; cutOff?: boolean }[];
  references: Reference[];
  facts: InfoboxFact[];
  /** "From World Heritage Encyclopedia (2014), CC BY-SA 3.0" */
  attribution: string;
  licenceUrl: string;
  /** Dated, sourced facts from after the article about this entity (data/since-2014.json), shown apart and labelled. */
  since?: SinceArticleFact[];
}

export interface PageMentionGroup {
  entityId: string;
  name: string;
  kind: EntityKind;
  count: number;
}

/** content script / popup → background */
export type BackgroundRequest =
  | { type: 'card:get'; entityId: string }
  | { type: 'mentions:count'; count: number }
  | { type: 'search:open'; query: string }
  /** The content script found a candidate: inject the page pipeline into its frame (src/background/pipeline-loader.ts). */
  | { type: 'page:load-pipeline' };

/** popup / background → content script (tabs.sendMessage, top frame) */
export type ContentRequest =
  | { type: 'page:mentions' }
  | { type: 'page:reveal'; entityId: string }
  | { type: 'page:jump'; direction: 'next' | 'previous' }
  /** The benchmark's and the tests' counters (src/page/gate.ts GateStats, PageController.stats), in the extension's own world. */
  | { type: 'page:stats'; fullPageCheck?: boolean };

/**
 * popup / background → the PDF reader showing tab `tabId` (runtime.sendMessage: the reader
 * is an extension page, in a frame of its own, so tabs.sendMessage to the top frame reaches
 * the content script of the page around it instead).
 */
export interface ReaderRequest {
  type: 'reader:page';
  tabId: number;
  request: ContentRequest;
}

export interface PageMentionsResponse {
  host: string;
  enabled: boolean;
  groups: PageMentionGroup[];
}
