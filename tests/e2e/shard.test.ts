/**
 * `broadsheet build --shard i/n` (docs/ci-shards.md): four shards render a cold archive into four
 * caches, the caches are merged by a plain copy, and the final build renders no body, encodes no
 * picture, and writes the very bytes a one-machine cold build writes.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.js";
import { buildShard, parseShard, shardOf, shardSummary, type ShardResult } from "../../src/shard.js";
import { generateCorpus } from "../helpers/corpus.js";
import { makeProject, removeProjects, runCli } from "../helpers/project.js";
import { fixture, NOW, readTree, ROOT } from "../helpers/site.js";

const COUNT = 4;

/** A 40-article archive with a static page, an author bio, and pictures in bodies, leads and a page. */
async function makeSite(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "shard-e2e-"));
  const content = path.join(root, "content");
  cpSync(await generateCorpus(40), content, { recursive: true });
  cpSync(path.join(fixture("basic"), "content/site.yaml"), path.join(content, "site.yaml"));
  cpSync(path.join(fixture("basic"), "content/pages"), path.join(content, "pages"), { recursive: true });
  mkdirSync(path.join(content, "authors"));
  writeFileSync(path.join(content, "authors/ana-ruiz.md"), "---\nname: Ana Ruiz\n---\n\nAna Ruiz covers **energy**.\n");
  cpSync(path.join(ROOT, "public"), path.join(root, "public"), { recursive: true });
  const gradient = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="600"><defs><linearGradient id="g"><stop offset="0" stop-color="#036"/><stop offset="1" stop-color="#fc6"/></linearGradient></defs><rect width="1000" height="600" fill="url(#g)"/></svg>',
  );
  mkdirSync(path.join(root, "public/images"), { recursive: true });
  writeFileSync(path.join(root, "public/images/chart.jpg"), await sharp(gradient).resize(700).jpeg().toBuffer());
  writeFileSync(path.join(root, "public/images/map.png"), await sharp(gradient).resize(500).png().toBuffer());
  const bundle = path.join(content, "articles/harbour-lights");
  mkdirSync(bundle);
  writeFileSync(path.join(bundle, "hero.png"), await sharp(gradient).png().toBuffer());
  writeFileSync(
    path.join(bundle, "index.md"),
    "---\ntitle: Harbour lights come back on\ndate: 2026-11-20T10:00:00Z\ntags: [harbour]\nimage:\n  src: hero.png\n  alt: Lights along a harbour wall\n---\n\nThe lights are back.\n\n![A chart of outages](/images/chart.jpg)\n",
  );
  // The same picture in a second article: whichever shards hold them, it is there for the final build.
  writeFileSync(
    path.join(content, "articles/outage-figures.md"),
    "---\ntitle: Outage figures published\ndate: 2026-11-21T10:00:00Z\ntags: [harbour]\n---\n\nThe figures.\n\n![A chart of outages](/images/chart.jpg)\n",
  );
  writeFileSync(
    path.join(content, "pages/map.md"),
    "---\ntitle: Map\n---\n\nWhere we report from.\n\n![A map of the region](/images/map.png)\n",
  );
  return root;
}

const pathsOf = (root: string, out: string, cache: string) => ({
  content: path.join(root, "content"),
  templates: path.join(ROOT, "templates"),
  public: path.join(root, "public"),
  out: path.join(root, out),
  cache: path.join(root, cache),
});

/** Cache entries of a namespace, as "fan/file" names. */
const entries = (cache: string, namespace: string): string[] => {
  const dir = path.join(cache, namespace);
  return existsSync(dir)
    ? (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".txt")).sort()
    : [];
};

