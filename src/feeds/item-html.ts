/**
 * The HTML of a feed item: the news as the article page tells it. A reader that shows only the
 * feed still learns that an article was generated, what was corrected, and where the story came from.
 */
import type { RenderedArticle, SiteSettings } from "../model.js";
import { formatDay } from "../time/zoned-time.js";
import type { FeedImage } from "./feed-images.js";
import { escapeXml as escapeHtml } from "./xml-text.js";

/**
 * Wraps an article's body (absolute URLs already): the generated-article disclosure first, then
 * corrections, the lead image, the body, updates, and last the link to the original. Every text
 * from the front-matter is escaped; days are written in the site's language and zone.
 */
export function itemHtml(
  article: RenderedArticle,
  body: string,
  image: FeedImage | null,
  site: Pick<SiteSettings, "timeZone" | "language">,
): string {
  const day = (ms: number) => escapeHtml(formatDay(ms, site.timeZone, site.language));
  const notices = (kind: "update" | "correction", label: string) =>
    article.updates
      .filter((u) => u.kind === kind)
      .map((u) => `<p>${label} (${day(u.date)}): ${escapeHtml(u.text)}</p>`);
  const source = article.source;
  const before: string[] = [];
  if (article.isGenerated)
    before.push(
      source ? `<p>Generated article, based on ${escapeHtml(source.name)}.</p>` : "<p>Generated article.</p>",
    );
  before.push(...notices("correction", "Correction"));
  if (image) before.push(`<p><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt)}"></p>`);
  const after = notices("update", "Update");
  if (source)
    after.push(`<p>Read the original at <a href="${escapeHtml(source.url)}">${escapeHtml(source.name)}</a>.</p>`);
  return `${[...before, body.replace(/\s+$/, ""), ...after].join("\n")}\n`;
}
