import { readdirSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DiskCache } from "../../../src/cache/disk-cache.js";
import { buildSiteGraph } from "../../../src/graph/build-graph.js";
import { planSearch } from "../../../src/search/plan-search.js";
import { splitIntoShards } from "../../../src/search/shards.js";
import { pagefindVersion } from "../../../src/search/pagefind-index.js";
import { searchIndexKey, searchRecords } from "../../../src/search/search-records.js";
import type { RenderedArticle } from "../../../src/model.js";
import { makeArticle, makeConfig, makeStore } from "../../helpers/factories.js";

const config = makeConfig();
const graphOf = (articles: RenderedArticle[]) => buildSiteGraph(articles, [], config);
const articles = [
  makeArticle({
    slug: "heat",
    tags: ["Energy"],
    content: { key: "k-heat", excerpt: "", headings: [], wordCount: 4, findings: [] },
  }),
  makeArticle({ slug: "mesh", content: { key: "k-mesh", excerpt: "", headings: [], wordCount: 4, findings: [] } }),
];
const store = () =>
  makeStore({ "k-heat": "<p>Waste heat warms homes.</p>", "k-mesh": "<p>Routers on church towers.</p>" });
const newCache = async () => new DiskCache(await mkdtemp(path.join(tmpdir(), "search-cache-")));

async function produced(plan: Awaited<ReturnType<typeof planSearch>>) {
  return new Map(await Promise.all(plan.outputs.map(async (o) => [o.path, Buffer.from(await o.produce())] as const)));
}