describe("a cold archive built in four shards, merged by copying", () => {
  let root: string;
  let cold: BuildResult;
  let site: Map<string, Buffer>;
  const shards: ShardResult[] = [];

  beforeAll(async () => {
    root = await makeSite();
    cold = await build({ now: NOW, threads: 2, paths: pathsOf(root, "site-a", "cache-a") });
    expect(cold.diagnostics).toEqual([]);
    expect(cold.isOk).toBe(true);
    site = await readTree(path.join(root, "site-a"));
    for (let index = 1; index <= COUNT; index++) {
      const result = await buildShard({
        now: NOW,
        threads: 2,
        shard: { index, count: COUNT },
        paths: pathsOf(root, "never-written", `cache-${index}`),
      });
      expect(result.diagnostics).toEqual([]);
      expect(result.isOk).toBe(true);
      shards.push(result);
    }
  }, 180_000);

  it("renders every published body in exactly one shard, each only its share", () => {
    const shares = shards.map((s) => s.share);
    const all = shares.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(cold.stats.articles);
    expect(all.length).toBe(42);
    expect(shards.map((s) => s.stats.rendered)).toEqual(shares.map((s) => s.length));
    expect(shards.reduce((n, s) => n + s.stats.rendered, 0)).toBe(cold.stats.rendered);
    // A share is no slice of the reading order: each shard holds some articles.
    for (const share of shares) expect(share.length).toBeGreaterThan(0);
    expect(shards.every((s) => s.stats.published === 42)).toBe(true);
  });

  it("renders the static pages and author bios in shard 1 only", () => {
    expect(shards.map((s) => s.stats.pages)).toEqual([3, 0, 0, 0]);
  });

  it("encodes the pictures its articles (and, in shard 1, the pages) show", () => {
    const encoded = shards.map((s) => s.stats.encoded);
    expect(encoded[0]).toBeGreaterThan(0); // the map on a page
    expect(shards.every((s) => s.stats.encoded === s.stats.variants)).toBe(true);
    // Every variant the site publishes was encoded by some shard.
    const variants = new Set(shards.flatMap((_, i) => entries(path.join(root, `cache-${i + 1}`), "image-variant")));
    expect(variants).toEqual(new Set(entries(path.join(root, "cache-a"), "image-variant")));
  });

  it("writes no site and nothing outside its cache", () => {
    expect(existsSync(path.join(root, "never-written"))).toBe(false);
    expect(existsSync(path.join(root, ".never-written.builds"))).toBe(false);
    // Only content-addressed entries, the tag and the shard's own journal: nothing a copy could clobber.
    for (let i = 1; i <= COUNT; i++) {
      const cache = path.join(root, `cache-${i}`);
      expect(readdirSync(path.join(cache, "index"))).toEqual([`summaries-shard-${i}-of-${COUNT}.journal`]);
      for (const name of readdirSync(cache))
        expect(["CACHEDIR.TAG", "html", "page", "index", "image-probe", "image-variant"]).toContain(name);
    }
  });

  it("then builds the same bytes as one machine, rendering no body and encoding no picture", async () => {
    const merged = path.join(root, "cache-merged");
    for (let i = 1; i <= COUNT; i++) cpSync(path.join(root, `cache-${i}`), merged, { recursive: true });
    const variantsBefore = entries(merged, "image-variant");
    const final = await build({ now: NOW, threads: 2, paths: pathsOf(root, "site-b", "cache-merged") });
    expect(final.diagnostics).toEqual([]);
    expect(final.isOk).toBe(true);
    expect(final.stats.rendered).toBe(0);
    expect(entries(merged, "image-variant")).toEqual(variantsBefore);
    const built = await readTree(path.join(root, "site-b"));
    expect([...built.keys()]).toEqual([...site.keys()]);
    expect([...built].filter(([file, bytes]) => !site.get(file)!.equals(bytes)).map(([file]) => file)).toEqual([]);
    // The shards' journals are folded into the index: the next build reads one file, and renders nothing.
    expect(readdirSync(path.join(merged, "index"))).not.toContainEqual(expect.stringMatching(/journal$/));
    const again = await build({ now: NOW, threads: 2, paths: pathsOf(root, "site-c", "cache-merged") });
    expect(again.stats.rendered).toBe(0);
  });

  it("renders nothing when run again on its own cache", async () => {
    const again = await buildShard({
      now: NOW,
      threads: 2,
      shard: { index: 2, count: COUNT },
      paths: pathsOf(root, "never-written", "cache-2"),
    });
    expect(again.isOk).toBe(true);
    expect(again.stats.rendered).toBe(0);
    expect(again.share).toEqual(shards[1]!.share);
    expect(shardSummary(again, { index: 2, count: COUNT })).toMatch(
      new RegExp(
        `^shard 2/4: rendered 0 of 42 articles' bodies into .*cache-2 \\(${again.share.length} of this shard's ${again.share.length} were cached`,
      ),
    );
  });
});

