#!/usr/bin/env node
// Benchmark: what one Markdown body costs, the reference pipeline against the fast route every build
// uses (docs/markdown-speed.md), and how a cold build scales with --jobs.
//
//   npm run compile && node bench/markdown.mjs                      300 articles × 5 runs, then cold builds of 2,000
//   node bench/markdown.mjs --count 500 --runs 7 --build-count 2000 --build-runs 1
//   node bench/markdown.mjs --corpus ../shared/corpora/nodejs-blog --skip-builds --skip-dev
//                                                                   per article over a folder of real posts
//   node bench/markdown.mjs --skip-builds                           no cold builds
//   node bench/markdown.mjs --skip-dev                              no dev first-edit figures
//   node bench/markdown.mjs --baseline /tmp/main-checkout           also another checkout's renderer and cold builds
//
// Per article: the same N generated bodies (bench/gen-corpus.mjs, seed 1) rendered on this thread by
// `renderMarkdown(md, urls, {reference: true})` — all of GFM, remark-html's output re-parsed, both
// URL variants — and by `renderMarkdown(md, urls)` plus the feed variant made from its HTML
// (absoluteHtmlOf, as a feed does for its items), the two alternating within each run after a
// warm-up run; the median of the runs' per-article means. Then cold builds
// (`broadsheet build --no-cache --jobs N`, fresh output) of --build-count generated articles with
// 1 and 2 jobs: wall and CPU seconds (/usr/bin/time), the build's own markdown step, the ratio.
// Last, the dev server's case (build() with keepWorkers, as `broadsheet dev` calls it) on --dev-count
// articles with a warm cache: the first build renders nothing (so starts no worker), then one body
// is edited several times: the markdown step of the first edit (a worker started and remark
// imported) against the later ones (the idle worker kept from the edit before).
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildFigures, ensureCorpus, flag, givenCorpus, listArticles, median, pickVictim, root } from "./common.mjs";
import { generateArticle } from "./gen-corpus.mjs";

const count = Number(flag("--count", "300"));
const runs = Number(flag("--runs", "5"));
const buildCount = Number(flag("--build-count", "2000"));
const buildRuns = Number(flag("--build-runs", "1"));
const skipBuilds = process.argv.includes("--skip-builds");
const skipDev = process.argv.includes("--skip-dev");
const devCount = Number(flag("--dev-count", "300"));
const devEdits = Number(flag("--edits", "5"));
const baseline = flag("--baseline", null);
const work = flag("--dir", path.join(tmpdir(), "broadsheet-bench"));
const NOW = "2026-11-26T12:00:00Z";

if (!existsSync(path.join(root, "lib/cli.js")))
  execFileSync("npm", ["run", "compile"], { cwd: root, stdio: "inherit" });
const { renderMarkdown } = await import("../lib/markdown/render-markdown.js");
const { absoluteHtmlOf } = await import("../lib/markdown/absolute-urls.js");
const { splitBody } = await import("../lib/content/parse-front-matter.js");

// ---- per article ----

const body = (text) => splitBody({ path: "x.md", relPath: "x.md", text, hash: "" });
const given = givenCorpus();
// --corpus: every post of a folder (each its own body) instead of generated articles.
const bodies = given
  ? listArticles(given).map((f) => body(readFileSync(path.join(given, f), "utf8")))
  : Array.from({ length: count }, (_, i) => body(generateArticle(1, i).text));
const urls = { pageUrl: "https://news.example/articles/x/", basePath: "" };
const { pathToFileURL } = await import("node:url");
// Today's renderer as another checkout has it (e.g. main): the truest "old", both variants included.
const baselineRender = baseline
  ? (await import(pathToFileURL(path.join(path.resolve(baseline), "lib/markdown/render-markdown.js")).href))
      .renderMarkdown
  : null;
const paths = {
  ...(baselineRender && { "baseline checkout's renderer": (md) => baselineRender(md, urls) }),
  "reference ({reference: true})": (md) => renderMarkdown(md, urls, { reference: true }),
  "fast, with the feed variant": (md) => absoluteHtmlOf(renderMarkdown(md, urls).html, urls.pageUrl),
  "fast, page HTML only (a build)": (md) => renderMarkdown(md, urls),
};
const perArticle = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
for (let run = 0; run <= runs; run++) {
  for (const [name, render] of Object.entries(paths)) {
    const started = performance.now();
    for (const md of bodies) render(md);
    // Run 0 warms the JIT and the processors.
    if (run > 0) perArticle[name].push((performance.now() - started) / bodies.length);
  }
}
const old = median(perArticle[baselineRender ? "baseline checkout's renderer" : "reference ({reference: true})"]);
console.log(
  `\nMarkdown per article: ${given ? `${bodies.length} posts of ${given}` : `${count} generated articles`}, median of ${runs} runs (one thread)\n`,
);
console.log(`| path | ms per article | vs ${baselineRender ? "baseline" : "reference"} |`);
console.log("|---|---:|---:|");
for (const [name, xs] of Object.entries(perArticle))
  console.log(`| ${name} | ${median(xs).toFixed(2)} | ${(old / median(xs)).toFixed(2)}× |`);
// What a feed pays per item for the absolute-URL variant, made from the stored page HTML.
const pageHtml = bodies.map((md) => renderMarkdown(md, urls).html);
const feedVariant = Array.from({ length: runs }, () => {
  const started = performance.now();
  for (const html of pageHtml) absoluteHtmlOf(html, urls.pageUrl);
  return (performance.now() - started) / bodies.length;
});
console.log(`| feed variant alone (absoluteHtmlOf, per feed item) | ${median(feedVariant).toFixed(3)} | |`);

