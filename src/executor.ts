/**
 * How a site is produced: the one owner of the cache, the HTML store, the Markdown workers, the
 * pictures' measurements and the writer. `build` and `check` drive it step by step around the pure
 * stages of plan-site.ts; nothing here decides what the site is.
 *
 * Template problems come back as values (`write` returns them), never through shared state.
 */
import { error, type Diagnostic } from "./errors.js";
import type { Article, MarkdownSummary, OutputFile, ResolvedConfig } from "./model.js";
import type { Prepared } from "./prepare.js";
import { readSourceAgain } from "./content/read-sources.js";
import { renderArticles, renderStaticPages } from "./markdown/render-content.js";
import type { HtmlStore } from "./markdown/html-store.js";
import { stopIdleWorkers } from "./markdown/worker-pool.js";
import { relateArticlesCached } from "./graph/related-cache.js";
import { planSiteImages } from "./images/site-images.js";
import { cachedBytes, cachedFacts } from "./images/plan-images.js";
import { planSiteMedia } from "./render/site-media.js";
import { renderPage } from "./render/render-pages.js";
import { TemplateRenderError, type TemplateEnv } from "./render/handlebars-env.js";
import { planSearch } from "./search/plan-search.js";
import { generatorId } from "./cache/generator-id.js";
import { saveContentIndex } from "./cache/content-index.js";
import { saveBuildWarnings } from "./cache/build-warnings.js";
import type { PageMemo } from "./pages/page-memo.js";
import type { ConnectedSite, MeasuredMedia, SiteInputs, SitePlan } from "./plan-site.js";
import type { PendingWrite, PlannedOutput, Producers, SiteOutput, SiteStamp, Writer } from "./output/writer.js";

/** Rendered bodies, what to connect them with, and what rendering cost. */
export type RenderedInputs = Pick<SiteInputs, "articles" | "pages" | "bios" | "related"> & {
  readonly summaries: Map<string, MarkdownSummary>;
  /** Bodies rendered in this run (the rest came from the cache). */
  readonly rendered: number;
  /** Bodies that missed their deadline. */
  readonly diagnostics: readonly Diagnostic[];
};

export class Executor {
  readonly codeId = generatorId();
  private store: HtmlStore | null = null;

  constructor(
    private readonly loaded: Omit<Prepared, "env">,
    private readonly options: {
      readonly keepWorkers?: boolean;
      readonly onProgress?: (done: number, total: number) => void;
    } = {},
  ) {}

  get config(): ResolvedConfig {
    return this.loaded.config;
  }

  /**
   * Renders the bodies of `articles`, static pages and author profiles in worker threads, each once per
   * change; related articles need no bodies, so they are ranked on this thread meanwhile (`relate`).
   */
  async renderContent(articles: readonly Article[], relate: boolean): Promise<RenderedInputs> {
    const { config, cache, index, content, profiles } = this.loaded;
    const rendering = renderArticles(articles, readSourceAgain, config, {
      cache,
      summaries: index.summaries,
      threads: config.threads,
      onProgress: this.options.onProgress,
    });
    const related = relate ? relateArticlesCached(articles, config, cache) : new Map<string, string[]>();
    const markdown = await rendering;
    const statics = await renderStaticPages(content.pages, config, cache);
    const bios = await renderStaticPages(profiles, config, cache);
    if (!this.options.keepWorkers) await stopIdleWorkers();
    this.store = markdown.store;
    return {
      articles: markdown.articles,
      pages: statics.pages,
      bios: bios.pages,
      related,
      summaries: markdown.summaries,
      rendered: markdown.rendered,
      diagnostics: [...markdown.diagnostics, ...statics.diagnostics, ...bios.diagnostics],
    };
  }

  /**
   * Measures every local picture pages show and plans its responsive variants, and the site's card
   * and raster logo; `draw` keeps drawn pictures in the cache (a check only plans them).
   */
  async measure(site: ConnectedSite, draw: boolean): Promise<MeasuredMedia> {
    const { cache } = this.loaded;
    const { config, publicFiles, bundleFiles } = site.inputs;
    const files: OutputFile[] = [...publicFiles, ...bundleFiles];
    const images = await planSiteImages(config, files, site.sources, site.graph.articles, cache);
    const media = await planSiteMedia(config, files, site.graph.articles, this.codeId, {
      leads: images.leads,
      measure: cachedFacts(cache),
      ...(draw && { keep: (key, make) => cachedBytes(cache, key, make, "drawn-media") }),
    });
    return { images, media };
  }