describe("which shard an article is in", () => {
  it("depends on its path only, so adding articles moves no other", () => {
    const names = Array.from({ length: 1000 }, (_, i) => `2026/story-${i}.md`);
    const before = names.map((n) => shardOf(n, COUNT));
    expect(names.map((n) => shardOf(n, COUNT))).toEqual(before);
    // Spread evenly enough: each of four shards holds a fair part of 1,000 articles.
    for (let s = 1; s <= COUNT; s++) {
      const n = before.filter((x) => x === s).length;
      expect(n).toBeGreaterThan(200);
      expect(n).toBeLessThan(300);
    }
  });

  it("reads i/n and refuses anything else with a hint", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    for (const bad of ["0/4", "5/4", "a/b", "4", "1/0", "-1/4", "2/4/8"]) {
      const d = parseShard(bad);
      expect(d).toMatchObject({ code: "InvalidConfig", severity: "error" });
      expect((d as { message: string }).message).toContain(`--shard ${bad}`);
      expect((d as { hint: string }).hint).toContain("--shard 2/4");
    }
  });
});

describe("broadsheet build --shard on the command line", () => {
  afterAll(removeProjects);

  it("prints one summary line, exits 0 and writes no output folder", () => {
    const project = makeProject();
    const run = runCli(project, ["build", "--shard", "2/4"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^shard 2\/4: rendered \d+ of \d+ articles' bodies into \.cache( \(.*\))? in \d+\.\d\d s\n$/,
    );
    expect(existsSync(path.join(project, "dist"))).toBe(false);
    expect(existsSync(path.join(project, ".cache/index/summaries-shard-2-of-4.journal"))).toBe(
      !/rendered 0 of/.test(run.stdout),
    );
  });

  it("prints its steps with --timings", () => {
    const run = runCli(makeProject(), ["build", "--shard", "1/2", "--timings"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^read-validate +\d+ ms\nmarkdown +\d+ ms\nimages +\d+ ms\n$/);
  });

  it("warns when its entries are signed with a key other machines do not have", () => {
    const project = makeProject();
    const home = path.join(path.dirname(project), "home");
    const run = runCli(project, ["build", "--shard", "1/2"], { BROADSHEET_CACHE_KEY: "", XDG_CACHE_HOME: home });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("[CacheKey]");
    expect(run.stderr).toContain("Give every shard and the final build the same BROADSHEET_CACHE_KEY");
  });

  it("fails on content errors like a build, listing them, and writes no site", () => {
    const project = makeProject({ site: "invalid-bad-date" });
    const run = runCli(project, ["build", "--shard", "1/2"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("[InvalidDate]");
    expect(run.stderr).toContain("Shard build failed; no site was written.");
    expect(run.stdout).toBe("");
    expect(existsSync(path.join(project, "dist"))).toBe(false);
  });

  it("refuses a shard that is not i/n, --no-cache, and what only a site-writing build does", () => {
    const project = makeProject();
    for (const [args, text] of [
      [["--shard", "0/4"], "--shard 0/4 names shard 0, and shards are numbered 1 to 4"],
      [["--shard", "5/4"], "--shard 5/4 names shard 5"],
      [["--shard", "a/b"], "--shard a/b is not of the form i/n"],
      [["--shard", "1/4", "--no-cache"], "--no-cache leaves it out"],
      [["--shard", "1/4", "--report", "r.json"], "--report would do nothing"],
    ] as const) {
      const run = runCli(project, ["build", ...args]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(text);
      expect(run.stdout).toBe("");
    }
    expect(existsSync(path.join(project, ".cache"))).toBe(false);
    expect(existsSync(path.join(project, "dist"))).toBe(false);
  });
});
