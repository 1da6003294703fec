/** The search page's own context fields: where its form goes, where Pagefind's bundle and our script live. */
import { homePath, SEARCH_PATH } from "./urls.js";

/** `search` in the search page's context (docs/templates.md). */
export interface SearchPageContext {
  /** Site URL of the search page (the form's action). */
  readonly url: string;
  /** Site URL of the Pagefind bundle folder, ending in "/". */
  readonly bundleUrl: string;
  /** Site URL of the home page, ending in "/": Pagefind prefixes its result paths with it (the base path). */
  readonly baseUrl: string;
  /** Site URL of the script that runs the search (theme/public/assets/search.js). */
  readonly script: string;
  /** Site URL of the topic index, for readers without JavaScript. */
  readonly tagsUrl: string;
}

/** The search page's fields; `url` turns a site path into a site URL (with the base path). */
export function searchPageContext(url: (sitePath: string) => string): SearchPageContext {
  return {
    url: url(SEARCH_PATH),
    bundleUrl: url("/pagefind/"),
    baseUrl: url(homePath()),
    script: url("/assets/search.js"),
    tagsUrl: url("/tags/"),
  };
}
