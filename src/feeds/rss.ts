/** The one module that uses the `rss` package: RSS 2.0 feeds with full content and attribution. */
import RSS from "rss";
import type { OutputFile, RenderedArticle, ResolvedConfig } from "../model.js";
import { absoluteUrl, articlePath, homePath } from "../pages/urls.js";
import type { HtmlStore } from "../markdown/html-store.js";
import { escapeXml as escapeHtml, xmlSafe } from "./xml-text.js";

/** What one feed is about. */
export interface FeedSpec {
  /** Output path, e.g. "feed.xml" or "tags/energy/feed.xml". */
  readonly path: string;
  readonly title: string;
  readonly description: string;
  /** Site path of the HTML page the feed mirrors. */
  readonly pagePath: string;
  /** Articles, newest first; the feed takes the first `feedLength`. */
  readonly articles: readonly RenderedArticle[];
}

/** Renders one RSS 2.0 feed. Deterministic: lastBuildDate is the newest item's date, not the clock. */
export function renderFeed(spec: FeedSpec, config: ResolvedConfig, store: HtmlStore): OutputFile {
  const { site } = config;
  const items = spec.articles.slice(0, site.feedLength);
  const newest = items.reduce((max, a) => Math.max(max, a.enhanced ?? a.date, a.date), 0);
  const feed = new RSS({
    title: xmlSafe(spec.title),
    // Readers render a channel's description as HTML too; the site's description and tag names are text.
    description: escapeHtml(spec.description),
    feed_url: absoluteUrl(`/${spec.path}`, site.baseUrl),
    site_url: absoluteUrl(spec.pagePath, site.baseUrl),
    // A logo given as an absolute URL is used as is; a path is read from the site's root.
    image_url: /^https?:\/\//i.test(site.logo.src)
      ? site.logo.src
      : absoluteUrl(site.logo.src.startsWith("/") ? site.logo.src : `/${site.logo.src}`, site.baseUrl),
    language: site.language,
    copyright: xmlSafe(`Copyright © ${new Date(newest || config.now).getUTCFullYear()} ${site.copyright}`),
    pubDate: new Date(newest || config.now),
    ttl: 60,
    generator: "Broadsheet",
    custom_namespaces: { content: "http://purl.org/rss/1.0/modules/content/" },
  });
  for (const a of items) {
    const link = absoluteUrl(articlePath(a.slug), site.baseUrl);
    const custom: Record<string, unknown>[] = [
      { "content:encoded": { _cdata: xmlSafe(store.get(a.content.key).absoluteHtml) } },
    ];
    if (a.source) custom.push({ source: [{ _attr: { url: xmlSafe(a.source.url) } }, xmlSafe(a.source.name)] });
    feed.item({
      title: xmlSafe(a.title),
      // RSS readers treat description as HTML; the summary is plain text, so escape it.
      description: escapeHtml(xmlSafe(a.summary ?? a.content.excerpt)),
      // No explicit guid: `rss` then uses the permalink as guid with isPermaLink="true".
      url: link,
      categories: a.tags.map(xmlSafe),
      author: a.author ? xmlSafe(a.author) : undefined,
      date: new Date(a.date),
      custom_elements: custom,
    });
  }
  // `rss` always stamps lastBuildDate with the wall clock; pin it to the newest item so the
  // same content gives a byte-identical feed.
  const xml = feed
    .xml({ indent: "  " })
    .replace(
      /<lastBuildDate>[^<]*<\/lastBuildDate>/,
      `<lastBuildDate>${new Date(newest || config.now).toUTCString()}</lastBuildDate>`,
    );
  return { path: spec.path, contents: `${xml}\n` };
}

/** The site's main feed. */
export function mainFeedSpec(articles: readonly RenderedArticle[], config: ResolvedConfig): FeedSpec {
  return {
    path: "feed.xml",
    title: config.site.title,
    description: config.site.description || config.site.title,
    pagePath: homePath(),
    articles,
  };
}
