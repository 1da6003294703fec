/**
 * `broadsheet check`: everything a build validates, and what only a reader would notice (links
 * that go nowhere, images without alt text, shortcodes shown as text), without writing a site.
 * Drafts and future articles are checked too; rendered bodies go to the cache, so a build after
 * a check is quicker.
 */
import { hasErrors, SiteError, type Diagnostic } from "./errors.js";
import type { ConfigOverrides } from "./config/resolve-config.js";
import type { ResolvedConfig } from "./model.js";
import { readSourceAgain } from "./content/read-sources.js";
import { readAndValidate, findingSource } from "./prepare.js";
import { renderArticles, renderStaticPages } from "./markdown/render-content.js";
import { stopIdleWorkers } from "./markdown/worker-pool.js";
import { buildSiteGraph, isPublished } from "./graph/build-graph.js";
import { missingAvatarWarnings, profilesByAuthor, profileWarnings } from "./graph/authors.js";
import { findingDiagnostics, withImage } from "./graph/content-findings.js";
import { emptyBodyWarnings } from "./content/article-notes.js";
import { planSchedule, type Schedule } from "./graph/schedule.js";
import { planPages } from "./pages/plan-pages.js";
import { planFeeds } from "./feeds/plan-feeds.js";
import { planSiteMedia } from "./render/site-media.js";
import { planSiteImages } from "./images/site-images.js";
import { cachedFacts } from "./images/plan-images.js";
import { readBundleFiles } from "./output/read-bundles.js";
import { mergeOutputs } from "./output/merge-outputs.js";
import { aliasTargets, planRedirects } from "./pages/plan-redirects.js";
import type { PlannedOutput } from "./output/writer.js";
import { articlePath, outputPathFor } from "./pages/urls.js";
import { generatorId } from "./cache/generator-id.js";
import { saveContentIndex } from "./cache/content-index.js";

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
  const { config, cache, index, content, profiles, bundles, publicFiles } = prepared;
  diagnostics.push(...emptyBodyWarnings(content.articles, content.notes));

  // Every valid article's body, drafts and future ones included.
  const markdown = await renderArticles(content.articles, readSourceAgain, config, {
    cache,
    summaries: index.summaries,
    threads: config.threads,
  });
  const statics = await renderStaticPages(content.pages, config, cache);
  const bios = await renderStaticPages(profiles, config, cache);
  await stopIdleWorkers();
  const pages = statics.pages;
  diagnostics.push(...markdown.diagnostics, ...statics.diagnostics, ...bios.diagnostics);

  // The files the published site will have; drafts and future articles count as pages-to-be.
  const published = { ...config, includeDrafts: false };
  const people = profilesByAuthor(bios.pages);
  const graph = buildSiteGraph(markdown.articles, pages, published, new Map(), people.profiles);
  diagnostics.push(...people.diagnostics, ...profileWarnings(graph.authors, bios.pages));
  const bundleFiles = readBundleFiles(content.articles, bundles, diagnostics);
  const siteFiles = [...publicFiles, ...bundleFiles];
  // Every picture shown, as the build plans it (probed, not encoded): unreadable ones are named.
  const sources = [
    ...markdown.articles.map((a) => withImage(findingSource(a), a.slug, content.notes.get(a.sourcePath)?.image)),
    ...pages.map(findingSource),
  ];
  const images = await planSiteImages(published, siteFiles, sources, graph.articles, cache);
  diagnostics.push(...images.plan.diagnostics);
  // The card and raster logo the build would draw (planned, not drawn), and what is wrong with the pictures.
  const media = await planSiteMedia(published, siteFiles, graph.articles, generatorId(), {
    leads: images.leads,
    measure: cachedFacts(cache),
  });
  diagnostics.push(...media.diagnostics);
  const specs = planPages(graph, published, markdown.store, { ...media.media, pictures: images.plan.pictures });
  const planned: PlannedOutput[] = [
    ...specs.map((s) => ({ path: s.outputPath, fingerprint: null, produce: () => "" })),
    ...planFeeds(graph, specs, published, markdown.store, generatorId(), siteFiles),
    ...media.outputs,
    ...images.plan.outputs,
  ];
  const moved = planRedirects(graph, published, generatorId(), {
    generated: planned,
    publicFiles,
    bundleFiles,
    notes: content.notes,
  });
  const merged = mergeOutputs(moved.publicFiles, [...planned, ...moved.outputs], config.paths.public, bundleFiles);
  const files = new Set(merged.outputs.map((o) => o.path));
  for (const a of content.articles) if (!isPublished(a, published)) files.add(outputPathFor(articlePath(a.slug)));
  diagnostics.push(
    ...moved.diagnostics,
    ...merged.diagnostics,
    ...findingDiagnostics(sources, files, aliasTargets(moved.redirects), config.site.missingImages),
    ...missingAvatarWarnings(graph.authors, files),
  );

  saveContentIndex(cache, index, {
    validation: content.entries,
    summaries: new Map([...index.summaries, ...markdown.summaries]),
    files: prepared.stamps,
  });
  return done(content.articles.length, content.pages.length, config, planSchedule(content.articles, published));
}
