/** sitemap.xml and robots.txt for crawlers. */
import type { OutputFile, PageSpec, RenderedArticle, ResolvedConfig, SiteGraph } from "../model.js";
import { paginate } from "../graph/paginate.js";
import { absoluteUrl, articlePath, authorPath, homePath, tagPath } from "../pages/urls.js";
import { formatUtcIso } from "../time/zoned-time.js";
import { escapeXml } from "./xml-text.js";

/**
 * Lists every indexable page. An article's lastmod is its modified instant; a list page's (home,
 * tags, the tag index, recommended) the latest modified instant among the articles it lists.
 * Drafts and syndicated copies (whose canonical is another site's page) are left out.
 */
export function renderSitemap(pages: readonly PageSpec[], graph: SiteGraph, config: ResolvedConfig): OutputFile {
  const lastmod = lastModifiedByPath(graph, config);
  const unlisted = new Set(
    graph.articles.filter((a) => a.isDraft || a.canonical !== null).map((a) => articlePath(a.slug)),
  );
  const rows = pages
    .filter((p) => p.url.endsWith("/") && !unlisted.has(p.url))
    .map((p) => {
      const mod = lastmod.get(p.url);
      const loc = `<loc>${escapeXml(absoluteUrl(p.url, config.site.baseUrl))}</loc>`;
      return `  <url>${loc}${mod === undefined ? "" : `<lastmod>${formatUtcIso(mod)}</lastmod>`}</url>`;
    });
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...rows,
    "</urlset>",
    "",
  ].join("\n");
  return { path: "sitemap.xml", contents: xml };
}

/**
 * Site path → modified instant of every page that shows articles, following the same pagination
 * as the pages themselves. Drafts (shown only with --drafts) never date a page.
 */
function lastModifiedByPath(graph: SiteGraph, config: ResolvedConfig): Map<string, number> {
  const out = new Map<string, number>();
  const latest = (articles: readonly RenderedArticle[]) => {
    const dated = articles.filter((a) => !a.isDraft);
    return dated.length === 0 ? undefined : dated.reduce((max, a) => Math.max(max, a.modified), -Infinity);
  };
  const set = (path: string, articles: readonly RenderedArticle[]) => {
    const mod = latest(articles);
    if (mod !== undefined) out.set(path, mod);
  };
  const bySlugs = (slugs: readonly string[]) => slugs.map((s) => graph.bySlug.get(s)!);
  for (const a of graph.articles) set(articlePath(a.slug), [a]);
  for (const page of paginate(graph.articles, config.site.perPage)) set(homePath(page.current), page.items);
  for (const tag of graph.tags)
    for (const page of paginate(tag.slugs, config.site.perPage))
      set(tagPath(tag.segment, page.current), bySlugs(page.items));
  for (const author of graph.authors)
    for (const page of paginate(author.slugs, config.site.perPage))
      set(authorPath(author.segment, page.current), bySlugs(page.items));
  set(
    "/authors/",
    graph.articles.filter((a) => a.authors.length > 0),
  );
  set(
    "/tags/",
    graph.articles.filter((a) => a.tags.length > 0),
  );
  set("/recommended/", bySlugs([...graph.picks, ...graph.connected]));
  return out;
}

/** Allows everything and points crawlers at both sitemaps. */
export function renderRobots(config: ResolvedConfig): OutputFile {
  const sitemap = (name: string) => `Sitemap: ${absoluteUrl(`/${name}`, config.site.baseUrl)}\n`;
  return {
    path: "robots.txt",
    contents: `User-agent: *\nAllow: /\n\n${sitemap("sitemap.xml")}${sitemap("news-sitemap.xml")}`,
  };
}
