/** Site search: the Pagefind bundle as part of the site, deterministic, cached, and off when asked. */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { buildInto, fixture, NOW, readTree, ROOT } from "../helpers/site.js";

const BASIC = path.join(fixture("basic"), "content");

/** The files under pagefind/ of a built site. */
async function bundleOf(out: string): Promise<Map<string, Buffer>> {
  const tree = await readTree(out);
  return new Map([...tree].filter(([p]) => p.startsWith("pagefind/")));
}

/** A private copy of the basic fixture's content, to edit. */
async function contentCopy(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "search-content-")), "content");
  cpSync(BASIC, dir, { recursive: true });
  return dir;
}

describe("site search", () => {
  it("publishes Pagefind's script, WebAssembly and an index entry per published article under /pagefind/", async () => {
    const { out, result } = await buildInto(BASIC);
    expect(result.isOk).toBe(true);
    const bundle = await bundleOf(out);
    for (const file of ["pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json"])
      expect(bundle.has(file), file).toBe(true);
    expect([...bundle.keys()].some((p) => /^pagefind\/wasm\.\w+\.pagefind$/.test(p))).toBe(true);
    const fragments = [...bundle.keys()].filter((p) => p.startsWith("pagefind/fragment/"));
    expect(fragments).toHaveLength(result.stats.articles);
    expect(result.stats.indexed).toBe(result.stats.articles);
    const entry = JSON.parse(bundle.get("pagefind/pagefind-entry.json")!.toString("utf8"));
    expect(entry.languages.en.page_count).toBe(result.stats.articles);
  });

  it("gives byte-identical bundles from two clean builds", async () => {
    const a = await bundleOf((await buildInto(BASIC)).out);
    const b = await bundleOf((await buildInto(BASIC)).out);
    expect(a.size).toBeGreaterThan(5);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes), file).toBe(true);
  });

  it("indexes nothing when a build with a restored cache has the same articles, and publishes the same bundle", async () => {
    const first = await buildInto(BASIC);
    const cache = path.join(path.dirname(first.out), "cache");
    // A fresh output folder (a CI runner) with the cache of the earlier build: every page is
    // produced again, but the index comes from the cache.
    const out = path.join(await mkdtemp(path.join(tmpdir(), "search-warm-")), "dist");
    const warm = await build({
      now: NOW,
      paths: { content: BASIC, templates: path.join(ROOT, "templates"), public: path.join(ROOT, "public"), out, cache },
    });
    expect(warm.isOk).toBe(true);
    expect(warm.stats.indexed).toBe(0);
    expect(warm.timings.search).toBeDefined();
    expect(await bundleOf(out)).toEqual(await bundleOf(first.out));
  });

  it("indexes again when an article's body changed, and the old index files are deleted", async () => {
    const content = await contentCopy();
    const paths = { content, templates: path.join(ROOT, "templates"), public: path.join(ROOT, "public") };
    const first = await buildInto(content, { paths });
    const cache = path.join(path.dirname(first.out), "cache");
    const before = await bundleOf(first.out);
    const file = path.join(content, "articles", "cafe-wifi.md");
    writeFileSync(file, `${readFileSync(file, "utf8")}\nA paragraph about a zeppelin.\n`);
    const again = await build({ now: NOW, paths: { ...paths, out: first.out, cache } });
    expect(again.isOk).toBe(true);
    expect(again.stats.indexed).toBe(again.stats.articles);
    const after = await bundleOf(first.out);
    expect(after).not.toEqual(before);
    const stale = [...before.keys()].filter((p) => !after.has(p));
    expect(stale.length).toBeGreaterThan(0);
    expect(again.write!.deleted).toEqual(expect.arrayContaining(stale));
  });

  it("adds a search page, a header search box and a SearchAction, with WebAssembly allowed only on the search page", async () => {
    const { out } = await buildInto(BASIC);
    const tree = await readTree(out);
    const search = tree.get("search/index.html")!.toString("utf8");
    const home = tree.get("index.html")!.toString("utf8");
    const policy = (html: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    expect(policy(search)).toContain("script-src 'self' 'wasm-unsafe-eval';");
    for (const [file, bytes] of tree)
      if (file.endsWith(".html") && file !== "search/index.html")
        expect(policy(bytes.toString("utf8")), file).not.toContain("wasm");
    expect(home).toMatch(/<form class="site-search" role="search" action="\/search\/" method="get">/);
    expect(home).toContain('<label class="site-search__label" for="site-search-q">Search articles</label>');
    expect(home).toContain('<input class="site-search__input" id="site-search-q" type="search" name="q" required>');
    // The search page has its own form, not a second one in the header.
    expect(search).not.toContain("site-search-q");
    expect(search).toContain('name="q"');
    expect(search).toMatch(
      /<noscript>\s*<p[^>]*>Search needs JavaScript\. <a href="\/tags\/">Browse by topic instead<\/a>/,
    );
    expect(search).toContain('role="status"');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(home)![1]!);
    expect(ld["@graph"][0].potentialAction).toEqual({
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: "https://fixture.example/search/?q={search_term_string}" },
      "query-input": "required name=search_term_string",
    });
  });

  it("respects a base path: the forms, the bundle and the result URLs live under it", async () => {
    const { out, result } = await buildInto(BASIC, { baseUrl: "https://x.example/news/" });
    expect(result.isOk).toBe(true);
    const tree = await readTree(out);
    const search = tree.get("search/index.html")!.toString("utf8");
    expect(search).toContain('action="/news/search/"');
    expect(search).toContain('data-bundle="/news/pagefind/" data-merge="" data-base="/news/"');
    expect(search).toContain('<script type="module" src="/news/assets/search.js">');
    expect(tree.get("index.html")!.toString("utf8")).toContain('action="/news/search/"');
    // Records hold site paths; the search page adds the base path (Pagefind's baseUrl option).
    expect(tree.has("pagefind/pagefind.js")).toBe(true);
  });

  it("turns everything off with `search: false`: no page, no box, no index, no SearchAction", async () => {
    const content = await contentCopy();
    writeFileSync(
      path.join(content, "site.yaml"),
      `${readFileSync(path.join(content, "site.yaml"), "utf8")}search: false\n`,
    );
    const { out, result } = await buildInto(content);
    expect(result.isOk).toBe(true);
    expect(result.stats.indexed).toBe(0);
    const tree = await readTree(out);
    expect([...tree.keys()].filter((p) => p.startsWith("pagefind/") || p.startsWith("search/"))).toEqual([]);
    for (const [file, bytes] of tree) {
      if (!file.endsWith(".html")) continue;
      const html = bytes.toString("utf8");
      expect(html, file).not.toContain('role="search"');
      expect(html, file).not.toContain("SearchAction");
      expect(html, file).not.toContain("wasm-unsafe-eval");
    }
  });

  it("refuses a search setting that is not true or false", async () => {
    const content = await contentCopy();
    writeFileSync(
      path.join(content, "site.yaml"),
      `${readFileSync(path.join(content, "site.yaml"), "utf8")}search: maybe\n`,
    );
    const { result } = await buildInto(content);
    expect(result.isOk).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "InvalidConfig",
        message: expect.stringMatching(/search must be true or false/),
      }),
    ]);
  });
});
