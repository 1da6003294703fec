/**
 * `broadsheet check`: everything a build validates, and what only a reader would notice (links
 * that go nowhere, images without alt text, shortcodes shown as text), without writing a site.
 * Drafts and future articles are checked too; rendered bodies go to the cache, so a build after
 * a check is quicker.
 */
import { hasErrors, SiteError, type Diagnostic } from "./errors.js";
import type { ConfigOverrides } from "./config/resolve-config.js";
import type { ResolvedConfig } from "./model.js";
import { readAndValidate } from "./prepare.js";
import { isPublished } from "./graph/build-graph.js";
import { emptyBodyWarnings } from "./content/article-notes.js";
import { planSchedule, type Schedule } from "./graph/schedule.js";
import { readBundleFiles } from "./output/read-bundles.js";
import { articlePath, outputPathFor } from "./pages/urls.js";
import { saveContentIndex } from "./cache/content-index.js";
import { connectSite, planSite } from "./plan-site.js";
import { Executor } from "./executor.js";

/** What a check found. */
export interface CheckResult {
  /** False when any diagnostic is an error. */
  readonly isOk: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: { readonly articles: number; readonly pages: number; readonly ms: number };
  /** The settings checked with (null when they could not be read). */
  readonly config: ResolvedConfig | null;
  /** What the published site will leave out at the clock, and what changes next (null without settings). */
  readonly schedule: Schedule | null;
}

/** Checks the site; never writes it. A file that cannot be read is a diagnostic, never an exception. */
export async function check(options: ConfigOverrides & { readonly clock?: () => number } = {}): Promise<CheckResult> {
  const started = performance.now();
  try {
    return await checkSite(options, started);
  } catch (cause) {
    if (!(cause instanceof SiteError)) throw cause;
    return {
      isOk: false,
      diagnostics: cause.diagnostics,
      stats: { articles: 0, pages: 0, ms: performance.now() - started },
      config: null,
      schedule: null,
    };
  }
}

async function checkSite(
  options: ConfigOverrides & { readonly clock?: () => number },
  started: number,
): Promise<CheckResult> {
  const loaded = await readAndValidate(options);
  const prepared = "failure" in loaded ? loaded.partial : loaded;
  const diagnostics = "failure" in loaded ? [...loaded.failure] : [...loaded.diagnostics];
  const done = (
    articles = 0,
    pages = 0,
    config: ResolvedConfig | null = null,
    schedule: Schedule | null = null,
  ): CheckResult => ({
    isOk: !hasErrors(diagnostics),
    diagnostics,
    stats: { articles, pages, ms: performance.now() - started },
    config,
    schedule,
  });
  if (!prepared) return done();
  const { config, cache, index, content, bundles } = prepared;
  diagnostics.push(...emptyBodyWarnings(content.articles, content.notes));

  // Every valid article's body, drafts and future ones included.
  const run = new Executor(prepared);
  const rendered = await run.renderContent(content.articles, false);
  diagnostics.push(...rendered.diagnostics);

  // The site a build would publish, planned as the build plans it (pictures probed, not encoded,
  // nothing drawn); every article's links are checked, and drafts' pages count as pages-to-be.
  const published = { ...config, includeDrafts: false };
  const connected = connectSite(
    run.siteInputs(rendered, {
      config: published,
      templatesId: "",
      bundleFiles: readBundleFiles(content.articles, bundles, diagnostics),
      linksOf: "all",
      alsoPresent: content.articles
        .filter((a) => !isPublished(a, published))
        .map((a) => outputPathFor(articlePath(a.slug))),
    }),
  );
  const plan = planSite(connected, await run.measure(connected, false));
  diagnostics.push(...plan.diagnostics);

  saveContentIndex(cache, index, {
    validation: content.entries,
    summaries: new Map([...index.summaries, ...rendered.summaries]),
    files: prepared.stamps,
  });
  return done(content.articles.length, content.pages.length, config, planSchedule(content.articles, published));
}
