/** The search page's own context fields: where its form goes, where Pagefind's bundles and our script live. */
import type { RenderedArticle } from "../model.js";
import { splitIntoShards } from "../search/shards.js";
import { articlePath, homePath, SEARCH_PATH } from "./urls.js";

/** `search` in the search page's context (docs/templates.md). */
export interface SearchPageContext {
  /** Site URL of the search page (the form's action). */
  readonly url: string;
  /** Site URL of the Pagefind bundle folder the page loads (the first search shard's), ending in "/". */
  readonly bundleUrl: string;
  /**
   * Site URLs of the other shards' bundle folders, separated by spaces ("" with one shard): the
   * script merges them into the first, so a query searches every article (docs/search.md).
   */
  readonly mergeUrls: string;
  /** Site URL of the home page, ending in "/": Pagefind prefixes its result paths with it (the base path). */
  readonly baseUrl: string;
  /** Site URL of the script that runs the search (theme/public/assets/search.js). */
  readonly script: string;
  /** Site URL of the topic index, for readers without JavaScript. */
  readonly tagsUrl: string;
}

/**
 * The search page's fields; `url` turns a site path into a site URL (with the base path). The
 * shards are those of the indexed `articles` (search/shards.ts), so page and bundles agree.
 */
export function searchPageContext(
  url: (sitePath: string) => string,
  articles: readonly RenderedArticle[],
): SearchPageContext {
  const [first, ...others] = splitIntoShards(articles, (a) => articlePath(a.slug)).map((s) =>
    url(`/pagefind/${s.dir}`),
  );
  return {
    url: url(SEARCH_PATH),
    bundleUrl: first!,
    mergeUrls: others.join(" "),
    baseUrl: url(homePath()),
    script: url("/assets/search.js"),
    tagsUrl: url("/tags/"),
  };
}