describe("planSearch", () => {
  it("indexes every article into files under pagefind/, the script and its index", async () => {
    const plan = await planSearch(graphOf(articles), config, store(), await newCache());
    expect(plan.indexed).toBe(2);
    const paths = plan.outputs.map((o) => o.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(expect.arrayContaining(["pagefind/pagefind.js", "pagefind/pagefind-entry.json"]));
    expect(paths.filter((p) => p.startsWith("pagefind/fragment/"))).toHaveLength(2);
    // Pagefind's ready-made interfaces are not used, so not published.
    expect(paths.some((p) => /pagefind-(ui|component-ui|modular-ui|highlight)/.test(p))).toBe(false);
  });

  it("indexes nothing when the cache holds the index for the same articles, and gives the same bytes", async () => {
    const cache = await newCache();
    const first = await planSearch(graphOf(articles), config, store(), cache);
    const again = await planSearch(graphOf([...articles].reverse()), config, store(), cache);
    expect(again.indexed).toBe(0);
    expect(await produced(again)).toEqual(await produced(first));
  });

  it("indexes again when an article changed", async () => {
    const cache = await newCache();
    await planSearch(graphOf(articles), config, store(), cache);
    const edited = [{ ...articles[0]!, title: "Heat from servers" }, articles[1]!];
    expect((await planSearch(graphOf(edited), config, store(), cache)).indexed).toBe(2);
  });

  it("keeps only the latest index in the cache (one for builds, one with drafts: a listing and the files), not one per edit", async () => {
    const cache = await newCache();
    for (const title of ["One", "Two", "Three"])
      await planSearch(graphOf([{ ...articles[0]!, title }, articles[1]!]), config, store(), cache);
    const withDrafts = makeConfig({ includeDrafts: true });
    await planSearch(buildSiteGraph(articles, [], withDrafts), withDrafts, store(), cache);
    const entries = readdirSync(path.join(cache.dir!, "search"), { recursive: true }).filter((f) =>
      String(f).endsWith(".txt"),
    );
    expect(entries.map((f) => path.basename(String(f))).sort()).toEqual([
      "latest-files.txt",
      "latest-with-drafts-files.txt",
      "latest-with-drafts.txt",
      "latest.txt",
    ]);
    // The latest is the one kept: building it again indexes nothing.
    const latest = await planSearch(
      graphOf([{ ...articles[0]!, title: "Three" }, articles[1]!]),
      config,
      store(),
      cache,
    );
    expect(latest.indexed).toBe(0);
  });

  it("indexes again when the cached entry is damaged or signed with another key", async () => {
    const cache = await newCache();
    await planSearch(graphOf(articles), config, store(), cache);
    const foreign = new DiskCache(cache.dir, Buffer.from("another machine's key, 32 bytes."));
    expect((await planSearch(graphOf(articles), config, store(), foreign)).indexed).toBe(2);
  });

  it("gives byte-identical files from two separate runs without a cache", async () => {
    const a = await planSearch(graphOf(articles), config, store(), new DiskCache(null));
    const b = await planSearch(graphOf(articles), config, store(), new DiskCache(null));
    expect(a.indexed).toBe(2);
    expect(await produced(b)).toEqual(await produced(a));
  });

  it("plans nothing with `search: false`", async () => {
    const off = makeConfig({}, { search: false });
    expect(await planSearch(graphOf(articles), off, store(), await newCache())).toEqual({ outputs: [], indexed: 0 });
  });

  it("does not take the entry an unsharded index left under the same name for a listing", async () => {
    const cache = await newCache();
    const records = searchRecords(graphOf(articles).articles);
    const key = searchIndexKey(records, "en", pagefindVersion());
    cache.write(
      "search",
      "latest",
      JSON.stringify({ key, files: [["pagefind.js", Buffer.from("old").toString("base64")]] }),
    );
    const plan = await planSearch(graphOf(articles), config, store(), cache);
    expect(plan.indexed).toBe(2);
    for (const o of plan.outputs) expect(o.fingerprint).toMatch(/^search:[0-9a-f]{40}$/);
  });

  describe("in shards (the test-only shard size of 2)", () => {
    afterEach(() => vi.unstubAllEnvs());
    const many = ["grid", "heat", "mesh", "tram", "rain", "moss", "kiln"].map((slug) =>
      makeArticle({ slug, content: { key: `k-${slug}`, excerpt: "", headings: [], wordCount: 2, findings: [] } }),
    );
    const shardsOf = (list: RenderedArticle[]) => splitIntoShards(list, (a) => `/articles/${a.slug}/`);

    it("puts each shard in its own folder, with Pagefind's program only in the first", async () => {
      vi.stubEnv("BROADSHEET_SEARCH_SHARD_SIZE", "2");
      const shards = shardsOf(many);
      expect(shards.length).toBeGreaterThan(2);
      const plan = await planSearch(graphOf(many), config, store(), await newCache());
      expect(plan.indexed).toBe(many.length);
      const paths = plan.outputs.map((o) => o.path);
      for (const s of shards) {
        const entry = `pagefind/${s.dir}pagefind-entry.json`;
        expect(paths, entry).toContain(entry);
        expect(paths.filter((p) => p.startsWith(`pagefind/${s.dir}fragment/`))).toHaveLength(s.items.length);
      }
      expect(paths.filter((p) => p.endsWith("/pagefind.js"))).toEqual([`pagefind/${shards[0]!.dir}pagefind.js`]);
      const wasm = paths.filter((p) => /wasm\.\w+\.pagefind$/.test(p));
      expect(wasm).toContain(`pagefind/${shards[0]!.dir}wasm.en.pagefind`);
      expect(wasm.filter((p) => !p.startsWith(`pagefind/${shards[0]!.dir}wasm.`))).toEqual([]);
    });

    it("indexes only the edited article's shard, and takes the others' files from the cache with the same bytes", async () => {
      vi.stubEnv("BROADSHEET_SEARCH_SHARD_SIZE", "2");
      const cache = await newCache();
      const first = await planSearch(graphOf(many), config, store(), cache);
      const edited = many.map((a) => (a.slug === "moss" ? { ...a, title: "Moss on the roofs" } : a));
      const second = await planSearch(graphOf(edited), config, store(), cache);
      const shard = shardsOf(many).find((s) => s.items.some((a) => a.slug === "moss"))!;
      expect(second.indexed).toBe(shard.items.length);
      const unchanged = await planSearch(graphOf(edited), config, store(), cache);
      expect(unchanged.indexed).toBe(0);
      // Every file of the other shards is planned with the fingerprint it had, and produced from the cache.
      const before = new Map(first.outputs.map((o) => [o.path, o.fingerprint]));
      const after = await produced(unchanged);
      const folderOf = (file: string) => /^pagefind\/(s\d+\/)?/.exec(file)![1] ?? "";
      const others = unchanged.outputs.filter((o) => folderOf(o.path) !== shard.dir);
      expect(others.length).toBeGreaterThan(0);
      for (const o of others) expect(o.fingerprint, o.path).toBe(before.get(o.path));
      expect(after).toEqual(await produced(await planSearch(graphOf(edited), config, store(), new DiskCache(null))));
      expect(unchanged.indexed).toBe(0);
    });

    it("indexes a shard again when the writer needs its files and their cache entry is gone", async () => {
      vi.stubEnv("BROADSHEET_SEARCH_SHARD_SIZE", "2");
      const cache = await newCache();
      const cold = await produced(await planSearch(graphOf(many), config, store(), cache));
      const victim = shardsOf(many)[1]!;
      const slot = `latest-s${victim.shard}-files`;
      rmSync(path.join(cache.dir!, "search", slot.slice(0, 2), `${slot}.txt`));
      const warm = await planSearch(graphOf(many), config, store(), cache);
      expect(warm.indexed).toBe(0);
      expect(await produced(warm)).toEqual(cold);
      expect(warm.indexed).toBe(victim.items.length);
    });

    it("drops the cache entries of shards that no longer exist", async () => {
      vi.stubEnv("BROADSHEET_SEARCH_SHARD_SIZE", "2");
      const cache = await newCache();
      await planSearch(graphOf(many), config, store(), cache);
      vi.stubEnv("BROADSHEET_SEARCH_SHARD_SIZE", "1000");
      await planSearch(graphOf(many), config, store(), cache);
      const entries = readdirSync(path.join(cache.dir!, "search"), { recursive: true }).filter((f) =>
        String(f).endsWith(".txt"),
      );
      expect(entries.map((f) => path.basename(String(f))).sort()).toEqual(["latest-files.txt", "latest.txt"]);
    });
  });
});
