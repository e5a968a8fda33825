import MiniSearch from 'minisearch';
import { articleDocuments } from './documents';
import { MINISEARCH_OPTIONS, type SearchDocument } from './options';

/** The article index, built from data/article.json with the shared options. */
export function buildArticleIndex(): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS);
  index.addAll(articleDocuments());
  return index;
}

/**
 * The index as JSON, written to search-index.json by the build hook in wxt.config.ts and
 * loaded with loadArticleIndex (src/search/search.ts). Generated on every build from
 * data/, so it is never stale and nothing generated is committed.
 */
export function buildSerializedIndex(): string {
  return JSON.stringify(buildArticleIndex());
}
