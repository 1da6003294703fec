/** sitemap.xml and robots.txt for crawlers. */
import type { OutputFile, PageSpec, ResolvedConfig, SiteGraph } from "../model.js";
import { absoluteUrl, articlePath } from "../pages/urls.js";
import { formatUtcIso } from "../time/zoned-time.js";
import { escapeXml } from "./xml-text.js";

/** Lists every indexable page; articles carry lastmod from `enhanced`, else `date`. */
export function renderSitemap(pages: readonly PageSpec[], graph: SiteGraph, config: ResolvedConfig): OutputFile {
  const lastmod = new Map(graph.articles.map((a) => [articlePath(a.slug), a.enhanced ?? a.date]));
  const rows = pages
    .filter((p) => p.url.endsWith("/"))
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

/** Allows everything and points crawlers at the sitemap. */
export function renderRobots(config: ResolvedConfig): OutputFile {
  return {
    path: "robots.txt",
    contents: `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl("/sitemap.xml", config.site.baseUrl)}\n`,
  };
}
