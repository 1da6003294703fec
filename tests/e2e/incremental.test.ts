/** The speed features must never change what is built: caches, threads and incremental writes. */
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build, type BuildOptions } from "../../src/build.js";
import { canUseWorkers } from "../../src/markdown/worker-pool.js";
import { NOW, readTree, ROOT } from "../helpers/site.js";
import { generateCorpus } from "../helpers/corpus.js";

let corpus: string;

beforeAll(async () => {
  corpus = await generateCorpus(80);
});

/** A private copy of the corpus, an output folder and a cache folder. */
async function workspace() {
  const dir = await mkdtemp(path.join(tmpdir(), "incremental-"));
  const content = path.join(dir, "content");
  cpSync(corpus, content, { recursive: true });
  const templates = path.join(dir, "templates");
  cpSync(path.join(ROOT, "theme/templates"), templates, { recursive: true });
  const paths = {
    content,
    templates,
    public: path.join(ROOT, "public"),
    out: path.join(dir, "dist"),
    cache: path.join(dir, "cache"),
  };
  const run = async (extra: Partial<BuildOptions> = {}) => {
    const result = await build({ now: NOW, threads: 2, ...extra, paths: { ...paths, ...extra.paths } });
    expect(result.diagnostics).toEqual([]);
    expect(result.isOk).toBe(true);
    return result;
  };
  return { dir, paths, run };
}

function expectSameTree(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  expect([...b.keys()]).toEqual([...a.keys()]);
  const different = [...a].filter(([file, bytes]) => !b.get(file)!.equals(bytes)).map(([file]) => file);
  expect(different).toEqual([]);
}

const mtimes = (dir: string) => {
  const out = new Map<string, number>();
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(path.join(dir, f));
    if (s.isFile()) out.set(f, s.mtimeMs);
  }
  return out;
};

describe("caches and threads do not change the site", () => {
  it("runs Markdown in worker threads here (the compiled worker exists)", () => {
    expect(canUseWorkers()).toBe(true);
  });

  it("gives byte-identical output cold, warm, without cache, single- and multi-threaded", async () => {
    const ws = await workspace();
    const cold = await ws.run();
    expect(cold.stats.rendered).toBe(80);
    const reference = await readTree(ws.paths.out);

    const warm = await ws.run();
    expect(warm.stats.rendered).toBe(0);
    expectSameTree(reference, await readTree(ws.paths.out));

    for (const extra of [
      { paths: { out: path.join(ws.dir, "nocache"), cache: null } },
      { threads: 1, paths: { out: path.join(ws.dir, "single"), cache: path.join(ws.dir, "cache-single") } },
      { threads: 3, paths: { out: path.join(ws.dir, "three"), cache: path.join(ws.dir, "cache-three") } },
    ]) {
      const result = await ws.run(extra);
      expect(result.stats.rendered).toBe(80);
      expectSameTree(reference, await readTree(extra.paths.out));
    }
  });
});

