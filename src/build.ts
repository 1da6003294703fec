/** The build, as a table of contents: each step is a stage; only read/load/write touch the disk. */
import { error, hasErrors, SiteError, type Diagnostic } from "./errors.js";
import type { ResolvedConfig } from "./model.js";
import { DEFAULT_PATHS, type ConfigOverrides } from "./config/resolve-config.js";
import { readSourceAgain } from "./content/read-sources.js";
import { readAndValidate, findingSource } from "./prepare.js";
import { findingDiagnostics, withImage } from "./graph/content-findings.js";
import { emptyBodyWarnings } from "./content/article-notes.js";
import { planSchedule, type Schedule } from "./graph/schedule.js";
import { makeBuildReport, reportText } from "./build-report.js";
import { reportFileProblem, writeBuildReport } from "./output/report-file.js";
import { loadBuildWarnings, saveBuildWarnings } from "./cache/build-warnings.js";
import { renderArticles, renderStaticPages } from "./markdown/render-content.js";
import { stopIdleWorkers } from "./markdown/worker-pool.js";
import { buildSiteGraph, isPublished } from "./graph/build-graph.js";
import { missingAvatarWarnings, profilesByAuthor, profileWarnings } from "./graph/authors.js";
import { relateArticlesCached } from "./graph/related-cache.js";
import { planPages } from "./pages/plan-pages.js";
import { planPageOutputs } from "./render/render-pages.js";
import { planSiteMedia } from "./render/site-media.js";
import { planSiteImages } from "./images/site-images.js";
import { cachedBytes, cachedFacts } from "./images/plan-images.js";
import { planFeeds } from "./feeds/plan-feeds.js";
import { planRedirects, aliasTargets } from "./pages/plan-redirects.js";
import { planSearch } from "./search/plan-search.js";
import { readBundleFiles } from "./output/read-bundles.js";
import { isSystemError, type PendingWrite, type Writer, type WriteReport } from "./output/writer.js";
import { FolderWriter } from "./output/folder-writer.js";
import { LinkWriter } from "./output/link-writer.js";
import { acquireBuildLock, type LockBusy } from "./output/build-lock.js";
import { crashPoint } from "./output/crash-points.js";
import { mergeOutputs } from "./output/merge-outputs.js";
import { saveContentIndex } from "./cache/content-index.js";
import { generatorId } from "./cache/generator-id.js";
import { computeInputKey } from "./cache/input-key.js";

/** Options of a build: config overrides plus the edges tests may replace. */
export interface BuildOptions extends ConfigOverrides {
  /** Where the site goes. @default a FolderWriter on the resolved output folder (a LinkWriter with `atomicLink` or for the dev server) */
  readonly writer?: Writer;
  /** Wall clock in ms, used only without `now`. @default Date.now */
  readonly clock?: () => number;
  /** Called as Markdown bodies are rendered (for progress bars). */
  readonly onProgress?: (done: number, total: number) => void;
  /** The output folder is the dev server's (inside the cache, by design). @default false */
  readonly isDevOutput?: boolean;
  /** Publish as a link to a complete tree, switched at once (for servers that serve from a link). @default false: a real folder */
  readonly atomicLink?: boolean;
  /** Keep the Markdown workers for the next build (a long-lived process: the dev server). @default false */
  readonly keepWorkers?: boolean;
  /** Also write the build report to this file (--report); refused inside the site's folders. @default none */
  readonly reportFile?: string;
}

/** What a build did. */
export interface BuildResult {
  readonly isOk: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly config: ResolvedConfig | null;
  /** Output paths of the site (empty when the build failed). */
  readonly files: readonly string[];
  /** What changed on disk (null when the build failed). */
  readonly write: WriteReport | null;
  readonly stats: {
    readonly articles: number;
    readonly pages: number;
    readonly files: number;
    readonly rendered: number;
    /** Articles indexed for search in this build (0: the index came from the cache, or search is off). */
    readonly indexed: number;
    readonly ms: number;
  };
  /** Milliseconds spent in each step, in order (for `--timings` and benchmarks). */
  readonly timings: Readonly<Record<string, number>>;
  /** Drafts left out, scheduled and expired articles, and the next change (null when the build failed). */
  readonly schedule: Schedule | null;
}

