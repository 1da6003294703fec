/**
 * `broadsheet build --shard i/n`: one part of a cold build, for a CI matrix. A shard reads and
 * validates the whole site like a build, then renders into the cache only what its share of the
 * archive needs — the bodies of its published articles (and, in shard 1, the static pages and
 * author bios) and the responsive variants of the pictures they show — and writes no site.
 *
 * Caches of shards merge by copying (`cp -r shard-*\/. .cache/`): every entry is content-addressed
 * (same key, same payload), and the one thing that is not, the summaries of the bodies (which the
 * cache index keeps), goes to a journal named after the shard (content-index.ts), which the next
 * build reads with the others and folds into its index. A shard never writes the index, build
 * warnings or a lock. The final build then renders no body and encodes no picture.
 *
 * Which articles are in shard i: a hash of the article's path inside `articles/`, mod n — not the
 * reading order, so adding an article moves no other between shards.
 */
import path from "node:path";
import { error, hasErrors, SiteError, warning, type Diagnostic } from "./errors.js";
import type { ResolvedConfig } from "./model.js";
import { DEFAULT_PATHS, type ConfigOverrides } from "./config/resolve-config.js";
import { readSourceAgain } from "./content/read-sources.js";
import { findingSource, readAndValidate } from "./prepare.js";
import { withImage } from "./graph/content-findings.js";
import { isPublished } from "./graph/build-graph.js";
import { renderArticles, renderStaticPages } from "./markdown/render-content.js";
import { stopIdleWorkers } from "./markdown/worker-pool.js";
import { readBundleFiles } from "./output/read-bundles.js";
import { isSystemError } from "./output/writer.js";
import { planImages } from "./images/plan-images.js";
import { rewriteShardJournal, shardJournalName } from "./cache/content-index.js";
import { cacheKey } from "./cache/cache-key.js";
import { hashOf } from "./cache/hash.js";
import { shownPath } from "./io/read-policy.js";

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** More shards than any runner pool needs; a typo (`--shard 1/40000`) is caught. */
const MAX_SHARDS = 1000;

/** `i/n` → a shard, or the InvalidConfig error naming what is wrong. */
export function parseShard(text: string): Shard | Diagnostic {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match && count >= 1 && count <= MAX_SHARDS && index >= 1 && index <= count) return { index, count };
  const why = !match
    ? "is not of the form i/n"
    : count < 1 || count > MAX_SHARDS
      ? `asks for ${count} shards (1 to ${MAX_SHARDS})`
      : `names shard ${index}, and shards are numbered 1 to ${count}`;
  return error("InvalidConfig", `--shard ${text} ${why}`, {
    field: "--shard",
    hint: "Pass e.g. --shard 2/4 for the second of four parts: run --shard 1/4 to 4/4 (one per CI job), copy their caches into one and build (see docs/ci-shards.md).",
  });
}

/** The shard (1-based) of an article, from its path inside `articles/` ("/"-separated). */
export function shardOf(articlePath: string, count: number): number {
  // 48 bits of SHA-256: uniform enough for any count, exact in a double.
  return (Number.parseInt(hashOf("broadsheet-shard", articlePath).slice(0, 12), 16) % count) + 1;
}

/** The path of an article's source inside the content folder's `articles/`, as every machine sees it. */
function pathInArticles(sourcePath: string, config: ResolvedConfig): string {
  return path
    .relative(path.resolve(config.paths.content, "articles"), path.resolve(sourcePath))
    .split(path.sep)
    .join("/");
}

