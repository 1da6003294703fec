/**
 * The search index as planned outputs under `/pagefind/`: the writer stages, swaps and deletes its
 * files like any page. The articles are split into shards (shards.ts), each its own Pagefind bundle
 * cached on its own (signed, in `.cache/search/`) with a key of its records: an edit indexes its
 * shard again and takes the others from the cache; a build whose articles are unchanged — or a CI
 * build with a restored cache — indexes nothing at all.
 *
 * Each shard has two entries: a small listing (its files' paths and content hashes) and the files
 * themselves. Planning reads only the listings; a file's bytes are read from the cache when the
 * writer needs them (a fresh output folder), so a one-edit build does not read the whole archive's
 * index back. Only the latest entries of each shard are kept (one set for builds, one for the dev
 * server's drafts-included site): at 10,000 articles the bundles add up to ~40 MB.
 */
import type { ResolvedConfig, SiteGraph } from "../model.js";
import type { DiskCache } from "../cache/disk-cache.js";
import type { HtmlStore } from "../markdown/html-store.js";
import type { PlannedOutput } from "../output/writer.js";
import { fastHash } from "../cache/hash.js";
import { error, SiteError } from "../errors.js";
import { indexDocumentSets, pagefindVersion, type BundleFile, type SearchDocument } from "./pagefind-index.js";
import { indexLanguage, searchDocument, searchIndexKey, searchRecords, type SearchRecord } from "./search-records.js";
import { MAX_SHARDS, splitIntoShards, type Shard } from "./shards.js";

const NAMESPACE = "search";
/** Bodies loaded from the HtmlStore at a time (it keeps a bounded number in memory). */
const BATCH = 128;
/** The names Pagefind gives its files ("fragment/en_1a2b3c4.pf_fragment"): nothing else is taken from the cache. */
const BUNDLE_PATH = /^(?:[a-z]+\/)?[\w-]+(?:\.[\w-]+)+$/;
/** A listed file's hash (fastHash: hex SHA-1). */
const HASH = /^[0-9a-f]{40}$/;
/**
 * Pagefind's program (script, worker, WebAssembly): the same in every shard's bundle, and loaded
 * only from the first shard's folder (merged indexes use the first one's), so published once.
 */
const RUNTIME = /^(?:pagefind\.js|pagefind-worker\.js|wasm\.[\w-]+\.pagefind)$/;

/** The planned bundle files, and how many articles were indexed in this build (0: the cache had them all). */
export interface SearchPlan {
  readonly outputs: readonly PlannedOutput[];
  /** Read after the site is written: a shard whose cached files turned out damaged is indexed then. */
  readonly indexed: number;
}

/** A shard's file as planned: its path in the shard's bundle and the hash of its bytes. */
type Listed = readonly [path: string, hash: string];

