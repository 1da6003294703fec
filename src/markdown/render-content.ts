/**
 * Articles and page sources → rendered values. Each article body is rendered once per change:
 * the summary (excerpt, headings, word count) is kept in the cache index, the HTML in the
 * content-addressed store; only articles whose key is unknown are rendered, in parallel.
 */
import type {
  Article,
  MarkdownSummary,
  RenderedArticle,
  RenderedMarkdown,
  ResolvedConfig,
  SourceFile,
  StaticPage,
} from "../model.js";
import type { PageSource } from "../content/validate-content.js";
import { splitBody } from "../content/parse-front-matter.js";
import { hashOf } from "../cache/hash.js";
import { absoluteUrl, articlePath, staticPagePath } from "../pages/urls.js";
import type { UrlContext } from "./render-markdown.js";
import { rendererId } from "./renderer-id.js";
import { HtmlStore } from "./html-store.js";
import { renderAll, renderOne } from "./worker-pool.js";
import { error, SiteError, type Diagnostic } from "../errors.js";
import type { DiskCache } from "../cache/disk-cache.js";
import { summaryJournal } from "../cache/content-index.js";
import { crashPoint } from "../output/crash-points.js";

/** What the Markdown stage needs from the rest of the build. */
export interface MarkdownOptions {
  readonly cache: DiskCache;
  /** Summaries from the previous build, by content key. */
  readonly summaries: ReadonlyMap<string, MarkdownSummary>;
  /** Worker threads for rendering. */
  readonly threads: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** The journal summaries are appended to as bodies render. @default the build's ("summaries"); a shard build names its own */
  readonly journal?: string;
}

/** Result of the Markdown stage. */
export interface RenderedContent {
  /** Articles whose body was rendered (one that missed its deadline is left out, with a diagnostic). */
  readonly articles: RenderedArticle[];
  /** A RenderTimeout for every body that missed its deadline. */
  readonly diagnostics: Diagnostic[];
  readonly store: HtmlStore;
  /** Summaries used by this build (to persist), by key. */
  readonly summaries: Map<string, MarkdownSummary>;
  /** How many bodies were rendered (cache misses). */
  readonly rendered: number;
}

/** The content key of an article's rendered body: its source, its URL and the renderer. */
function markdownKey(article: Article, urls: UrlContext): string {
  return hashOf(rendererId(), urls.pageUrl, urls.basePath, article.sourceHash);
}

/**
 * Renders the bodies of `articles` that the cache does not know. `readSource` fetches an article's
 * source file again (I/O at the edge), so no build holds every article's text while it renders.
 */
export async function renderArticles(
  articles: readonly Article[],
  readSource: (sourcePath: string) => SourceFile,
  config: ResolvedConfig,
  options: MarkdownOptions,
): Promise<RenderedContent> {
  const urlsOf = (a: Article): UrlContext => ({
    pageUrl: absoluteUrl(articlePath(a.slug), config.site.baseUrl),
    basePath: config.basePath,
  });
  const jobOf = new Map<string, { sourcePath: string; urls: UrlContext }>();
  const keyed = articles.map((a) => {
    const urls = urlsOf(a);
    const key = markdownKey(a, urls);
    jobOf.set(key, { sourcePath: a.sourcePath, urls });
    return { article: a, key };
  });
  const diagnostics: Diagnostic[] = [];
  // A body the cache lost since the last build is rendered again when a page needs it, under the same deadline.
  const render = async (key: string): Promise<RenderedMarkdown> => {
    const job = jobOf.get(key);
    if (!job) throw new Error(`Internal error: no source for rendered Markdown ${key}`);
    const outcome = await renderOne(
      { markdown: splitBody(readSource(job.sourcePath)), urls: job.urls },
      config.renderTimeoutMs,
    );
    if (outcome === "timeout") throw new SiteError([timeoutDiagnostic(job.sourcePath, config)]);
    return outcome;
  };
  const store = new HtmlStore(options.cache, render, (key) => jobOf.get(key)!.urls.pageUrl);

  const summaries = new Map<string, MarkdownSummary>();
  const missing = new Set<string>();
  for (const { key } of keyed) {
    const known = options.summaries.get(key);
    if (known && options.cache.dir !== null) summaries.set(key, known);
    else missing.add(key);
  }
  const misses = [...missing];
  // Renders survive a killed build: the HTML is stored body by body, the summaries in a journal.
  const journal = summaryJournal(options.cache, options.journal);
  let renderedNow = 0;
  if (misses.length > 0) {
    // Bodies are read as batches go out, so only the batches in flight are in memory.
    await renderAll(
      misses.length,
      (i) => ({
        markdown: splitBody(readSource(jobOf.get(misses[i]!)!.sourcePath)),
        urls: jobOf.get(misses[i]!)!.urls,
      }),
      {
        threads: options.threads,
        deadlineMs: config.renderTimeoutMs,
        onProgress: (done) => options.onProgress?.(done, misses.length),
      },
      (i, r) => {
        store.put(misses[i]!, r);
        const summary = { excerpt: r.excerpt, headings: r.headings, wordCount: r.wordCount, findings: r.findings };
        summaries.set(misses[i]!, summary);
        journal.add(misses[i]!, summary);
        crashPoint("rendered", ++renderedNow);
      },
      (i) => diagnostics.push(timeoutDiagnostic(jobOf.get(misses[i]!)!.sourcePath, config)),
    );
    journal.flush();
  }

  return {
    articles: keyed
      .filter(({ key }) => summaries.has(key))
      .map(({ article, key }) => ({ ...article, content: { ...summaries.get(key)!, key } })),
    diagnostics,
    store,
    summaries,
    rendered: misses.length,
  };
}

/** The error for a body that missed its deadline: which file, how long, and what to do. */
function timeoutDiagnostic(sourcePath: string, config: ResolvedConfig): Diagnostic {
  const seconds = config.renderTimeoutMs / 1000;
  return error(
    "RenderTimeout",
    `The body took longer than ${seconds} s to render (per MB of Markdown), so the build stopped rendering it`,
    {
      file: sourcePath,
      hint: "Some Markdown makes the parser very slow (thousands of unclosed * or _, [ or setext underlines in a row): simplify that part of the body. If the article is just long, pass --render-timeout with more seconds.",
    },
  );
}

/** Renders static page bodies (few and small) under the same deadline, reusing cached renders of unchanged pages. */
export async function renderStaticPages(
  pages: readonly PageSource[],
  config: ResolvedConfig,
  cache: DiskCache,
): Promise<{ pages: StaticPage[]; diagnostics: Diagnostic[] }> {
  const out: StaticPage[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const p of pages) {
    const urls = { pageUrl: absoluteUrl(staticPagePath(p.slug), config.site.baseUrl), basePath: config.basePath };
    const key = hashOf(rendererId(), urls.pageUrl, urls.basePath, p.body);
    let content = cache.readJson<RenderedMarkdown>("page", key);
    if (!content || typeof content.html !== "string") {
      const outcome = await renderOne({ markdown: p.body, urls }, config.renderTimeoutMs);
      if (outcome === "timeout") {
        diagnostics.push(timeoutDiagnostic(p.sourcePath, config));
        continue;
      }
      content = outcome;
      cache.writeJson("page", key, content);
    }
    out.push({
      sourcePath: p.sourcePath,
      bodyLine: p.bodyLine,
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      extra: p.extra,
      content,
    });
  }
  return { pages: out, diagnostics };
}
