/** The build, as a table of contents: pure stages (plan-site.ts) between the executor's I/O (executor.ts). */
import { hasErrors, SiteError, type Diagnostic } from "./errors.js";
import { DEFAULT_PATHS, type ConfigOverrides } from "./config/resolve-config.js";
import { readAndValidate } from "./prepare.js";
import { emptyBodyWarnings } from "./content/article-notes.js";
import { planSchedule } from "./graph/schedule.js";
import { connectSite, planSite } from "./plan-site.js";
import { Executor } from "./executor.js";
import { buildClock, failureOf, openSite, upToDate, type BuildResult } from "./build-steps.js";
import { reportFileProblem } from "./output/report-file.js";
import { saveContentIndex } from "./cache/content-index.js";
import { saveBuildWarnings } from "./cache/build-warnings.js";
import { crashPoint } from "./output/crash-points.js";
import type { PendingWrite, Writer } from "./output/writer.js";

export type { BuildResult, BuiltSite, FailedBuild } from "./build-steps.js";
export type BuildStats = import("./build-steps.js").BuiltSite["stats"];

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

/**
 * Builds the site. Never throws for bad input or a failing disk: problems come back as diagnostics,
 * the published site is left as it was, the lock is released and half-written files are removed.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const clock = buildClock();
  const { lap, fail } = clock;
  // 1–3. Settings, templates, public/ and every file validated (prepare.ts); a --report or --out
  //      that would land in the site's folders is refused before anything is read.
  const out = options.writer ? null : (options.paths?.out ?? DEFAULT_PATHS.out);
  const reportProblem =
    options.reportFile && reportFileProblem(options.reportFile, { ...DEFAULT_PATHS, ...options.paths, out });
  if (reportProblem) return fail([reportProblem]);
  const loaded = await readAndValidate(options, { out, isDevOutput: options.isDevOutput ?? false }).catch((cause) => {
    if (cause instanceof SiteError) return { failure: cause.diagnostics, config: null };
    throw cause;
  });
  if ("failure" in loaded) return fail(loaded.failure, loaded.config);
  const { config, cache, index, env, content, stamps } = loaded;
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  lap("read-validate");

  // 4. Lock the output folder; nothing to do when every input is what the published site was built from.
  const schedule = planSchedule(content.articles, config);
  const site = openSite(loaded, options, schedule);
  if (Array.isArray(site)) return fail([...diagnostics, ...site], config);
  let pending: PendingWrite | null = null;
  try {
    diagnostics.push(...emptyBodyWarnings(site.published, content.notes));
    const settled = diagnostics.length;
    const same = upToDate(loaded, site, diagnostics, schedule, clock);
    if (same) return same;

    // 5. Render Markdown once per change, in worker threads; rank related articles meanwhile.
    const run = new Executor(loaded, options);
    const rendered = await run.renderContent(site.published, true);
    if (rendered.diagnostics.length > 0) return fail([...diagnostics, ...rendered.diagnostics], config);
    lap("markdown");

    // 6. Connect (pure): order, tags, authors and their profiles, related articles, picks.
    const { publicFiles } = loaded;
    const inputs = {
      config,
      codeId: run.codeId,
      templatesId: env.id,
      ...rendered,
      publicFiles,
      bundleFiles: site.bundleFiles,
      notes: content.notes,
      linksOf: "published" as const,
    };
    const connected = connectSite(inputs);
    lap("graph");

    // 7. Measure every picture pages show (variants, crops, the card and logo), then plan every
    //    output and find every problem with it (pure): pages, feeds, copies, redirects, links.
    const measured = await run.measure(connected, true);
    lap("images");
    const plan = planSite(connected, measured);
    if (!plan.isOk) return fail([...diagnostics, ...plan.diagnostics], config);
    diagnostics.push(...plan.diagnostics);
    lap("plan");

    // 8. The search index (only for a site that will be published), taken from the cache unless an article changed.
    const search = await run.index(plan);
    if (hasErrors(search.diagnostics)) return fail([...diagnostics, ...search.diagnostics], config);
    lap("search");

    // 9. Produce what changed into a staging area (pages from the cache by fingerprint, else
    //    through the templates); only then touch the disk.
    const counts = { articles: plan.graph.articles.length, pages: plan.pages.length };
    const written = await run.write(site.writer, env, plan, search.outputs, { inputKey: site.inputKey, ...counts });
    pending = written.pending;
    if (written.templateProblems.length > 0) {
      pending.abandon();
      return fail([...diagnostics, ...written.templateProblems], config);
    }
    lap("render");

    // 10. Remember validation results, summaries and warnings; write the report; then publish
    //     (a cache that cannot be written fails the build before the site changes).
    crashPoint("index-saving");
    saveContentIndex(cache, index, { validation: content.entries, summaries: rendered.summaries, files: stamps });
    saveBuildWarnings(cache, config.paths.out, site.inputKey, diagnostics.slice(settled));
    site.saveReport(counts);
    lap("save-cache");
    const write = await pending.commit();
    lap("write");
    const files = [...plan.outputs, ...search.outputs].map((o) => o.path).sort();
    const { indexed } = search;
    const stats = {
      ...counts,
      files: files.length,
      rendered: rendered.rendered,
      reused: write.reused,
      indexed,
      ms: clock.ms(),
    };
    return { isOk: true, diagnostics, config, files, write, stats, timings: clock.timings, schedule };
  } catch (cause) {
    // A file that vanished, a full disk, a link planted in the output: named, never a stack trace.
    const failure = failureOf(cause, config);
    if (failure === null) throw cause;
    pending?.abandon();
    return fail([...diagnostics, ...failure], config);
  } finally {
    site.release();
  }
}
