/** The one module that uses the `rss` package: RSS 2.0 feeds with full content, pictures and attribution. */
import RSS from "rss";
import type { OutputFile, ResolvedConfig } from "../model.js";
import { absoluteUrl } from "../pages/urls.js";
import type { HtmlLookup } from "../output/writer.js";
import { yearIn } from "../time/zoned-time.js";
import { feedItems, type FeedItem, type FeedSpec } from "./feed-items.js";
import { feedLogoUrl, type FileSizes } from "./feed-images.js";
import { escapeXml as escapeHtml, xmlSafe } from "./xml-text.js";

/**
 * Renders one RSS 2.0 feed. Deterministic: lastBuildDate is the newest modified instant among the
 * items and pubDate the newest published one (the build clock only for an empty feed).
 */
export function renderFeed(
  spec: FeedSpec,
  config: ResolvedConfig,
  html: HtmlLookup,
  sizes: FileSizes = new Map(),
): OutputFile {
  const { site } = config;
  const items = feedItems(spec, config, html, sizes);
  const newest = (instant: (i: FeedItem) => number) =>
    new Date(items.length === 0 ? config.now : items.reduce((max, i) => Math.max(max, instant(i)), -Infinity));
  const feed = new RSS({
    title: xmlSafe(spec.title),
    // Readers render a channel's description as HTML too; the site's description and tag names are text.
    description: escapeHtml(spec.description),
    feed_url: absoluteUrl(`/${spec.rssPath}`, site.baseUrl),
    site_url: absoluteUrl(spec.pagePath, site.baseUrl),
    image_url: feedLogoUrl(site),
    language: site.language,
    // The year of the build clock in the site's zone, as the page footer says it.
    copyright: xmlSafe(`Copyright © ${yearIn(config.now, site.timeZone)} ${site.copyright}`),
    pubDate: newest((i) => i.published),
    ttl: 60,
    generator: "Broadsheet",
    custom_namespaces: { content: "http://purl.org/rss/1.0/modules/content/", media: "http://search.yahoo.com/mrss/" },
  });
  for (const item of items) {
    const custom: Record<string, unknown>[] = [{ "content:encoded": { _cdata: xmlSafe(item.html) } }];
    if (item.image) {
      const { url, type, fileSize, alt } = item.image;
      const attributes = { url, ...(type && { type }), medium: "image", ...(fileSize !== null && { fileSize }) };
      custom.push({
        "media:content": [{ _attr: attributes }, { "media:description": [{ _attr: { type: "plain" } }, xmlSafe(alt)] }],
      });
    }
    // RSS defines <source url> as the outlet's feed: an article's own address there would mislead readers.
    if (item.source?.feed)
      custom.push({ source: [{ _attr: { url: xmlSafe(item.source.feed) } }, xmlSafe(item.source.name)] });
    feed.item({
      title: xmlSafe(item.title),
      // RSS readers treat description as HTML; the summary is plain text, so escape it.
      description: escapeHtml(item.summary),
      // No explicit guid: `rss` then uses the permalink as guid with isPermaLink="true".
      url: item.url,
      categories: item.tags.map(xmlSafe),
      author: item.author ? xmlSafe(item.author) : undefined,
      date: new Date(item.published),
      custom_elements: custom,
    });
  }
  // `rss` always stamps lastBuildDate with the wall clock; pin it so the same content gives a
  // byte-identical feed.
  const xml = feed
    .xml({ indent: "  " })
    .replace(
      /<lastBuildDate>[^<]*<\/lastBuildDate>/,
      `<lastBuildDate>${newest((i) => i.modified).toUTCString()}</lastBuildDate>`,
    );
  return { path: spec.rssPath, contents: `${xml}\n` };
}
