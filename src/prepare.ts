/** Steps 1–3 of a build or a check: settings, templates and validated content, every problem collected. */
import path from "node:path";
import { hasErrors, type Diagnostic } from "./errors.js";
import type { ResolvedConfig, RenderedArticle, StaticPage } from "./model.js";
import { resolveConfig, DEFAULT_PATHS, type ConfigOverrides } from "./config/resolve-config.js";
import { readSources, type Bundle, type FileStamp } from "./content/read-sources.js";
import { validateContent } from "./content/validate-content.js";
import { loadTemplates } from "./render/load-templates.js";
import { createTemplateEnv, type TemplateEnv } from "./render/handlebars-env.js";
import { DiskCache } from "./cache/disk-cache.js";
import { loadContentIndex, type ContentIndex } from "./cache/content-index.js";
import type { FindingSource } from "./graph/content-findings.js";

/**
 * Steps 1–3: read the content folder (I/O) and resolve settings (defaults < site.yaml < CLI), load
 * and compile the templates (strict), parse and validate every article and page (unchanged files
 * come from the cache index). Every problem is collected before failing. Source texts are not
 * returned: they are garbage once validated, which keeps large builds small.
 */
export type Loaded =
  /** Errors; `partial` holds the valid content when settings could be read (for `check`). */
  | { readonly failure: readonly Diagnostic[]; readonly config: ResolvedConfig | null; readonly partial?: Omit<Prepared, "env"> }
  | Prepared;

/** Settings, compiled templates and validated content, ready to render. */
export interface Prepared {
  readonly config: ResolvedConfig;
  readonly cache: DiskCache;
  readonly index: ContentIndex;
  readonly env: TemplateEnv;
  readonly content: ReturnType<typeof validateContent>;
  /** Warnings so far. */
  readonly diagnostics: readonly Diagnostic[];
  readonly stamps: Map<string, FileStamp>;
  readonly bundles: ReadonlyMap<string, Bundle>;
}

export async function readAndValidate(options: ConfigOverrides & { readonly clock?: () => number }): Promise<Loaded> {
  const contentDir = options.paths?.content ?? DEFAULT_PATHS.content;
  const cache = new DiskCache(options.paths?.cache === undefined ? DEFAULT_PATHS.cache : options.paths.cache);
  const index = loadContentIndex(cache);
  const sources = await readSources(contentDir, index.files);
  const config = resolveConfig(sources.siteYaml, options, (options.clock ?? Date.now)(), path.join(contentDir, "site.yaml"));
  // Broken settings do not hide the articles' problems: they are checked too, dates read in UTC.
  if (Array.isArray(config)) return { failure: [...sources.diagnostics, ...config, ...validateContent(sources.articles, sources.pages, "UTC").diagnostics], config: null };
  const templates = await loadTemplates(config.paths.templates);
  const env = Array.isArray(templates) ? templates : createTemplateEnv(templates, config.site);
  const content = validateContent(sources.articles, sources.pages, config.site.timeZone, index.validation);
  const diagnostics = [...sources.diagnostics, ...content.diagnostics, ...(Array.isArray(env) ? env : [])];
  const prepared = { config, cache, index, content, diagnostics, stamps: sources.stamps, bundles: sources.bundles };
  if (hasErrors(diagnostics) || Array.isArray(env)) return { failure: diagnostics, config, partial: prepared };
  return { ...prepared, env };
}

/** Where an article's or page's body findings are reported. */
export function findingSource(item: RenderedArticle | StaticPage): FindingSource {
  return { sourcePath: item.sourcePath, bodyLine: item.bodyLine, findings: item.content.findings ?? [] };
}
