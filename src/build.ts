/** The build, as a table of contents: each step is a stage; only read/load/write touch the disk. */
import path from "node:path";
import { error, hasErrors, type Diagnostic } from "./errors.js";
import type { OutputFile, ResolvedConfig } from "./model.js";
import { resolveConfig, DEFAULT_PATHS, type ConfigOverrides } from "./config/resolve-config.js";
import { readSources } from "./content/read-sources.js";
import { validateContent } from "./content/validate-content.js";
import { renderArticles, renderStaticPages } from "./markdown/render-content.js";
import { buildSiteGraph, isPublished } from "./graph/build-graph.js";
import { planPages } from "./pages/plan-pages.js";
import { loadTemplates } from "./render/load-templates.js";
import { createTemplateEnv } from "./render/handlebars-env.js";
import { renderPages } from "./render/render-pages.js";
import { renderFeeds } from "./feeds/plan-feeds.js";
import { readPublic } from "./output/read-public.js";
import { FsWriter, type Writer } from "./output/writer.js";
import { mergeOutputs } from "./output/merge-outputs.js";

/** Options of a build: config overrides plus the edges tests may replace. */
export interface BuildOptions extends ConfigOverrides {
  /** Where the site goes. @default an FsWriter on the resolved output folder */
  readonly writer?: Writer;
  /** Wall clock in ms, used only without `now`. @default Date.now */
  readonly clock?: () => number;
}

/** What a build did. */
export interface BuildResult {
  readonly isOk: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly config: ResolvedConfig | null;
  /** Output paths written (empty when the build failed). */
  readonly files: readonly string[];
  readonly stats: { readonly articles: number; readonly pages: number; readonly files: number; readonly ms: number };
}

/** Builds the site. Never throws for bad input: problems come back as diagnostics and nothing is written. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const fail = (diagnostics: readonly Diagnostic[], config: ResolvedConfig | null = null): BuildResult => ({ isOk: false, diagnostics, config, files: [], stats: { articles: 0, pages: 0, files: 0, ms: performance.now() - started } });

  // 1. Read the content folder (I/O) and resolve settings: defaults < site.yaml < CLI.
  const contentDir = options.paths?.content ?? DEFAULT_PATHS.content;
  const sources = await readSources(contentDir);
  const config = resolveConfig(sources.siteYaml, options, (options.clock ?? Date.now)(), path.join(contentDir, "site.yaml"));
  if (Array.isArray(config)) return fail([...sources.diagnostics, ...config]);

  // 2. Load and compile templates (strict), so template errors join content errors in one report.
  const templates = await loadTemplates(config.paths.templates);
  const env = Array.isArray(templates) ? templates : createTemplateEnv(templates, config.site);

  // 3. Parse and validate every article and page; collect every problem before failing.
  const content = validateContent(sources.articles, sources.pages, config.site.timeZone);
  const diagnostics = [...sources.diagnostics, ...content.diagnostics, ...(Array.isArray(env) ? env : [])];
  if (hasErrors(diagnostics) || Array.isArray(env)) return fail(diagnostics, config);

  // 4. Render Markdown once, for the articles that will be published.
  const articles = renderArticles(content.articles.filter((a) => isPublished(a, config)), config);
  const pages = renderStaticPages(content.pages, config);

  // 5. Connect: order, tags, related articles, picks.
  const graph = buildSiteGraph(articles, pages, config);

  // 6. Plan the route table and render it through the templates.
  const specs = planPages(graph, config);
  const html = renderPages(specs, env);
  if (html.diagnostics.length > 0) return fail([...diagnostics, ...html.diagnostics], config);

  // 7. Feeds, sitemap, robots.txt; then public/ copied as is.
  const feeds = renderFeeds(graph, specs, config);
  const merged = mergeOutputs(await readPublic(config.paths.public), [...html.files, ...feeds], config.paths.public);
  if (hasErrors(merged.diagnostics)) return fail([...diagnostics, ...merged.diagnostics], config);

  // 8. Write: staged, then swapped in, so a failure leaves the previous site untouched.
  const files: OutputFile[] = merged.files;
  try {
    await (options.writer ?? new FsWriter(config.paths.out)).writeSite(files);
  } catch (cause) {
    return fail([...diagnostics, error("WriteError", `Cannot write the site: ${(cause as Error).message}`, { file: config.paths.out, hint: "Check that the output folder's parent exists and is writable." })], config);
  }
  return {
    isOk: true,
    diagnostics,
    config,
    files: files.map((f) => f.path),
    stats: { articles: graph.articles.length, pages: specs.length, files: files.length, ms: performance.now() - started },
  };
}