// ---- cold builds and --jobs ----

if (!skipBuilds) {
  if (!existsSync("/usr/bin/time")) {
    console.error("bench: /usr/bin/time is missing (apt-get install -y time)");
    process.exit(2);
  }
  const articles = ensureCorpus(work, buildCount);
  const dir = path.join(work, `markdown-${buildCount}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const content = path.join(dir, "content");
  cpSync(articles, path.join(content, "articles"), { recursive: true });

  /** One cold build with `jobs` threads by the checkout at `checkout`: wall s, CPU s, markdown step s. */
  const coldBuild = (checkout, jobs) => {
    const out = path.join(dir, "dist");
    rmSync(out, { recursive: true, force: true });
    rmSync(path.join(dir, ".dist.builds"), { recursive: true, force: true });
    const r = spawnSync(
      "/usr/bin/time",
      [
        "-f",
        "BENCH %e %U %S",
        process.execPath,
        path.join(checkout, "bin/broadsheet.js"),
        "build",
        "--content",
        content,
        "--out",
        out,
        "--no-cache",
        "--jobs",
        String(jobs),
        "--now",
        NOW,
        "--timings",
      ],
      { encoding: "utf8", maxBuffer: 64 << 20 },
    );
    const m = /BENCH ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
    const figures = buildFigures(`${r.stdout}\n${r.stderr}`);
    if (r.status !== 0 || !m || !figures) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
    return { wall: +m[1], cpu: +m[2] + +m[3], markdown: figures.step("markdown") };
  };

  const checkouts = [["this checkout", root], ...(baseline ? [["baseline", path.resolve(baseline)]] : [])];
  console.log(`\nCold build (--no-cache), ${buildCount} generated articles, median of ${buildRuns} run(s) per row\n`);
  console.log("| checkout | jobs | wall s | CPU s | markdown step s | 1 job / this |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const [name, checkout] of checkouts) {
    let one;
    for (const jobs of [1, 2]) {
      const results = Array.from({ length: buildRuns }, () => coldBuild(checkout, jobs));
      const row = {
        wall: median(results.map((r) => r.wall)),
        cpu: median(results.map((r) => r.cpu)),
        markdown: median(results.map((r) => r.markdown)),
      };
      one ??= row;
      console.log(
        `| ${name} | ${jobs} | ${row.wall.toFixed(1)} | ${row.cpu.toFixed(1)} | ${row.markdown.toFixed(1)} | ${(one.wall / row.wall).toFixed(2)}× |`,
      );
    }
  }
}

// ---- dev: the first edit after a start with a warm cache ----

if (!skipDev) {
  const { build } = await import("../lib/build.js");
  const dir = path.join(work, `markdown-dev-${devCount}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sitePaths = {
    content: path.join(dir, "content"),
    templates: path.join(root, "theme/templates"),
    public: path.join(root, "public"),
    cache: path.join(dir, "cache"),
  };
  cpSync(ensureCorpus(work, devCount), path.join(sitePaths.content, "articles"), { recursive: true });
  const victim = path.join(sitePaths.content, "articles", pickVictim(path.join(sitePaths.content, "articles")));
  const devBuild = async (keepWorkers) => {
    const result = await build({
      now: NOW,
      includeDrafts: true,
      isDevOutput: true,
      keepWorkers,
      paths: { ...sitePaths, out: path.join(sitePaths.cache, "dev-site") },
    });
    if (!result.isOk) throw new Error("dev build failed");
    return result;
  };
  const { stopIdleWorkers, warmWorker } = await import("../lib/markdown/worker-pool.js");
  const edit = async (i) => {
    appendFileSync(victim, `\nA dev edit, take ${i}.\n`);
    const result = await devBuild(true);
    return { markdown: result.timings.markdown ?? 0, total: result.stats.ms, rendered: result.stats.rendered };
  };
  // Fills the cache and stops its workers: from here on this process is a dev server started on a warm cache.
  await devBuild(false);
  const first = await devBuild(true);
  // As before this change: no worker until the first edit starts one.
  const cold = await edit(0);
  // As `broadsheet dev` does now: one worker warmed after the first build (the editor takes a few seconds to save).
  await stopIdleWorkers();
  warmWorker();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const warm = await edit(1);
  const later = [];
  for (let i = 2; i < devEdits + 2; i++) later.push(await edit(i));
  console.log(`\nDev server (build() with keepWorkers), ${devCount} articles, warm cache\n`);
  console.log("| build | rendered | markdown step ms | whole build ms |");
  console.log("|---|---:|---:|---:|");
  const row = (name, r) =>
    console.log(`| ${name} | ${r.rendered} | ${r.markdown.toFixed(0)} | ${r.total.toFixed(0)} |`);
  row("start (nothing changed)", {
    rendered: first.stats.rendered,
    markdown: first.timings.markdown ?? 0,
    total: first.stats.ms,
  });
  row("first edit, no worker yet (before)", cold);
  row("first edit, a worker warmed after the start (warmWorker, now)", warm);
  row(`later edits (median of ${later.length})`, {
    rendered: later[0]?.rendered ?? 0,
    markdown: median(later.map((r) => r.markdown)),
    total: median(later.map((r) => r.total)),
  });
  await stopIdleWorkers();
}