describe("incremental builds", () => {
  it("writes nothing when nothing changed", async () => {
    const ws = await workspace();
    await ws.run();
    const before = mtimes(ws.paths.out);
    const again = await ws.run();
    expect(again.write).toMatchObject({ changed: [], deleted: [] });
    // Only the cheap crawler files are produced again; pages, feeds and public/ are skipped by fingerprint.
    expect(again.write!.produced).toBeLessThanOrEqual(2);
    expect(mtimes(ws.paths.out)).toEqual(before);
  });

  it("re-renders one edited body and rewrites only the files whose bytes change", async () => {
    const ws = await workspace();
    await ws.run();
    const before = mtimes(ws.paths.out);
    const names = readdirSync(path.join(ws.paths.content, "articles")).sort();
    const file = path.join(ws.paths.content, "articles", names[10]!);
    const slug = names[10]!.replace(/\.md$/, "");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n## /, "\nA sentence added by the editor.\n\n## "));
    const result = await ws.run();
    expect(result.stats.rendered).toBe(1);
    // The article page always changes; feeds (RSS and JSON) carrying its full text may, and so does
    // the search index (its entry, word index and this article's fragment); nothing else should.
    expect(result.write!.changed).toContain(`articles/${slug}/index.html`);
    for (const changed of result.write!.changed)
      expect(changed).toMatch(
        new RegExp(
          `^articles/${slug}/index\\.html$|feed\\.(xml|json)$|^sitemap\\.xml$|^pagefind/(index|fragment)/|^pagefind/pagefind(-entry\\.json|\\.[\\w]+\\.pf_meta)$`,
        ),
      );
    expect(result.write!.changed.filter((p) => p.startsWith("pagefind/fragment/"))).toHaveLength(1);
    const after = mtimes(ws.paths.out);
    const touched = [...after]
      .filter(([f, m]) => before.get(f) !== m)
      .map(([f]) => f)
      .sort();
    expect(touched).toEqual([...result.write!.changed].sort());
  });

  it("updates old and new tag pages, related lists and feeds when an article's tags change", async () => {
    const ws = await workspace();
    await ws.run();
    const names = readdirSync(path.join(ws.paths.content, "articles")).sort();
    const file = path.join(ws.paths.content, "articles", names[3]!);
    const text = readFileSync(file, "utf8");
    const oldTags = /^tags: (.*)$/m.exec(text)![1]!;
    writeFileSync(file, text.replace(/^tags: .*$/m, 'tags: ["zz-new-topic"]'));
    const result = await ws.run();
    // The body is keyed with its file, so a front-matter edit renders that one body again.
    expect(result.stats.rendered).toBe(1);
    expect(result.write!.changed).toContain("tags/zz-new-topic/index.html");
    expect(result.write!.changed).toContain("tags/zz-new-topic/feed.xml");
    expect(result.write!.changed).toContain("tags/index.html");
    const firstOldTag = JSON.parse(oldTags)[0] as string;
    const oldSegment = firstOldTag.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-");
    expect(
      result.write!.changed.some((p) => p.startsWith(`tags/${oldSegment}/`)) ||
        result.write!.deleted.some((p) => p.startsWith(`tags/${oldSegment}/`)),
    ).toBe(true);
    expect(result.write!.changed.filter((p) => p.startsWith("articles/")).length).toBeGreaterThan(1);
  });

  it("re-renders pages after a template edit without rendering any Markdown", async () => {
    const ws = await workspace();
    await ws.run();
    const layout = path.join(ws.paths.templates, "layouts/article.hbs");
    writeFileSync(layout, `${readFileSync(layout, "utf8")}\n<!-- edited -->\n`);
    const result = await ws.run();
    expect(result.stats.rendered).toBe(0);
    expect(result.write!.changed.filter((p) => p.startsWith("articles/"))).toHaveLength(80);
    expect(
      readFileSync(path.join(ws.paths.out, result.write!.changed.find((p) => p.startsWith("articles/"))!), "utf8"),
    ).toContain("<!-- edited -->");
  });

  it("detects a corrupted or truncated cache entry and renders it again instead of serving it", async () => {
    const ws = await workspace();
    await ws.run();
    const reference = await readTree(ws.paths.out);
    const htmlDir = path.join(ws.paths.cache, "html");
    const entries = (readdirSync(htmlDir, { recursive: true }) as string[]).filter((f) => f.endsWith(".txt")).sort();
    const victim = path.join(htmlDir, entries[0]!);
    const truncated = path.join(htmlDir, entries[1]!);
    writeFileSync(victim, readFileSync(victim, "utf8").replace(/<p>/, "<p>TAMPERED "));
    writeFileSync(truncated, readFileSync(truncated, "utf8").slice(0, 100));
    // A template change forces every page to be rendered from the cached HTML.
    const layout = path.join(ws.paths.templates, "layouts/article.hbs");
    writeFileSync(layout, `${readFileSync(layout, "utf8")}\n<!-- again -->\n`);
    await ws.run();
    const after = await readTree(ws.paths.out);
    for (const [file, bytes] of after) expect(bytes.toString("utf8"), file).not.toContain("TAMPERED");
    // Apart from the template comment, the site is what it was.
    const strip = (b: Buffer) => b.toString("utf8").replace("\n<!-- again -->\n", "");
    for (const [file, bytes] of reference) expect(strip(after.get(file)!), file).toBe(bytes.toString("utf8"));
    // The damaged entries were rewritten and verify again.
    expect(readFileSync(victim, "utf8")).not.toContain("TAMPERED");
  });
});
