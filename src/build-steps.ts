/**
 * The steps of build.ts that are about the build itself rather than the site: what it returns, the
 * lock and the writer, the inputs' key, the build report, and a build with nothing to do.
 */
import { error, hasErrors, SiteError, type Diagnostic } from "./errors.js";
import type { OutputFile, ResolvedConfig } from "./model.js";
import { readAndValidate, type Loaded, type Prepared } from "./prepare.js";
import { DEFAULT_PATHS, type ConfigOverrides } from "./config/resolve-config.js";
import type { Schedule } from "./graph/schedule.js";
import { isPublished } from "./graph/build-graph.js";
import { makeBuildReport, reportText } from "./build-report.js";
import { reportFileProblem, writeBuildReport } from "./output/report-file.js";
import { loadBuildWarnings } from "./cache/build-warnings.js";
import { saveContentIndex } from "./cache/content-index.js";
import { computeInputKey } from "./cache/input-key.js";
import { readBundleFiles, type BundleFile } from "./output/read-bundles.js";
import { acquireBuildLock, type LockBusy } from "./output/build-lock.js";
import { FolderWriter } from "./output/folder-writer.js";
import { KeptOutputs } from "./output/kept-outputs.js";
import { LinkWriter } from "./output/link-writer.js";
import { isSystemError, type WriteReport, type Writer } from "./output/writer.js";
import { crashPoint } from "./output/crash-points.js";
import { generatorId } from "./cache/generator-id.js";

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

/** Counts for the summary line. */
interface BuildStats {
  readonly articles: number;
  readonly pages: number;
  readonly files: number;
  /** Markdown bodies rendered in this build (the rest came from the cache). */
  readonly rendered: number;
  /** Outputs placed from the cache by fingerprint instead of produced (pages, feeds, picture variants). */
  readonly reused: number;
  /** Articles indexed for search in this build (0: the index came from the cache, or search is off). */
  readonly indexed: number;
  readonly ms: number;
}

/** A build that published a site (or found it up to date). */
export interface BuiltSite {
  readonly isOk: true;
  readonly diagnostics: readonly Diagnostic[];
  readonly config: ResolvedConfig;
  /** Output paths of the site. */
  readonly files: readonly string[];
  /** What changed on disk. */
  readonly write: WriteReport;
  readonly stats: BuildStats;
  /** Milliseconds spent in each step, in order (for `--timings` and benchmarks). */
  readonly timings: Readonly<Record<string, number>>;
  /** Drafts left out, scheduled and expired articles, and the next change. */
  readonly schedule: Schedule;
}

/** A build that failed: the published site was left as it was. */
export interface FailedBuild {
  readonly isOk: false;
  readonly diagnostics: readonly Diagnostic[];
  /** The settings, when they could be read. */
  readonly config: ResolvedConfig | null;
  readonly files: readonly [];
  readonly write: null;
  readonly stats: BuildStats;
  readonly timings: Readonly<Record<string, number>>;
  readonly schedule: null;
}

/** What a build did. */
export type BuildResult = BuiltSite | FailedBuild;

/** A stopwatch for `--timings`, and the result of a failed build. */
export function buildClock() {
  const started = performance.now();
  const timings: Record<string, number> = {};
  let last = started;
  return {
    timings,
    ms: () => performance.now() - started,
    lap(step: string) {
      const now = performance.now();
      timings[step] = now - last;
      last = now;
    },
    fail(diagnostics: readonly Diagnostic[], config: ResolvedConfig | null = null): FailedBuild {
      const stats = {
        articles: 0,
        pages: 0,
        files: 0,
        rendered: 0,
        reused: 0,
        indexed: 0,
        ms: performance.now() - started,
      };
      return { isOk: false, diagnostics, config, files: [], write: null, stats, timings, schedule: null };
    },
  };
}

/**
 * Steps 1–3 (prepare.ts): settings, templates, public/ and every file validated. A --report or --out
 * that would land in the site's folders is refused before anything is read.
 */
export async function loadSite(options: BuildOptions): Promise<Loaded> {
  const out = options.writer ? null : (options.paths?.out ?? DEFAULT_PATHS.out);
  const reportProblem =
    options.reportFile && reportFileProblem(options.reportFile, { ...DEFAULT_PATHS, ...options.paths, out });
  if (reportProblem) return { failure: [reportProblem], config: null };
  try {
    return await readAndValidate(options, { out, isDevOutput: options.isDevOutput ?? false });
  } catch (cause) {
    if (cause instanceof SiteError) return { failure: cause.diagnostics, config: null };
    throw cause;
  }
}