/**
 * Builds the site. Never throws for bad input or a failing disk: problems come back as diagnostics,
 * the published site is left as it was, the lock is released and half-written files are removed.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  let last = started;
  const lap = (step: string) => {
    const now = performance.now();
    timings[step] = now - last;
    last = now;
  };
  const fail = (diagnostics: readonly Diagnostic[], config: ResolvedConfig | null = null): BuildResult => ({
    isOk: false,
    diagnostics,
    config,
    files: [],
    write: null,
    stats: { articles: 0, pages: 0, files: 0, rendered: 0, indexed: 0, ms: performance.now() - started },
    timings,
    schedule: null,
  });

  // 1–3. Check the output and cache folders, read and resolve settings, compile templates, read
  //      public/, validate every file (see prepare.ts).
  const out = options.writer ? null : (options.paths?.out ?? DEFAULT_PATHS.out);
  // Like --out, a --report that would land in the site's folders is refused before anything is read.
  const reportProblem =
    options.reportFile && reportFileProblem(options.reportFile, { ...DEFAULT_PATHS, ...options.paths, out });
  if (reportProblem) return fail([reportProblem]);
  let loaded: Awaited<ReturnType<typeof readAndValidate>>;
  try {
    loaded = await readAndValidate(options, { out, isDevOutput: options.isDevOutput ?? false });
  } catch (cause) {
    if (cause instanceof SiteError) return fail(cause.diagnostics);
    throw cause;
  }
  if ("failure" in loaded) return fail(loaded.failure, loaded.config);
  const { config, cache, index, env, content, profiles, stamps, bundles, publicFiles, key } = loaded;
  const diagnostics = [...loaded.diagnostics];
  lap("read-validate");

  // One build at a time writes an output folder (a killed build's lock is taken over).
  let lock: ReturnType<typeof acquireBuildLock> | null = null;
  try {
    lock = options.writer ? null : acquireBuildLock(config.paths.out);
  } catch (cause) {
    if (cause instanceof SiteError) return fail([...diagnostics, ...cause.diagnostics], config);
    return fail([...diagnostics, writeError(cause, config)], config);
  }
  if (lock && !("release" in lock)) return fail([...diagnostics, lockedDiagnostic(lock)], config);
  crashPoint("locked");
  let pending: PendingWrite | null = null;
  try {
    // 4. Nothing to do when every input is what the published site was built from.
    const writer =
      options.writer ??
      (options.atomicLink || options.isDevOutput
        ? new LinkWriter(config.paths.out, key)
        : new FolderWriter(config.paths.out, key));
    const published = content.articles.filter((a) => isPublished(a, config));
    const bundleProblems: Diagnostic[] = [];
    const bundleFiles = readBundleFiles(published, bundles, bundleProblems);
    if (hasErrors(bundleProblems)) return fail([...diagnostics, ...bundleProblems], config);
    const codeId = generatorId();
    const inputKey = computeInputKey({
      codeId,
      templatesId: env.id,
      config,
      published,
      pages: [...content.pages, ...profiles],
      publicFiles: [...publicFiles, ...bundleFiles],
    });
    diagnostics.push(...emptyBodyWarnings(published, content.notes));
    const schedule = planSchedule(content.articles, config);
    // The report a scheduler reads, beside the output's state (not the dev server's: it shows
    // drafts) and in --report; one that cannot be written fails the build before the site changes.
    const saveReport = (counts: { articles: number; pages: number }) =>
      writeBuildReport(reportText(makeBuildReport(schedule, counts, config)), {
        out: options.writer || options.isDevOutput ? null : config.paths.out,
        key,
        file: options.reportFile ?? null,
      });
    // Warnings from here on are found only by a full build: kept with the site, and given back by
    // a build with nothing to do (without them, build again rather than report fewer).
    const settled = diagnostics.length;
    const current = writer.current();
    const earlier = current?.stamp.inputKey === inputKey ? loadBuildWarnings(cache, config.paths.out, inputKey) : null;
    if (current?.stamp.inputKey === inputKey && earlier !== null) {
      // Still remember new file stamps (a touched file) and validation results (an edited draft).
      saveContentIndex(cache, index, { validation: content.entries, summaries: index.summaries, files: stamps });
      saveReport(current.stamp);
      lap("up-to-date");
      return {
        isOk: true,
        diagnostics: [...diagnostics, ...earlier],
        config,
        files: current.files,
        write: { changed: [], deleted: [], produced: 0 },
        stats: {
          articles: current.stamp.articles,
          pages: current.stamp.pages,
          files: current.files.length,
          rendered: 0,
          indexed: 0,
          ms: performance.now() - started,
        },
        timings,
        schedule,
      };
    }

    // 5. Render Markdown once per change, in worker threads, for the articles that will be published;
    //    related articles need no bodies, so they are ranked on this thread meanwhile.
    const rendering = renderArticles(published, readSourceAgain, config, {
      cache,
      summaries: index.summaries,
      threads: config.threads,
      onProgress: options.onProgress,
    });
    const related = relateArticlesCached(published, config, cache);
    const markdown = await rendering;
    const statics = await renderStaticPages(content.pages, config, cache);
    const pages = statics.pages;
    const bios = await renderStaticPages(profiles, config, cache);
    if (!options.keepWorkers) await stopIdleWorkers();
    // A body that missed its deadline fails the build like any content error, with every other problem.
    const late = [...markdown.diagnostics, ...statics.diagnostics, ...bios.diagnostics];
    if (late.length > 0) return fail([...diagnostics, ...late], config);
    lap("markdown");

    // 6. Connect: order, tags, authors (with their profiles), related articles, picks.
    const people = profilesByAuthor(bios.pages);
    const graph = buildSiteGraph(markdown.articles, pages, config, related, people.profiles);
    diagnostics.push(...people.diagnostics, ...profileWarnings(graph.authors, bios.pages));
    lap("graph");

    // The search index (search/plan-search): taken from the cache unless an article changed.
    const search = await planSearch(graph, config, markdown.store, cache);
    lap("search");

    // 7. Plan every output: responsive variants of every local picture pages show (images/), the
    //    site's card and raster logo (and the size of every picture pages show to machines), pages
    //    (through the templates), feeds, crawler files, public/.
    const sources = [
      ...graph.articles.map((a) => withImage(findingSource(a), a.slug, content.notes.get(a.sourcePath)?.image)),
      ...pages.map(findingSource),
    ];
    const siteFiles = [...publicFiles, ...bundleFiles];
    // Unreadable pictures fail the build below, with the missing ones (every problem in one run).
    const images = await planSiteImages(config, siteFiles, sources, graph.articles, cache);
    lap("images");
    const media = await planSiteMedia(config, siteFiles, graph.articles, codeId, {
      leads: images.leads,
      measure: cachedFacts(cache),
      keep: (key, make) => cachedBytes(cache, key, make, "drawn-media"),
    });
    if (hasErrors(media.diagnostics)) return fail([...diagnostics, ...media.diagnostics], config);
    diagnostics.push(...media.diagnostics);
    const specs = planPages(graph, config, markdown.store, { ...media.media, pictures: images.plan.pictures });
    const templateProblems = new Map<string, Diagnostic>();
    const generated = [
      ...planPageOutputs(specs, env, markdown.store, codeId, templateProblems),
      ...planFeeds(graph, specs, config, markdown.store, codeId, siteFiles),
      ...media.outputs,
      ...search.outputs,
      ...images.plan.outputs,
    ];
    // Old addresses: a redirect page at each alias, and _redirects (after public/'s own rules).
    const moved = planRedirects(graph, config, codeId, { generated, publicFiles, bundleFiles, notes: content.notes });
    const merged = mergeOutputs(moved.publicFiles, [...generated, ...moved.outputs], config.paths.public, bundleFiles);
    const conflicts = [...moved.diagnostics, ...merged.diagnostics];
    if (hasErrors(conflicts)) return fail([...diagnostics, ...conflicts], config);
    const outputPaths = new Set(merged.outputs.map((o) => o.path));
    const findings = [
      ...images.plan.diagnostics,
      ...findingDiagnostics(sources, outputPaths, aliasTargets(moved.redirects), config.site.missingImages),
      ...missingAvatarWarnings(graph.authors, outputPaths),
    ];
    if (hasErrors(findings)) return fail([...diagnostics, ...findings], config);
    diagnostics.push(...findings);
    lap("plan");

    // 8. Render what changed; only then touch the disk (staged tree, swapped in atomically).
    pending = await writer.prepare(merged.outputs, { inputKey, articles: graph.articles.length, pages: specs.length });
    if (templateProblems.size > 0) {
      pending.abandon();
      return fail([...diagnostics, ...templateProblems.values()], config);
    }
    lap("render");

    // 9. Remember validation results and Markdown summaries for the next build, write the build
    //    report, then publish: a cache that cannot be written (a full disk) fails the build before
    //    the site changes.
    crashPoint("index-saving");
    saveContentIndex(cache, index, { validation: content.entries, summaries: markdown.summaries, files: stamps });
    saveBuildWarnings(cache, config.paths.out, inputKey, diagnostics.slice(settled));
    saveReport({ articles: graph.articles.length, pages: specs.length });
    lap("save-cache");
    const report: WriteReport = await pending.commit();
    lap("write");
    return {
      isOk: true,
      diagnostics,
      config,
      files: merged.outputs.map((o) => o.path),
      write: report,
      stats: {
        articles: graph.articles.length,
        pages: specs.length,
        files: merged.outputs.length,
        rendered: markdown.rendered,
        indexed: search.indexed,
        ms: performance.now() - started,
      },
      timings,
      schedule,
    };
  } catch (cause) {
    // A file that vanished, a full disk, a link planted in the output: named, never a stack trace.
    if (cause instanceof SiteError || isSystemError(cause)) pending?.abandon();
    if (cause instanceof SiteError) return fail([...diagnostics, ...cause.diagnostics], config);
    if (isSystemError(cause)) return fail([...diagnostics, writeError(cause, config)], config);
    throw cause;
  } finally {
    if (lock && "release" in lock) lock.release();
  }
}

function lockedDiagnostic(busy: LockBusy): Diagnostic {
  const who = busy.holder ? ` (process ${busy.holder.pid} on ${busy.holder.host}, since ${busy.holder.since})` : "";
  return error("BuildLocked", `Another build is writing this site${who}`, {
    file: busy.path,
    hint: `Wait for it to finish and build again. If no build is running (e.g. it ran on another machine), remove ${busy.path}.`,
  });
}

function writeError(cause: unknown, config: ResolvedConfig): Diagnostic {
  return error("WriteError", `Cannot write the site: ${(cause as Error).message}`, {
    file: config.paths.out,
    hint: "Check that the output folder's parent is writable and the disk has room.",
  });
}