/** Options of a shard build: a build's settings, the shard, and the edges tests may replace. */
export interface ShardOptions extends ConfigOverrides {
  readonly shard: Shard;
  /** Wall clock in ms, used only without `now`. @default Date.now */
  readonly clock?: () => number;
  /** Called as Markdown bodies are rendered (for progress bars). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a shard build did. */
export interface ShardResult {
  readonly isOk: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly config: ResolvedConfig | null;
  /** The source paths of the published articles in this shard (empty when it failed). */
  readonly share: readonly string[];
  /** Milliseconds spent in each step, in order (for `--timings`). */
  readonly timings: Readonly<Record<string, number>>;
  readonly stats: {
    /** Published articles of the whole site. */
    readonly published: number;
    /** Bodies rendered by this run (the rest of the share was in the cache). */
    readonly rendered: number;
    /** Static pages and author bios made sure of (shard 1 only). */
    readonly pages: number;
    /** Local pictures the share's articles (and pages) show. */
    readonly pictures: number;
    /** Their variant and preview files, and how many were encoded by this run (the rest were cached). */
    readonly variants: number;
    readonly encoded: number;
    readonly ms: number;
  };
}

/**
 * Renders shard `options.shard` of the site into the cache. Like build(), never throws for bad
 * input or a failing disk: problems come back as diagnostics. Writes no output folder.
 */
export async function buildShard(options: ShardOptions): Promise<ShardResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  let last = started;
  const lap = (step: string) => {
    const now = performance.now();
    timings[step] = now - last;
    last = now;
  };
  const fail = (diagnostics: readonly Diagnostic[], config: ResolvedConfig | null = null): ShardResult => ({
    isOk: false,
    diagnostics,
    config,
    share: [],
    timings,
    stats: {
      published: 0,
      rendered: 0,
      pages: 0,
      pictures: 0,
      variants: 0,
      encoded: 0,
      ms: performance.now() - started,
    },
  });
  const { shard } = options;
  if (
    !(Number.isInteger(shard.count) && Number.isInteger(shard.index) && shard.index >= 1 && shard.index <= shard.count)
  )
    return fail([parseShard(`${shard.index}/${shard.count}`) as Diagnostic]);
  if (options.paths?.cache === null)
    return fail([
      error("InvalidConfig", "--shard renders into the cache, and --no-cache leaves it out", {
        field: "--shard",
        hint: "Leave out --no-cache (pass --cache DIR to choose the folder).",
      }),
    ]);

  let loaded: Awaited<ReturnType<typeof readAndValidate>>;
  try {
    // No output folder: a shard writes none, so none is checked or locked.
    loaded = await readAndValidate(options, { out: null });
  } catch (cause) {
    if (cause instanceof SiteError) return fail(cause.diagnostics);
    throw cause;
  }
  if ("failure" in loaded) return fail(loaded.failure, loaded.config);
  const { config, cache, index, content, profiles, bundles, publicFiles } = loaded;
  const diagnostics = [...loaded.diagnostics];
  lap("read-validate");
  const key = cacheKey();
  if (key.source !== "BROADSHEET_CACHE_KEY" && key.warning === null)
    diagnostics.push(
      warning(
        "CacheKey",
        `This shard signs its cache entries with the key file ${key.source}, which other machines do not have: a build elsewhere would not trust them and would render everything again`,
        {
          hint: "Give every shard and the final build the same BROADSHEET_CACHE_KEY (a CI secret, e.g. the output of `openssl rand -hex 32`); see docs/ci-shards.md.",
        },
      ),
    );