/** What a published build returns. */
export function builtSite(
  done: { diagnostics: readonly Diagnostic[]; config: ResolvedConfig; schedule: Schedule; write: WriteReport },
  outputs: readonly { readonly path: string }[],
  counts: { articles: number; pages: number; rendered: number; indexed: number },
  clock: ReturnType<typeof buildClock>,
): BuiltSite {
  const files = outputs.map((o) => o.path).sort();
  const stats = { ...counts, files: files.length, reused: done.write.reused, ms: clock.ms() };
  return { isOk: true, ...done, files, stats, timings: clock.timings };
}

/** The site about to be built: its writer, lock, copied bundle files, inputs' key and report. */
export interface OpenSite {
  readonly writer: Writer;
  readonly published: readonly import("./model.js").Article[];
  readonly bundleFiles: readonly BundleFile[];
  readonly siteFiles: readonly OutputFile[];
  readonly inputKey: string;
  /** Writes the build report (beside the output's state, and to --report). */
  saveReport(counts: { articles: number; pages: number }): void;
  release(): void;
}

/**
 * Takes the output folder's lock (one build at a time; a killed build's lock is taken over), reads
 * the published articles' bundle files and computes the key of every input. Problems are returned.
 */
export function openSite(loaded: Prepared, options: BuildOptions, schedule: Schedule): OpenSite | Diagnostic[] {
  const { config, key, content, profiles, bundles, publicFiles, env, cache } = loaded;
  let lock: ReturnType<typeof acquireBuildLock> | null;
  try {
    lock = options.writer ? null : acquireBuildLock(config.paths.out);
  } catch (cause) {
    if (cause instanceof SiteError) return [...cause.diagnostics];
    return [writeError(cause, config)];
  }
  if (lock && !("release" in lock)) return [lockedDiagnostic(lock)];
  const release = () => lock && "release" in lock && lock.release();
  crashPoint("locked");
  const published = content.articles.filter((a) => isPublished(a, config));
  const problems: Diagnostic[] = [];
  const bundleFiles = readBundleFiles(published, bundles, problems);
  if (hasErrors(problems)) {
    release();
    return problems;
  }
  const inputKey = computeInputKey({
    codeId: generatorId(),
    templatesId: env.id,
    config,
    published,
    pages: [...content.pages, ...profiles],
    publicFiles: [...publicFiles, ...bundleFiles],
  });
  return {
    writer:
      options.writer ??
      (options.atomicLink || options.isDevOutput
        ? new LinkWriter(config.paths.out, key)
        : new FolderWriter(config.paths.out, key, cache.dir === null ? null : new KeptOutputs(cache))),
    published,
    bundleFiles,
    siteFiles: [...publicFiles, ...bundleFiles],
    inputKey,
    // The report a scheduler reads, beside the output's state (not the dev server's: it shows
    // drafts) and in --report; one that cannot be written fails the build before the site changes.
    saveReport: (counts) =>
      writeBuildReport(reportText(makeBuildReport(schedule, counts, config)), {
        out: options.writer || options.isDevOutput ? null : config.paths.out,
        key,
        file: options.reportFile ?? null,
      }),
    release,
  };
}

/**
 * A build with nothing to do: every input is what the published site was built from. Warnings only
 * a full build finds are kept with the site and given back (without them, build again rather than
 * report fewer). New file stamps and validation results are still remembered.
 */
export function upToDate(
  loaded: Prepared,
  site: OpenSite,
  diagnostics: readonly Diagnostic[],
  schedule: Schedule,
  clock: ReturnType<typeof buildClock>,
): BuiltSite | null {
  const { cache, index, config, content, stamps } = loaded;
  const current = site.writer.current();
  if (current?.stamp.inputKey !== site.inputKey) return null;
  const earlier = loadBuildWarnings(cache, config.paths.out, site.inputKey);
  if (earlier === null) return null;
  saveContentIndex(cache, index, { validation: content.entries, summaries: index.summaries, files: stamps });
  site.saveReport(current.stamp);
  clock.lap("up-to-date");
  const { articles, pages } = current.stamp;
  return {
    isOk: true,
    diagnostics: [...diagnostics, ...earlier],
    config,
    files: current.files,
    write: { changed: [], deleted: [], produced: 0, reused: 0 },
    stats: { articles, pages, files: current.files.length, rendered: 0, reused: 0, indexed: 0, ms: clock.ms() },
    timings: clock.timings,
    schedule,
  };
}

/** A failure of the disk or a SiteError thrown by a step, as diagnostics; anything else is a bug. */
export function failureOf(cause: unknown, config: ResolvedConfig): Diagnostic[] | null {
  if (cause instanceof SiteError) return [...cause.diagnostics];
  if (isSystemError(cause)) return [writeError(cause, config)];
  return null;
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
