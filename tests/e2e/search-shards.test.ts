/**
 * Site search in shards (docs/search.md, "Shards"): a site with enough articles for several shards
 * (the test-only shard size of 3, instead of 250), each its own bundle, an edit that indexes one
 * shard again, and byte-identical bundles.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { build } from "../../src/build.js";
import { splitIntoShards } from "../../src/search/shards.js";
import { NOW, readTree, ROOT } from "../helpers/site.js";

const SLUGS = ["alder", "birch", "cedar", "elm", "hazel", "larch", "maple", "oak", "pine", "rowan", "spruce", "yew"];

/** A site of twelve articles, each with its own word in its body ("alderword" …). */
async function siteOf(edit?: string): Promise<{ content: string; root: string }> {
  const root = await mkdtemp(path.join(tmpdir(), "search-shards-"));
  const content = path.join(root, "content");
  mkdirSync(path.join(content, "articles"), { recursive: true });
  writeFileSync(
    path.join(content, "site.yaml"),
    "title: Shard Gazette\nbaseUrl: https://shards.example/\nlanguage: en-GB\ntimeZone: UTC\n",
  );
  SLUGS.forEach((slug, i) => {
    const body = slug === edit ? `The ${slug}word story, corrected.` : `The ${slug}word story about trees.`;
    writeFileSync(
      path.join(content, "articles", `${slug}.md`),
      `---\ntitle: "About the ${slug}"\ndate: 2026-11-${String(i + 1).padStart(2, "0")} 09:00:00\ntags: [${i % 2 ? "Woods" : "Parks"}]\n---\n\n${body}\n`,
    );
  });
  return { content, root };
}

async function buildSite(content: string, out: string, cache: string) {
  const result = await build({
    now: NOW,
    paths: { content, templates: path.join(ROOT, "templates"), public: path.join(ROOT, "public"), out, cache },
  });
  expect(result.isOk, JSON.stringify(result.diagnostics)).toBe(true);
  return result;
}

const shards = () => splitIntoShards(SLUGS, (slug) => `/articles/${slug}/`);
const bundleOf = async (out: string) => new Map([...(await readTree(out))].filter(([p]) => p.startsWith("pagefind/")));

describe("site search in shards", () => {
  beforeEach(() => vi.stubEnv("BROADSHEET_SEARCH_SHARD_SIZE", "3"));
  afterEach(() => vi.unstubAllEnvs());

  it("publishes one bundle per shard, and the search page merges the others into the first", async () => {
    const { content, root } = await siteOf();
    const out = path.join(root, "dist");
    const result = await buildSite(content, out, path.join(root, "cache"));
    expect(result.stats.indexed).toBe(SLUGS.length);
    const tree = await readTree(out);
    const split = shards();
    expect(split.length).toBeGreaterThan(1);
    for (const s of split) {
      const entry = JSON.parse(tree.get(`pagefind/${s.dir}pagefind-entry.json`)!.toString("utf8"));
      expect(entry.languages.en.page_count, s.dir).toBe(s.items.length);
    }
    // Pagefind's program once, in the first bundle's folder.
    expect([...tree.keys()].filter((p) => p.endsWith("pagefind.js"))).toEqual([`pagefind/${split[0]!.dir}pagefind.js`]);
    const page = tree.get("search/index.html")!.toString("utf8");
    const merge = split
      .slice(1)
      .map((s) => `/pagefind/${s.dir}`)
      .join(" ");
    expect(page).toContain(`data-bundle="/pagefind/${split[0]!.dir}" data-merge="${merge}"`);
  });

  it("indexes only the edited article's shard, and rewrites only that shard's files", async () => {
    const { content, root } = await siteOf();
    const out = path.join(root, "dist");
    const cache = path.join(root, "cache");
    await buildSite(content, out, cache);
    const edited = "maple";
    writeFileSync(
      path.join(content, "articles", `${edited}.md`),
      `---\ntitle: "About the ${edited}"\ndate: 2026-11-07 09:00:00\ntags: [Parks]\n---\n\nThe ${edited}word story, corrected.\n`,
    );
    const again = await buildSite(content, out, cache);
    const shard = shards().find((s) => s.items.includes(edited))!;
    expect(shard.items.length).toBeLessThan(SLUGS.length);
    expect(again.stats.indexed).toBe(shard.items.length);
    const inOtherShard = (p: string) => (/^pagefind\/(s\d+\/)?/.exec(p)![1] ?? "") !== shard.dir;
    const changed = [...again.write!.changed, ...again.write!.deleted].filter((p) => p.startsWith("pagefind/"));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter(inOtherShard)).toEqual([]);
    // Nothing changed since: nothing indexed.
    expect((await buildSite(content, out, cache)).stats.indexed).toBe(0);
  });

  it("gives byte-identical bundles from two clean builds, and from a cold and a cached build", async () => {
    const a = await siteOf();
    const b = await siteOf();
    await buildSite(a.content, path.join(a.root, "dist"), path.join(a.root, "cache"));
    await buildSite(b.content, path.join(b.root, "dist"), path.join(b.root, "cache"));
    const one = await bundleOf(path.join(a.root, "dist"));
    const two = await bundleOf(path.join(b.root, "dist"));
    expect(one.size).toBeGreaterThan(shards().length * 3);
    expect([...two.keys()]).toEqual([...one.keys()]);
    for (const [file, bytes] of one) expect(two.get(file)!.equals(bytes), file).toBe(true);
    // A fresh output folder with the first site's cache: no indexing, the files read from the cache.
    const warmOut = path.join(a.root, "dist-warm");
    expect((await buildSite(a.content, warmOut, path.join(a.root, "cache"))).stats.indexed).toBe(0);
    const warm = await bundleOf(warmOut);
    expect([...warm.keys()]).toEqual([...one.keys()]);
    for (const [file, bytes] of one) expect(warm.get(file)!.equals(bytes), file).toBe(true);
  });
});
