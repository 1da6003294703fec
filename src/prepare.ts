/** Steps 1–3 of a build or a check: settings, templates and validated content, every problem collected. */
import path from "node:path";
import { hasErrors, warning, type Diagnostic } from "./errors.js";
import type { OutputFile, ResolvedConfig, RenderedArticle, StaticPage } from "./model.js";
import { resolveConfig, DEFAULT_PATHS, type ConfigOverrides } from "./config/resolve-config.js";
import { readSources, type Bundle, type FileStamp } from "./content/read-sources.js";
import { validateContent, type PageSource } from "./content/validate-content.js";
import { validateAuthorProfiles } from "./content/validate-author.js";
import { loadTemplates } from "./render/load-templates.js";
import { createTemplateEnv, type TemplateEnv } from "./render/handlebars-env.js";
import { readPublic } from "./output/read-public.js";
import { DiskCache } from "./cache/disk-cache.js";
import { cacheKey } from "./cache/cache-key.js";
import { isTrackedByGit } from "./cache/cache-dir.js";
import { loadContentIndex, type ContentIndex } from "./cache/content-index.js";
import { checkWritablePaths } from "./io/guard-paths.js";
import { readPolicyFor, shownPath, type ReadPolicy } from "./io/read-policy.js";
import type { FindingSource } from "./graph/content-findings.js";

/**
 * Steps 1–3: check the output and cache folders, read the content folder (I/O) and resolve settings
 * (defaults < site.yaml < CLI), load and compile the templates (strict), read public/, parse and
 * validate every article and page (unchanged files come from the cache index). Every problem is
 * collected before failing. Source texts are not returned: they are garbage once validated, which
 * keeps large builds small.
 */
export type Loaded =
  /** Errors; `partial` holds the valid content when settings could be read (for `check`). */
  | {
      readonly failure: readonly Diagnostic[];
      readonly config: ResolvedConfig | null;
      readonly partial?: Omit<Prepared, "env">;
    }
  | Prepared;

/** Settings, compiled templates and validated content, ready to render. */
export interface Prepared {
  readonly config: ResolvedConfig;
  readonly cache: DiskCache;
  readonly index: ContentIndex;
  readonly env: TemplateEnv;
  readonly content: ReturnType<typeof validateContent>;
  /** Author profiles (content/authors/*.md) as pages to render: the name as title, the bio as body. */
  readonly profiles: readonly PageSource[];
  /** Warnings so far. */
  readonly diagnostics: readonly Diagnostic[];
  readonly stamps: Map<string, FileStamp>;
  readonly bundles: ReadonlyMap<string, Bundle>;
  /** The files of public/, copied as they are. */
  readonly publicFiles: readonly OutputFile[];
  /** Where files may be read from (links out of the site are refused). */
  readonly policy: ReadPolicy;
  /** Signs the output manifests, as it signs the cache. */
  readonly key: Buffer;
}

/** Which output folder the command will replace: none (`check`), the site's, or the dev server's (inside the cache). */
export interface OutputUse {
  readonly out: string | null;
  readonly isDevOutput?: boolean;
}

export async function readAndValidate(
  options: ConfigOverrides & { readonly clock?: () => number },
  output: OutputUse = { out: null },
): Promise<Loaded> {
  const paths = { ...DEFAULT_PATHS, ...options.paths };
  // Before anything is read or written: a mistyped --out or --cache must never cost the user a file.
  const unsafe = checkWritablePaths({ ...paths, out: output.out }, { isDevOutput: output.isDevOutput ?? false });
  if (unsafe.length > 0) return { failure: unsafe, config: null };

  const key = cacheKey();
  const warnings: Diagnostic[] = key.warning ? [key.warning] : [];
  if (paths.cache !== null && isTrackedByGit(paths.cache)) {
    warnings.push(
      warning("CacheTracked", `The cache folder ${shownPath(path.resolve(paths.cache))} is tracked by git`, {
        file: shownPath(path.resolve(paths.cache)),
        hint: `Its entries from other machines are ignored (they are not signed with your cache key), but it should not be committed: \`git rm -r --cached ${paths.cache}\` and add it to .gitignore.`,
      }),
    );
  }
  const cache = new DiskCache(paths.cache, key.key);
  const policy = readPolicyFor([
    paths.content,
    paths.templates,
    paths.public,
    ...(paths.theme === null ? [] : [paths.theme]),
  ]);
  const index = loadContentIndex(cache);
  const sources = await readSources(paths.content, index.files, policy);
  const config = resolveConfig(
    sources.siteYaml,
    options,
    (options.clock ?? Date.now)(),
    path.join(paths.content, "site.yaml"),
  );
  // Broken settings do not hide the articles' problems: they are checked too, dates read in UTC.
  if (Array.isArray(config))
    return {
      failure: [
        ...warnings,
        ...sources.diagnostics,
        ...config,
        ...validateContent(sources.articles, sources.pages, "UTC").diagnostics,
        ...validateAuthorProfiles(sources.authors).diagnostics,
      ],
      config: null,
    };
  // The site's own files first, then the theme's: a site overrides a single template or file.
  const theme = config.paths.theme;
  const templates = await loadTemplates(
    theme === null ? [config.paths.templates] : [config.paths.templates, path.join(theme, "templates")],
    policy,
  );
  const env = Array.isArray(templates) ? templates : createTemplateEnv(templates, config.site);
  const publicDir = readPublic(
    theme === null ? [config.paths.public] : [config.paths.public, path.join(theme, "public")],
    policy,
  );
  const content = validateContent(sources.articles, sources.pages, config.site.timeZone, index.validation);
  const profiles = validateAuthorProfiles(sources.authors);
  const diagnostics = [
    ...warnings,
    ...sources.diagnostics,
    ...content.diagnostics,
    ...profiles.diagnostics,
    ...(Array.isArray(env) ? env : []),
    ...publicDir.diagnostics,
  ];
  const prepared = {
    config,
    cache,
    index,
    content,
    profiles: profiles.profiles,
    diagnostics,
    stamps: sources.stamps,
    bundles: sources.bundles,
    publicFiles: publicDir.files,
    policy,
    key: key.key,
  };
  if (hasErrors(diagnostics) || Array.isArray(env)) return { failure: diagnostics, config, partial: prepared };
  return { ...prepared, env };
}

/** Where an article's or page's body findings are reported. */
export function findingSource(item: RenderedArticle | StaticPage): FindingSource {
  return { sourcePath: item.sourcePath, bodyLine: item.bodyLine, findings: item.content.findings ?? [] };
}
