/** Articles and page sources → rendered values (Markdown parsed once per build). */
import type { Article, RenderedArticle, ResolvedConfig, StaticPage } from "../model.js";
import type { PageSource } from "../content/validate-content.js";
import { absoluteUrl, articlePath, staticPagePath } from "../pages/urls.js";
import { renderMarkdown } from "./render-markdown.js";

/** Renders article bodies. */
export function renderArticles(articles: readonly Article[], config: ResolvedConfig): RenderedArticle[] {
  return articles.map((a) => ({
    ...a,
    content: renderMarkdown(a.body, { pageUrl: absoluteUrl(articlePath(a.slug), config.site.baseUrl), basePath: config.basePath }),
  }));
}

/** Renders static page bodies. */
export function renderStaticPages(pages: readonly PageSource[], config: ResolvedConfig): StaticPage[] {
  return pages.map((p) => ({
    sourcePath: p.sourcePath,
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    extra: p.extra,
    content: renderMarkdown(p.body, { pageUrl: absoluteUrl(staticPagePath(p.slug), config.site.baseUrl), basePath: config.basePath }),
  }));
}