  try {
    const published = content.articles.filter((a) => isPublished(a, config));
    const share = published.filter((a) => shardOf(pathInArticles(a.sourcePath, config), shard.count) === shard.index);
    // Pictures may live beside any article (a body can show another article's picture).
    const bundleProblems: Diagnostic[] = [];
    const bundleFiles = readBundleFiles(published, bundles, bundleProblems);
    if (hasErrors(bundleProblems)) return fail([...diagnostics, ...bundleProblems], config);

    // Bodies: rendered when the cache does not know them, their summaries journaled under this shard's name.
    const journal = shardJournalName(shard.index, shard.count);
    const markdown = await renderArticles(share, readSourceAgain, config, {
      cache,
      summaries: index.summaries,
      threads: config.threads,
      onProgress: options.onProgress,
      journal,
    });
    // A body whose summary was known but whose HTML the cache lost is rendered again now, not in the final build.
    const known = markdown.articles.map((a) => a.content.key).filter((k) => index.summaries.has(k));
    for (let i = 0; i < known.length; i += 128) await markdown.store.ensure(known.slice(i, i + 128));
    // Static pages and bios: few and cheap, so one shard does them all.
    const isFirst = shard.index === 1;
    const statics = isFirst ? await renderStaticPages(content.pages, config, cache) : { pages: [], diagnostics: [] };
    const bios = isFirst ? await renderStaticPages(profiles, config, cache) : { pages: [], diagnostics: [] };
    const late = [...markdown.diagnostics, ...statics.diagnostics, ...bios.diagnostics];
    if (late.length > 0) return fail([...diagnostics, ...late], config);
    // The shard's journal holds exactly its share's summaries, so the merged cache needs nothing else.
    rewriteShardJournal(cache, journal, markdown.summaries);
    lap("markdown");

    // Pictures the share shows (a picture shown by articles of two shards is encoded by both).
    const sources = [
      ...markdown.articles.map((a) => withImage(findingSource(a), a.slug, content.notes.get(a.sourcePath)?.image)),
      ...statics.pages.map(findingSource),
    ];
    const images = await planImages(config, [...publicFiles, ...bundleFiles], sources, cache);
    if (hasErrors(images.diagnostics)) return fail([...diagnostics, ...images.diagnostics], config);
    diagnostics.push(...images.diagnostics);
    // A variant's fingerprint is its cache key (plan-images.ts). Which are missing is asked first:
    // producing one variant of a picture encodes all of its variants at once.
    const missing = images.outputs.filter(
      (o) => o.fingerprint === null || cache.read("image-variant", o.fingerprint) === undefined,
    );
    for (const output of missing) await output.produce();
    const encoded = missing.length;
    lap("images");

    return {
      isOk: true,
      diagnostics,
      config,
      share: share.map((a) => a.sourcePath),
      timings,
      stats: {
        published: published.length,
        rendered: markdown.rendered,
        pages: statics.pages.length + bios.pages.length,
        pictures: images.pictures.size,
        variants: images.outputs.length,
        encoded,
        ms: performance.now() - started,
      },
    };
  } catch (cause) {
    // A file that vanished, a full disk, a link planted in the cache: named, never a stack trace.
    if (cause instanceof SiteError) return fail([...diagnostics, ...cause.diagnostics], config);
    if (isSystemError(cause))
      return fail(
        [
          ...diagnostics,
          error("WriteError", `Cannot write the cache: ${(cause as Error).message}`, {
            file: shownPath(path.resolve(config.paths.cache ?? ".cache")),
            hint: "Check that the cache folder is writable and the disk has room.",
          }),
        ],
        config,
      );
    throw cause;
  } finally {
    // The Markdown workers must not keep the process alive, whatever happened.
    await stopIdleWorkers();
  }
}

// Thousands separators by hand: toLocaleString depends on the ICU data Node was built with.
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");
const plural = (n: number, one: string, many: string) => `${grouped(n)} ${n === 1 ? one : many}`;

/** The one line a shard build prints: `shard 2/4: rendered 2,503 of 10,000 articles' bodies into .cache …`. */
export function shardSummary(result: ShardResult, shard: Shard): string {
  const { stats } = result;
  const cacheDir = result.config?.paths.cache ?? DEFAULT_PATHS.cache ?? ".cache";
  const where = shownPath(path.resolve(cacheDir)) || ".";
  const cached = result.share.length - stats.rendered;
  const parts = [
    `shard ${shard.index}/${shard.count}: rendered ${grouped(stats.rendered)} of ${plural(stats.published, "article's body", "articles' bodies")} into ${where}`,
  ];
  const details = [
    cached > 0 ? `${grouped(cached)} of this shard's ${grouped(result.share.length)} were cached` : null,
    stats.pages > 0 ? `${plural(stats.pages, "page or bio", "pages and bios")}` : null,
    stats.variants > 0
      ? `${plural(stats.pictures, "picture", "pictures")}: ${grouped(stats.encoded)} of ${plural(stats.variants, "variant", "variants")} encoded`
      : null,
  ].filter((d) => d !== null);
  if (details.length > 0) parts.push(` (${details.join("; ")})`);
  parts.push(` in ${(stats.ms / 1000).toFixed(2)} s`);
  return parts.join("");
}
