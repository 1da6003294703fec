/** The feeds and crawler files of a site: main feed, one feed per tag, sitemap, robots.txt. */
import type { OutputFile, PageSpec, ResolvedConfig, SiteGraph } from "../model.js";
import { tagFeedPath, tagPath } from "../pages/urls.js";
import { mainFeedSpec, renderFeed } from "./rss.js";
import { renderRobots, renderSitemap } from "./sitemap.js";

/** Renders every feed and crawler file. Drafts (shown with --drafts) never reach a feed. */
export function renderFeeds(graph: SiteGraph, pages: readonly PageSpec[], config: ResolvedConfig): OutputFile[] {
  const published = graph.articles.filter((a) => !a.isDraft);
  const files = [renderFeed(mainFeedSpec(published, config), config)];
  for (const tag of graph.tags) {
    const articles = tag.slugs.map((s) => graph.bySlug.get(s)!).filter((a) => !a.isDraft);
    if (articles.length === 0) continue;
    files.push(
      renderFeed({
        path: tagFeedPath(tag.segment).slice(1),
        title: `${config.site.title}: ${tag.name}`,
        description: `Articles about ${tag.name} from ${config.site.title}.`,
        pagePath: tagPath(tag.segment),
        articles,
      }, config),
    );
  }
  files.push(renderSitemap(pages, graph, config), renderRobots(config));
  return files;
}
