/** The build, as a table of contents: pure stages (plan-site.ts) between the executor's I/O (executor.ts). */
import { hasErrors, type Diagnostic } from "./errors.js";
import { emptyBodyWarnings } from "./content/article-notes.js";
import { planSchedule } from "./graph/schedule.js";
import { connectSite, planSite } from "./plan-site.js";
import { Executor } from "./executor.js";
import {
  type BuildOptions,
  type BuildResult,
  buildClock,
  builtSite,
  failureOf,
  loadSite,
  openSite,
  upToDate,
} from "./build-steps.js";
import { crashPoint } from "./output/crash-points.js";
import type { PendingWrite } from "./output/writer.js";

export type { BuildOptions, BuildResult, BuiltSite, FailedBuild } from "./build-steps.js";
export type BuildStats = import("./build-steps.js").BuiltSite["stats"];

/**
 * Builds the site. Never throws for bad input or a failing disk: problems come back as diagnostics,
 * the published site is left as it was, the lock is released and half-written files are removed.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const clock = buildClock();
  const { lap, fail } = clock;
  // 1–3. Settings, templates, public/ and every file validated (prepare.ts).
  const loaded = await loadSite(options);
  if ("failure" in loaded) return fail(loaded.failure, loaded.config);
  const { config, env, content } = loaded;
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
    const { bundleFiles } = site;
    const connected = connectSite({
      ...run.siteInputs(rendered, { bundleFiles, templatesId: env.id, linksOf: "published" }),
      previous: run.previousPlan(),
    });
    lap("graph");

    // 7. Measure every picture pages show (variants, crops, card, logo), then plan every output and
    //    find every problem with it (pure): pages, feeds, copies, redirects, links.
    const measured = await run.measure(connected, true);
    lap("images");
    const plan = planSite(connected, measured);
    if (!plan.isOk) return fail([...diagnostics, ...plan.diagnostics], config);
    diagnostics.push(...plan.diagnostics);
    run.rememberPlan(plan);
    lap("plan");

    // 8. The search index, for a site that will be published; from the cache unless an article changed.
    const search = await run.index(plan);
    if (hasErrors(search.diagnostics)) return fail([...diagnostics, ...search.diagnostics], config);
    lap("search");

    // 9. Produce what changed into a staging area (kept outputs placed from the cache, pages through
    //    the templates); only then touch the disk.
    const counts = { articles: plan.graph.articles.length, pages: plan.pages.length };
    const written = await run.write(site.writer, env, plan, search.outputs, { inputKey: site.inputKey, ...counts });
    pending = written.pending;
    if (written.templateProblems.length > 0) {
      pending.abandon();
      return fail([...diagnostics, ...written.templateProblems], config);
    }
    lap("render");

    // 10. Remember, write the report, then publish (a cache that cannot be written fails the build
    //     before the site changes).
    crashPoint("index-saving");
    run.remember(rendered, site, diagnostics.slice(settled));
    site.saveReport(counts);
    lap("save-cache");
    const write = await pending.commit();
    lap("write");
    const { indexed } = search;
    const outputs = [...plan.outputs, ...search.outputs];
    return builtSite(
      { diagnostics, config, schedule, write },
      outputs,
      { ...counts, rendered: rendered.rendered, indexed },
      clock,
    );
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