  /** The search index (search/plan-search): taken from the cache unless an article changed. */
  async index(
    plan: SitePlan,
  ): Promise<{ outputs: readonly PlannedOutput[]; indexed: number; diagnostics: Diagnostic[] }> {
    const search = await planSearch(plan.graph, this.config, this.htmlStore(), this.loaded.cache);
    // The index's folder is the generator's: a file of the site's own there would be overwritten.
    const planned = new Set(plan.outputs.map((o) => o.path));
    const diagnostics = search.outputs
      .filter((o) => planned.has(o.path))
      .map((o) =>
        error("OutputConflict", `The search index's file "${o.path}" would overwrite another output`, {
          file: `${this.config.paths.public}/${o.path}`,
          hint: "Remove the file from public/ (the search index is written there), or set `search: false` in site.yaml.",
        }),
      );
    return { outputs: search.outputs, indexed: search.indexed, diagnostics };
  }

  /**
   * Produces every output whose fingerprint changed into `writer`'s staging area (nothing is
   * published before `commit`); the folder writer places outputs kept in the cache instead.
   */
  async write(
    writer: Writer,
    env: TemplateEnv,
    plan: SitePlan,
    extra: readonly PlannedOutput[],
    stamp: SiteStamp,
  ): Promise<{ pending: PendingWrite; templateProblems: Diagnostic[] }> {
    const problems = new Map<string, Diagnostic>();
    const store = this.htmlStore();
    const producers: Producers = {
      html: async (keys) => {
        await store.ensure(keys);
        return (key) => store.get(key);
      },
      page: async (spec) => {
        const html = await producers.html(spec.body === null ? [] : [spec.body.htmlKey]);
        try {
          return renderPage(env, spec, html, plan.pictures, this.config.basePath);
        } catch (cause) {
          if (!(cause instanceof TemplateRenderError)) throw cause;
          const d = cause.diagnostic;
          problems.set(`${d.file}:${d.line}:${d.message}`, d);
          return "";
        }
      },
    };
    const bound = [...plan.outputs.map((o) => this.bind(o, producers)), ...extra];
    const pending = await writer.prepare(bound, stamp);
    return { pending, templateProblems: [...problems.values()] };
  }

  /** What connectSite takes: the rendered content with this run's files and identities. */
  siteInputs(
    rendered: RenderedInputs,
    site: Pick<SiteInputs, "bundleFiles" | "templatesId" | "linksOf" | "alsoPresent"> & { config?: ResolvedConfig },
  ): SiteInputs {
    const { articles, pages, bios, related } = rendered;
    return {
      config: site.config ?? this.config,
      codeId: this.codeId,
      articles,
      pages,
      bios,
      related,
      publicFiles: this.loaded.publicFiles,
      notes: this.loaded.content.notes,
      ...site,
    };
  }

  /**
   * Remembers validation results, body summaries and the warnings only a full build finds (kept with
   * the site for a build with nothing to do); a cache that cannot be written throws (a full disk).
   */
  remember(rendered: RenderedInputs, site: { inputKey: string }, warnings: readonly Diagnostic[]): void {
    const { cache, index, content, stamps, config } = this.loaded;
    saveContentIndex(cache, index, { validation: content.entries, summaries: rendered.summaries, files: stamps });
    saveBuildWarnings(cache, config.paths.out, site.inputKey, warnings);
  }

  /** What the previous build's plan knew about its pages (incremental planning), or null. */
  previousPlan(): PageMemo | null {
    return this.loaded.cache.readJson<PageMemo>("plan", this.planSlot()) ?? null;
  }

  /** Keeps what this plan knows about its pages for the next build. */
  rememberPlan(plan: SitePlan): void {
    this.loaded.cache.writeJson("plan", this.planSlot(), plan.memo);
  }

  private planSlot(): string {
    return this.config.includeDrafts ? "pages-with-drafts" : "pages";
  }

  /** The HTML store of the bodies rendered by `renderContent`. */
  private htmlStore(): HtmlStore {
    if (this.store === null) throw new Error("Internal error: outputs produced before the bodies were rendered");
    return this.store;
  }

  /** An output bound to the producers: what a writer takes. */
  private bind(output: SiteOutput, producers: Producers): PlannedOutput {
    return { path: output.path, fingerprint: output.fingerprint, produce: () => output.produce(producers) };
  }
}
