/**
 * The feeds and crawler files of a site: the main feed and one per tag and per author, each as RSS and JSON Feed;
 * the sitemap, the news sitemap and robots.txt.
 */
import type { OutputFile, PageSpec, RenderedArticle, ResolvedConfig, SiteGraph } from "../model.js";
import type { Producers, SiteOutput } from "../output/writer.js";
import { hashOf } from "../cache/hash.js";
import { yearIn } from "../time/zoned-time.js";
import { authorFeedSpec, mainFeedSpec, tagFeedSpec, type FeedSpec } from "./feed-items.js";
import { leadImage, type FileSizes } from "./feed-images.js";
import { renderFeed } from "./rss.js";
import { renderJsonFeed } from "./json-feed.js";
import { renderRobots, renderSitemap } from "./sitemap.js";
import { newsArticles, renderNewsSitemap } from "./news-sitemap.js";

/**
 * Plans every feed and crawler file. Feeds and the news sitemap are fingerprinted by what they show
 * (so an unchanged one is not rendered again); drafts (shown with --drafts) never reach a feed.
 * `siteFiles` are the files the site copies (public/, page bundles): a lead image among them gets
 * its size in the RSS item.
 */
export function planFeeds(
  graph: SiteGraph,
  pages: readonly PageSpec[],
  config: ResolvedConfig,
  codeId: string,
  siteFiles: readonly OutputFile[] = [],
): SiteOutput[] {
  const sizes: FileSizes = new Map(
    siteFiles.map((f) => [f.path, typeof f.contents === "string" ? Buffer.byteLength(f.contents) : f.contents.length]),
  );
  const published = graph.articles.filter((a) => !a.isDraft);
  const specs: FeedSpec[] = [mainFeedSpec(published, config)];
  for (const tag of graph.tags) {
    const articles = tag.slugs.map((s) => graph.bySlug.get(s)!).filter((a) => !a.isDraft);
    if (articles.length > 0) specs.push(tagFeedSpec(tag, articles, config));
  }
  for (const author of graph.authors) {
    const articles = author.slugs.map((s) => graph.bySlug.get(s)!).filter((a) => !a.isDraft);
    if (articles.length > 0) specs.push(authorFeedSpec(author, articles, config));
  }
  const outputs: SiteOutput[] = specs.flatMap((spec) => {
    const identity = JSON.stringify(feedIdentity(spec, config, sizes));
    const keys = spec.articles.slice(0, config.site.feedLength).map((a) => a.content.key);
    const render = (format: typeof renderFeed) => async (using: Producers) =>
      format(spec, config, await using.html(keys), sizes).contents;
    return [
      { path: spec.rssPath, fingerprint: hashOf(codeId, "rss", identity), produce: render(renderFeed) },
      { path: spec.jsonPath, fingerprint: hashOf(codeId, "json-feed", identity), produce: render(renderJsonFeed) },
    ];
  });
  const news = newsArticles(published, config.now);
  const { title, language, baseUrl, timeZone } = config.site;
  outputs.push(
    { path: "sitemap.xml", fingerprint: null, produce: () => renderSitemap(pages, graph, config).contents },
    {
      path: "news-sitemap.xml",
      // What it lists changes with the clock, but only when an article enters or leaves the window.
      fingerprint: hashOf(
        codeId,
        JSON.stringify([title, language, baseUrl, timeZone, news.map((a) => [a.slug, a.title, a.date])]),
      ),
      produce: () => renderNewsSitemap(news, config).contents,
    },
    { path: "robots.txt", fingerprint: null, produce: () => renderRobots(config).contents },
  );
  return outputs;
}

/** Everything a feed's bytes depend on, as plain data. */
function feedIdentity(spec: FeedSpec, config: ResolvedConfig, sizes: FileSizes) {
  const items = spec.articles.slice(0, config.site.feedLength);
  const item = (a: RenderedArticle) => [
    a.slug,
    a.title,
    a.summary,
    a.content.excerpt,
    a.content.key,
    a.date,
    a.modified,
    a.updates,
    a.tags,
    a.author,
    a.source,
    a.isGenerated,
    a.image,
    leadImage(a, config.site, sizes)?.fileSize ?? null,
  ];
  return [
    [spec.rssPath, spec.jsonPath, spec.title, spec.description, spec.pagePath],
    config.site,
    yearIn(config.now, config.site.timeZone),
    items.length === 0 ? config.now : null,
    items.map(item),
  ];
}