/** Plans the search bundles; an empty plan when `search: false`. */
export async function planSearch(
  graph: SiteGraph,
  config: ResolvedConfig,
  store: HtmlStore,
  cache: DiskCache,
): Promise<SearchPlan> {
  if (!config.site.search) return { outputs: [], indexed: 0 };
  const language = indexLanguage(config.site.language);
  const version = pagefindVersion();
  const shards = splitIntoShards(searchRecords(graph.articles), (r) => r.url);
  const slotOf = (shard: number) =>
    `${config.includeDrafts ? "latest-with-drafts" : "latest"}${shard === 0 ? "" : `-s${shard}`}`;
  // Entries of shards that no longer exist (the shard count went down, or a shard emptied).
  const live = new Set(shards.map((s) => s.shard));
  for (let shard = 0; shard < MAX_SHARDS; shard++) {
    if (live.has(shard)) continue;
    cache.remove(NAMESPACE, slotOf(shard));
    cache.remove(NAMESPACE, `${slotOf(shard)}-files`);
  }

  let indexed = 0;
  const plans = shards.map((s) => {
    const key = searchIndexKey(s.items, language, version);
    return { ...s, key, slot: slotOf(s.shard), listing: readListing(cache, slotOf(s.shard), key) };
  });

  /** Indexes shards and stores them; returns each one's files. */
  const index = async (todo: readonly (Shard<SearchRecord> & { key: string; slot: string })[]) => {
    const sets = [];
    for (const s of todo) sets.push(await documentsOf(s.items, store, language));
    const bundles = await indexDocumentSets(sets, language);
    todo.forEach((s, i) => {
      const files = bundles[i]!;
      indexed += s.items.length;
      // Files first: a listing never names files its entry lacks (a kill in between leaves the old listing).
      const encoded = files.map((f) => [f.path, Buffer.from(f.content).toString("base64")]);
      cache.write(NAMESPACE, `${s.slot}-files`, JSON.stringify({ key: s.key, files: encoded }));
      cache.write(NAMESPACE, s.slot, JSON.stringify({ key: s.key, files: files.map(listed) }));
    });
    return bundles;
  };

  const stale = plans.filter((p) => p.listing === null);
  const bundles = await index(stale);
  const fresh = new Map(stale.map((p, i) => [p.shard, bundles[i]!] as const));

  const outputs: PlannedOutput[] = [];
  plans.forEach((p, i) => {
    const built = fresh.get(p.shard);
    const builtBytes = new Map(built?.map((f) => [f.path, f.content]));
    // Unchanged shard: its bytes are read (once) only if the writer asks for one of its files.
    let loading: Promise<Map<string, Uint8Array>> | null = null;
    const load = () =>
      (loading ??= (async () => {
        const files = readCachedFiles(cache, `${p.slot}-files`, p.key, p.listing!) ?? (await index([p]))[0]!;
        return new Map(files.map((f) => [f.path, f.content]));
      })());
    const files: readonly Listed[] = built?.map(listed) ?? p.listing!;
    for (const [file, hash] of files) {
      if (i > 0 && RUNTIME.test(file)) continue;
      const content = builtBytes.get(file);
      outputs.push({
        path: `pagefind/${p.dir}${file}`,
        fingerprint: `search:${hash}`,
        produce:
          content !== undefined
            ? () => content
            : async () => {
                const bytes = (await load()).get(file);
                if (bytes === undefined) throw missing(file);
                return bytes;
              },
      });
    }
  });
  outputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    outputs,
    get indexed() {
      return indexed;
    },
  };
}

function listed(file: BundleFile): Listed {
  return [file.path, fastHash(file.content)];
}

async function documentsOf(records: readonly SearchRecord[], store: HtmlStore, language: string) {
  const documents: SearchDocument[] = [];
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    await store.ensure(batch.map((r) => r.bodyKey));
    for (const r of batch) documents.push({ url: r.url, html: searchDocument(r, store.get(r.bodyKey).html, language) });
  }
  return documents;
}

/** A shard's cached listing for `key`, or null when absent, for other articles, damaged or not signed with our key. */
function readListing(cache: DiskCache, slot: string, key: string): Listed[] | null {
  const saved = cache.readJson<{ key?: unknown; files?: unknown }>(NAMESPACE, slot);
  if (saved?.key !== key || !Array.isArray(saved.files)) return null;
  const entries: unknown[] = saved.files;
  const files: Listed[] = [];
  for (const e of entries) {
    // (A hash, not file bytes: an entry of the unsharded index, stored under the same name, is not a listing.)
    if (!Array.isArray(e) || typeof e[0] !== "string" || !BUNDLE_PATH.test(e[0]) || !HASH.test(String(e[1])))
      return null;
    files.push([e[0], e[1]]);
  }
  return files;
}

/** A shard's cached files, or null unless they are all there, for `key`, and have the listed bytes. */
function readCachedFiles(cache: DiskCache, slot: string, key: string, listing: readonly Listed[]): BundleFile[] | null {
  const saved = cache.readJson<{ key?: unknown; files?: unknown }>(NAMESPACE, slot);
  if (saved?.key !== key || !Array.isArray(saved.files)) return null;
  const byPath = new Map<string, Uint8Array>();
  for (const e of saved.files as unknown[]) {
    if (!Array.isArray(e) || typeof e[0] !== "string" || typeof e[1] !== "string") return null;
    byPath.set(e[0], new Uint8Array(Buffer.from(e[1], "base64")));
  }
  const files: BundleFile[] = [];
  for (const [file, hash] of listing) {
    const content = byPath.get(file);
    if (content === undefined || fastHash(content) !== hash) return null;
    files.push({ path: file, content });
  }
  return files;
}

/** Pagefind gave a shard again without a file it gave before: it is not deterministic after all. */
function missing(file: string): SiteError {
  return new SiteError([
    error("SearchIndex", `Pagefind did not produce ${file} when indexing its shard again`, {
      hint: "Delete the cache folder's search/ entries and build again.",
    }),
  ]);
}
