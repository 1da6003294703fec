/** URL helpers for templates: site paths → hrefs honouring the base path, or absolute URLs. */
import { absoluteUrl, siteUrl } from "../../pages/urls.js";

/** Binds URL helpers to the site's base URL once per build. */
export function makeUrlHelpers(baseUrl: string, basePath: string) {
  return {
    /** `{{href "/about/"}}` → "/news/about/" when the site lives under /news/. */
    url: (sitePath: string) => siteUrl(sitePath.startsWith("/") ? sitePath : `/${sitePath}`, basePath),
    /** `{{absoluteUrl "/feed.xml"}}` → "https://site.example/news/feed.xml". */
    absoluteUrl: (sitePath: string) => absoluteUrl(sitePath.startsWith("/") ? sitePath : `/${sitePath}`, baseUrl),
  };
}
