import { browser, type PublicPath } from 'wxt/browser';
import { loadArticleIndex, type ArticleIndex } from '../search/search';

/** Emitted by the build (wxt.config.ts hook), so it is not in WXT's generated list of public files. */
const SEARCH_INDEX_PATH = '/search-index.json' as PublicPath;

let loading: Promise<ArticleIndex> | undefined;

/** The article's search index, bundled with the extension, loaded once per page; a failed load is retried next time. */
export function articleIndex(): Promise<ArticleIndex> {
  loading ??= fetch(browser.runtime.getURL(SEARCH_INDEX_PATH))
    .then((response) => {
      if (!response.ok) throw new Error(`search-index.json: HTTP ${response.status}`);
      return response.text();
    })
    .then(loadArticleIndex)
    .catch((error) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
