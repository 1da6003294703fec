/**
 * Articles and page sources → rendered values. Each article body is rendered once per change:
 * the summary (excerpt, headings, word count) is kept in the cache index, the HTML in the
 * content-addressed store; only articles whose key is unknown are rendered, in parallel.
 */
import type { Article, MarkdownSummary, RenderedArticle, RenderedMarkdown, ResolvedConfig, SourceFile, StaticPage } from "../model.js";
import type { PageSource } from "../content/validate-content.js";
import { splitBody } from "../content/parse-front-matter.js";
import { hashOf } from "../cache/hash.js";
import { absoluteUrl, articlePath, staticPagePath } from "../pages/urls.js";
import type { UrlContext } from "./render-markdown.js";
import { loadRenderer } from "./load-renderer.js";
import { rendererId } from "./renderer-id.js";
import { HtmlStore } from "./html-store.js";
import { renderAll } from "./worker-pool.js";
import type { DiskCache } from "../cache/disk-cache.js";

/** What the Markdown stage needs from the rest of the build. */
export interface MarkdownOptions {
  readonly cache: DiskCache;
  /** Summaries from the previous build, by content key. */
  readonly summaries: ReadonlyMap<string, MarkdownSummary>;
  /** Worker threads for rendering. */
  readonly threads: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Result of the Markdown stage. */
export interface RenderedContent {
  readonly articles: RenderedArticle[];
  readonly store: HtmlStore;
  /** Summaries used by this build (to persist), by key. */
  readonly summaries: Map<string, MarkdownSummary>;
  /** How many bodies were rendered (cache misses). */
  readonly rendered: number;
}

/** The content key of an article's rendered body: its source, its URL and the renderer. */
export function markdownKey(article: Article, urls: UrlContext): string {
  return hashOf(rendererId(), urls.pageUrl, urls.basePath, article.sourceHash);
}

/**
 * Renders the bodies of `articles` that the cache does not know. `readSource` fetches an article's
 * source file again (I/O at the edge), so no build holds every article's text while it renders.
 */
export async function renderArticles(articles: readonly Article[], readSource: (sourcePath: string) => SourceFile, config: ResolvedConfig, options: MarkdownOptions): Promise<RenderedContent> {
  const urlsOf = (a: Article): UrlContext => ({ pageUrl: absoluteUrl(articlePath(a.slug), config.site.baseUrl), basePath: config.basePath });
  const jobOf = new Map<string, { sourcePath: string; urls: UrlContext }>();
  const keyed = articles.map((a) => {
    const urls = urlsOf(a);
    const key = markdownKey(a, urls);
    jobOf.set(key, { sourcePath: a.sourcePath, urls });
    return { article: a, key };
  });
  const render = async (key: string): Promise<RenderedMarkdown> => {
    const job = jobOf.get(key);
    if (!job) throw new Error(`Internal error: no source for rendered Markdown ${key}`);
    return (await loadRenderer())(splitBody(readSource(job.sourcePath)), job.urls);
  };
  const store = new HtmlStore(options.cache, render);

  const summaries = new Map<string, MarkdownSummary>();
  const missing = new Set<string>();
  for (const { key } of keyed) {
    const known = options.summaries.get(key);
    if (known && options.cache.dir !== null) summaries.set(key, known);
    else missing.add(key);
  }
  const misses = [...missing];
  if (misses.length > 0) {
    // Bodies are read as batches go out, so only the batches in flight are in memory.
    await renderAll(
      misses.length,
      (i) => ({ markdown: splitBody(readSource(jobOf.get(misses[i]!)!.sourcePath)), urls: jobOf.get(misses[i]!)!.urls }),
      options.threads,
      (i, r) => {
        store.put(misses[i]!, r);
        summaries.set(misses[i]!, { excerpt: r.excerpt, headings: r.headings, wordCount: r.wordCount, findings: r.findings });
      },
      (done) => options.onProgress?.(done, misses.length),
    );
  }

  return {
    articles: keyed.map(({ article, key }) => ({ ...article, content: { ...summaries.get(key)!, key } })),
    store,
    summaries,
    rendered: misses.length,
  };
}

/** Renders static page bodies (few and small), reusing cached renders of unchanged pages. */
export async function renderStaticPages(pages: readonly PageSource[], config: ResolvedConfig, cache: DiskCache): Promise<StaticPage[]> {
  const out: StaticPage[] = [];
  for (const p of pages) {
    const urls = { pageUrl: absoluteUrl(staticPagePath(p.slug), config.site.baseUrl), basePath: config.basePath };
    const key = hashOf(rendererId(), urls.pageUrl, urls.basePath, p.body);
    let content = cache.readJson<RenderedMarkdown>("page", key);
    if (!content || typeof content.html !== "string") {
      content = (await loadRenderer())(p.body, urls);
      cache.writeJson("page", key, content);
    }
    out.push({ sourcePath: p.sourcePath, bodyLine: p.bodyLine, slug: p.slug, title: p.title, summary: p.summary, extra: p.extra, content });
  }
  return out;
}
