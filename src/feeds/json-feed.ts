/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the same items as the RSS feed beside it. */
import type { OutputFile, ResolvedConfig } from "../model.js";
import type { HtmlLookup } from "../output/writer.js";
import { absoluteUrl, homePath } from "../pages/urls.js";
import { formatIso } from "../time/zoned-time.js";
import { feedItems, type FeedItem, type FeedSpec } from "./feed-items.js";
import { feedLogoUrl, type FileSizes } from "./feed-images.js";
import { xmlSafe } from "./xml-text.js";

/** IPTC's term for content made by a model trained on sampled content (generative AI). */
export const TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

/**
 * Renders one JSON Feed. Text goes through the same cleaning as every page and feed (a lone
 * surrogate would otherwise reach the file as an unpaired `\ud800`); dates are RFC 3339 with the
 * site's offset, from the article's published and modified instants.
 */
export function renderJsonFeed(
  spec: FeedSpec,
  config: ResolvedConfig,
  html: HtmlLookup,
  sizes: FileSizes = new Map(),
): OutputFile {
  const { site } = config;
  const logo = feedLogoUrl(site);
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: xmlSafe(spec.title),
    home_page_url: absoluteUrl(spec.pagePath, site.baseUrl),
    feed_url: absoluteUrl(`/${spec.jsonPath}`, site.baseUrl),
    description: xmlSafe(spec.description),
    language: site.language,
    icon: logo,
    favicon: logo,
    authors: [{ name: xmlSafe(site.title), url: absoluteUrl(homePath(), site.baseUrl) }],
    items: feedItems(spec, config, html, sizes).map((item) => jsonItem(item, site.timeZone)),
  };
  return { path: spec.jsonPath, contents: `${JSON.stringify(feed, null, 2)}\n` };
}

function jsonItem(item: FeedItem, zone: string) {
  return {
    id: item.url,
    url: item.url,
    ...(item.source && { external_url: item.source.url }),
    title: xmlSafe(item.title),
    content_html: xmlSafe(item.html),
    summary: xmlSafe(item.summary),
    ...(item.image && { image: item.image.url }),
    date_published: formatIso(item.published, zone),
    date_modified: formatIso(item.modified, zone),
    ...(item.author && { authors: [{ name: xmlSafe(item.author) }] }),
    ...(item.tags.length > 0 && { tags: item.tags.map(xmlSafe) }),
    // JSON Feed's extension mechanism: readers that do not know "_broadsheet" ignore it.
    ...(item.isGenerated && { _broadsheet: { generated: true, digital_source_type: TRAINED_ALGORITHMIC_MEDIA } }),
  };
}
