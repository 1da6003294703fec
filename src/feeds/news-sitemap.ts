/**
 * The Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap):
 * the articles of the last two days, for news crawlers that come more often than the sitemap's.
 */
import type { OutputFile, RenderedArticle, ResolvedConfig } from "../model.js";
import { absoluteUrl, articlePath } from "../pages/urls.js";
import { formatIso } from "../time/zoned-time.js";
import { escapeXml } from "./xml-text.js";

/** How far back an article counts as news: Google wants the articles published in the last two days. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
/** Google reads at most 1,000 articles from one news sitemap. */
export const NEWS_LIMIT = 1000;

/**
 * The articles a news sitemap lists: published within NEWS_WINDOW_MS before the build clock (never
 * after it), neither drafts nor syndicated copies (the original's site owns the story), newest first.
 */
export function newsArticles(articles: readonly RenderedArticle[], now: number): RenderedArticle[] {
  return articles
    .filter((a) => !a.isDraft && a.canonical === null && a.date <= now && now - a.date <= NEWS_WINDOW_MS)
    .sort((a, b) => b.date - a.date || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .slice(0, NEWS_LIMIT);
}

/**
 * Renders news-sitemap.xml, even with no article: robots.txt names it, so it must always be there,
 * and Google takes an empty one as "nothing new" (its Search Console only asks whether that was meant).
 */
export function renderNewsSitemap(articles: readonly RenderedArticle[], config: ResolvedConfig): OutputFile {
  const { site } = config;
  const publication = [
    `<news:name>${escapeXml(site.title)}</news:name>`,
    `<news:language>${escapeXml(newsLanguage(site.language))}</news:language>`,
  ].join("");
  const rows = newsArticles(articles, config.now).map((a) =>
    [
      `  <url><loc>${escapeXml(absoluteUrl(articlePath(a.slug), site.baseUrl))}</loc>`,
      `<news:news><news:publication>${publication}</news:publication>`,
      `<news:publication_date>${formatIso(a.date, site.timeZone)}</news:publication_date>`,
      `<news:title>${escapeXml(a.title)}</news:title></news:news></url>`,
    ].join(""),
  );
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...rows,
    "</urlset>",
    "",
  ].join("\n");
  return { path: "news-sitemap.xml", contents: xml };
}

/**
 * The language as Google News wants it: the ISO 639 code alone ("en" for "en-GB"), except Chinese,
 * which is "zh-cn" in Simplified and "zh-tw" in Traditional script ("zh-HK" is written in Traditional).
 */
export function newsLanguage(tag: string): string {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return (/^[a-z]{2,3}/i.exec(tag)?.[0] ?? tag).toLowerCase();
  }
  if (locale.language !== "zh") return locale.language;
  return locale.maximize().script === "Hant" ? "zh-tw" : "zh-cn";
}
