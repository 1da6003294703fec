/**
 * The search index as planned outputs under `/pagefind/`: the writer stages, swaps and deletes its
 * files like any page. The whole bundle is cached (signed, in `.cache/search/`) with a key of every
 * record, so a build whose articles are unchanged — or a CI build with a restored cache — indexes
 * nothing at all. Only the latest bundle is kept (one for builds, one for the dev server's
 * drafts-included site): at 10,000 articles a bundle is ~40 MB, and one per edit would fill the disk.
 */
import type { ResolvedConfig, SiteGraph } from "../model.js";
import type { DiskCache } from "../cache/disk-cache.js";
import type { HtmlStore } from "../markdown/html-store.js";
import type { PlannedOutput } from "../output/writer.js";
import { fastHash } from "../cache/hash.js";
import { indexDocuments, pagefindVersion, type BundleFile, type SearchDocument } from "./pagefind-index.js";
import { indexLanguage, searchDocument, searchIndexKey, searchRecords, type SearchRecord } from "./search-records.js";

const NAMESPACE = "search";
/** Bodies loaded from the HtmlStore at a time (it keeps a bounded number in memory). */
const BATCH = 128;
/** The names Pagefind gives its files ("fragment/en_1a2b3c4.pf_fragment"): nothing else is taken from the cache. */
const BUNDLE_PATH = /^(?:[a-z]+\/)?[\w-]+(?:\.[\w-]+)+$/;

/** The planned bundle files, and how many articles were indexed in this build (0: the cache had it). */
export interface SearchPlan {
  readonly outputs: readonly PlannedOutput[];
  readonly indexed: number;
}

/** Plans the search bundle; an empty plan when `search: false`. */
export async function planSearch(
  graph: SiteGraph,
  config: ResolvedConfig,
  store: HtmlStore,
  cache: DiskCache,
): Promise<SearchPlan> {
  if (!config.site.search) return { outputs: [], indexed: 0 };
  const records = searchRecords(graph.articles);
  const language = indexLanguage(config.site.language);
  const key = searchIndexKey(records, language, pagefindVersion());
  const slot = config.includeDrafts ? "latest-with-drafts" : "latest";
  let files = readCachedBundle(cache, slot, key);
  let indexed = 0;
  if (files === null) {
    files = await indexDocuments(await documentsOf(records, store, language), language);
    indexed = records.length;
    const encoded = files.map((f) => [f.path, Buffer.from(f.content).toString("base64")]);
    cache.write(NAMESPACE, slot, JSON.stringify({ key, files: encoded }));
  }
  const outputs = files.map(
    (f): PlannedOutput => ({
      path: `pagefind/${f.path}`,
      fingerprint: `search:${fastHash(f.content)}`,
      produce: () => f.content,
    }),
  );
  return { outputs, indexed };
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

/** The cached bundle for `key`, or null when absent, for other articles, damaged or not signed with our key. */
function readCachedBundle(cache: DiskCache, slot: string, key: string): BundleFile[] | null {
  const saved = cache.readJson<{ key?: unknown; files?: unknown }>(NAMESPACE, slot);
  if (saved?.key !== key || !Array.isArray(saved.files)) return null;
  const entries: unknown[] = saved.files;
  const files: BundleFile[] = [];
  for (const e of entries) {
    if (!Array.isArray(e) || typeof e[0] !== "string" || typeof e[1] !== "string" || !BUNDLE_PATH.test(e[0]))
      return null;
    files.push({ path: e[0], content: new Uint8Array(Buffer.from(e[1], "base64")) });
  }
  return files;
}
