import { browser, type PublicPath } from 'wxt/browser';
import { getEntity } from '../entities/registry';
import { loadArticleIndex } from '../search/search';
import { cardContentFor } from '../search/card-content';
import type { CardContent } from '../messaging/protocol';

type ArticleIndex = ReturnType<typeof loadArticleIndex>;

/** Emitted by the build (wxt.config.ts hook), so it is not in WXT's generated list of public files. */
const SEARCH_INDEX_PATH = '/search-index.json' as PublicPath;

let indexPromise: Promise<ArticleIndex> | null = null;

/**
 * The bundled search index, read once per service-worker start. Started when the
 * worker starts (not on the first card), so the first card on a page does not wait
 * for it; a failed read is retried on the next request.
 */
function articleIndex(): Promise<ArticleIndex> {
  indexPromise ??= fetch(browser.runtime.getURL(SEARCH_INDEX_PATH))
    .then((response) => {
      if (!response.ok) throw new Error(`search-index.json: HTTP ${response.status}`);
      return response.text();
    })
    .then((json) => loadArticleIndex(json))
    .catch((error: unknown) => {
      indexPromise = null;
      throw error;
    });
  return indexPromise;
}

/** The card's article part for an entity, or a readable error. */
async function cardContent(entityId: string): Promise<CardContent | { error: string }> {
  const entity = getEntity(entityId);
  if (!entity) return { error: `unknown entity "${entityId}"` };
  try {
    const index = await articleIndex();
    return cardContentFor(index, entity.section, entity.id);
  } catch (error) {
    console.error('[IOM Lens] card content failed:', error);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Answers `{type: 'card:get', entityId}` from content scripts with CardContent (or `{error}`). */
export function answerCardRequest(message: { entityId: string }): Promise<CardContent | { error: string }> {
  return cardContent(message.entityId);
}

/** Starts reading the index when the service worker starts, so the first card does not wait for it. */
export function preloadArticleIndex(): void {
  articleIndex().catch((error: unknown) => console.error('[IOM Lens] could not load the search index:', error));
}
