/** One dev build: run build(), report to the terminal, and decide what open pages must hear. */
import { build, type BuildOptions } from "../build.js";
import { formatDiagnostics, withCodeFrames } from "../report.js";
import { frameReaderFor } from "../read-for-frame.js";
import type { LiveEvent, SiteState } from "./live-events.js";
import { reportProblems, type ProblemReport } from "./overlay.js";

/** What one build attempt came to. */
export type BuildOutcome =
  | {
      readonly isOk: true;
      readonly hasChanges: boolean /** The site's base path ("" or "/news"). */;
      readonly basePath?: string;
    }
  | { readonly isOk: false; readonly failure: ProblemReport };

// As `broadsheet build`: every error, but a site full of warnings must not bury the summary line.
const MAX_WARNINGS = 20;

/**
 * Builds, printing diagnostics with code frames (and up to 20 warnings) and a summary line. Never
 * throws: an exception from build() (a bug) is printed with its stack and becomes a problem.
 */
export async function runDevBuild(
  options: BuildOptions,
  log: (line: string) => void,
  isFirst: boolean,
): Promise<BuildOutcome> {
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build(options);
  } catch (cause) {
    const stack = (cause as Error)?.stack ?? String(cause);
    log(`Internal error: the build threw an exception; the site being served is unchanged.\n${stack}`);
    return {
      isOk: false,
      failure: reportProblems([
        {
          code: "InternalError",
          severity: "error",
          message: `Internal error: ${(cause as Error)?.message ?? String(cause)}`,
          hint: "This is a bug in Broadsheet: please report it with the stack trace below.",
          frame: stack,
        },
      ]),
    };
  }
  const diagnostics = withCodeFrames(result.diagnostics, frameReaderFor(options.paths));
  if (diagnostics.length > 0) log(formatDiagnostics(diagnostics, { maxWarnings: MAX_WARNINGS }));
  if (!result.isOk) {
    log("Build failed; the site being served is unchanged.");
    return { isOk: false, failure: reportProblems(diagnostics) };
  }
  const { articles, pages, files, rendered, ms } = result.stats;
  const write = result.write!;
  log(
    isFirst
      ? `Built ${articles} articles, ${pages} pages, ${files} files (${rendered} rendered) in ${(ms / 1000).toFixed(2)} s`
      : `Rebuilt in ${ms.toFixed(0)} ms (${rendered} rendered, ${write.changed.length} changed, ${write.deleted.length} deleted)`,
  );
  return {
    isOk: true,
    hasChanges: write.changed.length > 0 || write.deleted.length > 0,
    basePath: result.config!.basePath,
  };
}

/**
 * The state after `outcome` and the event open pages need, if any. Pure. A good build reloads
 * pages when files changed, when it is the first, or when it clears problems (the reload removes
 * the overlay); a failed one keeps the last good build and sends its problems.
 */
export function settleBuild(
  state: SiteState,
  outcome: BuildOutcome,
  nextBuildId: () => string,
): { state: SiteState; event: LiveEvent | null } {
  if (!outcome.isOk)
    return { state: { build: state.build, failure: outcome.failure }, event: { name: "error", ...outcome.failure } };
  if (state.build !== null && !outcome.hasChanges && state.failure === null) return { state, event: null };
  const build = nextBuildId();
  return { state: { build, failure: null }, event: { name: "reload", build } };
}
