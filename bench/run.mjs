#!/usr/bin/env node
// Benchmark: cold and warm builds of generated corpora, medians of several runs, side by side.
//
//   npm run bench                      1,000 and 10,000 articles, 3 runs each
//   npm run bench -- --sizes 1000 --runs 5
//   npm run bench -- --large           adds 100,000 articles (cold and warm-unchanged only)
//   npm run bench -- --corpus DIR      a folder of articles instead (e.g. ../shared/corpora/nodejs-blog)
//   npm run bench -- --image-count N   pictures for the images table (bench/images.mjs; default 1000, 0: none)
//
// The "search step" and "images step" columns come from each build's --timings: Pagefind indexing,
// and probing and encoding pictures (the generated corpora have no raster pictures, so the second
// table, from bench/images.mjs, builds page-bundle articles that each have one).
//
// Generated corpora come from bench/gen-corpus.mjs (seed 1), made once under --dir and reused.
// Needs /usr/bin/time (Debian package "time") for CPU time and peak memory of each build.
// Prints a Markdown table; docs/performance.md records one run.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import {
  buildFigures,
  editBody,
  editTags,
  ensureCorpus,
  flag,
  givenCorpus,
  listArticles,
  median,
  pickVictim,
  root,
} from "./common.mjs";

const args = process.argv.slice(2);
const given = givenCorpus();
const sizes = given ? [listArticles(given).length] : flag("--sizes", "1000,10000").split(",").map(Number);
if (args.includes("--large") && !given) sizes.push(100000);
const runs = Number(flag("--runs", "3"));
const work = flag("--dir", path.join(tmpdir(), "broadsheet-bench"));
const cli = path.join(root, "bin/broadsheet.js");

if (!existsSync("/usr/bin/time")) {
  console.error("bench: /usr/bin/time is missing (apt-get install -y time)");
  process.exit(2);
}
if (!existsSync(path.join(root, "lib/cli.js")))
  execFileSync("npm", ["run", "compile"], { cwd: root, stdio: "inherit" });

/** Runs one build; returns wall s, CPU s (user+sys, all threads), peak RSS MB, files changed. */
function runBuild(site) {
  const r = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "BENCH %e %U %S %M",
      process.execPath,
      cli,
      "build",
      "--content",
      site.content,
      "--templates",
      site.templates,
      "--out",
      site.out,
      "--cache",
      site.cache,
      "--now",
      "2026-11-26T12:00:00Z",
      "--timings",
    ],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const m = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  // --timings: search indexing and picture processing are columns.
  const figures = buildFigures(`${r.stdout}\n${r.stderr}`);
  if (r.status !== 0 || !m || !figures) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  return {
    search: figures.step("search"),
    images: figures.step("images"),
    wall: +m[1],
    cpu: +m[2] + +m[3],
    rss: +m[4] / 1024,
    rendered: figures.rendered,
    written: figures.changed + figures.deleted,
  };
}

function prepareSite(count) {
  const dir = path.join(work, String(count));
  const articles = ensureCorpus(work, count);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const site = {
    content: path.join(dir, "content"),
    templates: path.join(dir, "templates"),
    out: path.join(dir, "dist"),
    cache: path.join(dir, "cache"),
  };
  cpSync(articles, path.join(site.content, "articles"), { recursive: true });
  // The theme's templates, copied as the site's own: the "template edited" case edits one of them.
  cpSync(path.join(root, "theme/templates"), site.templates, { recursive: true });
  return site;
}

function cold(site) {
  for (const p of [site.out, site.cache, path.join(path.dirname(site.out), ".dist.builds")])
    rmSync(p, { recursive: true, force: true });
  return runBuild(site);
}

const rows = [];
for (const count of sizes) {
  const site = prepareSite(count);
  const victim = path.join(site.content, "articles", pickVictim(path.join(site.content, "articles")));
  const original = readFileSync(victim, "utf8");
  const layout = path.join(site.templates, "layouts/article.hbs");
  const n = count >= 100000 ? 1 : runs;
  const scenarios = [
    ["cold (no cache, no output)", () => cold(site)],
    ["warm, nothing changed", () => runBuild(site)],
    ["warm, one article's body edited", (i) => (writeFileSync(victim, editBody(original, i)), runBuild(site))],
    ["warm, one article's tags edited", (i) => (writeFileSync(victim, editTags(original, i)), runBuild(site))],
    [
      "warm, a template edited",
      (i) => (writeFileSync(layout, `${readFileSync(layout, "utf8")}\n<!-- edit ${i} -->\n`), runBuild(site)),
    ],
  ];
  for (const [name, run] of count >= 100000 ? scenarios.slice(0, 2) : scenarios) {
    const results = [];
    for (let i = 0; i < n; i++) {
      results.push(run(i));
      process.stderr.write(".");
    }
    rows.push({
      count,
      name,
      wall: median(results.map((r) => r.wall)),
      cpu: median(results.map((r) => r.cpu)),
      rss: Math.max(...results.map((r) => r.rss)),
      rendered: median(results.map((r) => r.rendered)),
      written: median(results.map((r) => r.written)),
      search: median(results.map((r) => r.search)),
      images: median(results.map((r) => r.images)),
      runs: n,
    });
  }
  writeFileSync(victim, original);
}
process.stderr.write("\n");

console.log(
  `Broadsheet benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`corpus: ${given ?? "bench/gen-corpus.mjs, seed 1"}`);
console.log("");
console.log(
  "| articles | build | median wall (s) | median CPU (s) | peak RSS (MB) | bodies rendered | files written | search step (s) | images step (s) | runs |",
);
console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows)
  console.log(
    `| ${r.count.toLocaleString("en")} | ${r.name} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.rss.toFixed(0)} | ${r.rendered} | ${r.written} | ${r.search.toFixed(2)} | ${r.images.toFixed(2)} | ${r.runs} |`,
  );

// The cost of pictures: bench/images.mjs builds articles that each have a raster lead picture.
const imageCount = Number(flag("--image-count", "1000"));
if (imageCount > 0 && !given) {
  console.log("");
  const images = spawnSync(
    process.execPath,
    [path.join(root, "bench/images.mjs"), "--count", String(imageCount), "--runs", String(runs)],
    {
      stdio: "inherit",
    },
  );
  if (images.status !== 0) process.exitCode = images.status ?? 1;
}
