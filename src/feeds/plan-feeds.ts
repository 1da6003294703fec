/** The feeds and crawler files of a site: main feed, one feed per tag, sitemap, robots.txt. */
import type { PageSpec, RenderedArticle, ResolvedConfig, SiteGraph } from "../model.js";
import type { PlannedOutput } from "../output/writer.js";
import type { HtmlStore } from "../markdown/html-store.js";
import { hashOf } from "../cache/hash.js";
import { tagFeedPath, tagPath } from "../pages/urls.js";
import { mainFeedSpec, renderFeed, type FeedSpec } from "./rss.js";
import { renderRobots, renderSitemap } from "./sitemap.js";

/**
 * Plans every feed and crawler file. Feeds are fingerprinted by what they show (so an unchanged
 * feed is not rendered again); drafts (shown with --drafts) never reach a feed.
 */
export function planFeeds(
  graph: SiteGraph,
  pages: readonly PageSpec[],
  config: ResolvedConfig,
  store: HtmlStore,
  codeId: string,
): PlannedOutput[] {
  const published = graph.articles.filter((a) => !a.isDraft);
  const specs: FeedSpec[] = [mainFeedSpec(published, config)];
  for (const tag of graph.tags) {
    const articles = tag.slugs.map((s) => graph.bySlug.get(s)!).filter((a) => !a.isDraft);
    if (articles.length === 0) continue;
    specs.push({
      path: tagFeedPath(tag.segment).slice(1),
      title: `${config.site.title}: ${tag.name}`,
      description: `Articles about ${tag.name} from ${config.site.title}.`,
      pagePath: tagPath(tag.segment),
      articles,
    });
  }
  const outputs: PlannedOutput[] = specs.map((spec) => ({
    path: spec.path,
    fingerprint: hashOf(codeId, JSON.stringify(feedIdentity(spec, config))),
    produce: async () => {
      await store.ensure(spec.articles.slice(0, config.site.feedLength).map((a) => a.content.key));
      return renderFeed(spec, config, store).contents;
    },
  }));
  outputs.push(
    { path: "sitemap.xml", fingerprint: null, produce: () => renderSitemap(pages, graph, config).contents },
    { path: "robots.txt", fingerprint: null, produce: () => renderRobots(config).contents },
  );
  return outputs;
}

/** Everything a feed's bytes depend on, as plain data. */
function feedIdentity(spec: FeedSpec, config: ResolvedConfig) {
  const items = spec.articles.slice(0, config.site.feedLength);
  const item = (a: RenderedArticle) => [
    a.slug,
    a.title,
    a.summary,
    a.content.excerpt,
    a.content.key,
    a.date,
    a.enhanced,
    a.tags,
    a.author,
    a.source,
  ];
  return [
    spec.path,
    spec.title,
    spec.description,
    spec.pagePath,
    config.site,
    items.length === 0 ? config.now : null,
    items.map(item),
  ];
}
