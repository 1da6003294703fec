#!/usr/bin/env node
// Benchmark: what site search (Pagefind, docs/search.md) costs a build: cold, warm, and after one edit.
//
//   npm run bench:search                     10,000 articles, 3 runs each
//   npm run bench:search -- --sizes 1000 --runs 5
//   npm run bench:search -- --corpus DIR     a folder of articles instead
//
// The site is built once beforehand (bodies rendered and cached, pages written), so the figures
// are the search step: "cold" has no cached index (every body is read back from the cache and
// indexed by Pagefind, every shard), "warm" has the index for the same articles in the cache (a CI
// build with a restored cache, or a rebuild after a template edit), and "one body edited" changes
// one article's body before each run (an editor's save: its shard is indexed again, the others come
// from the cache; the article is rendered again too). Each run is a separate process that rebuilds
// the same output folder with the "nothing changed" shortcut disabled (its cache entry removed), so
// unchanged pages are not rendered again and the whole-build column is the rest of a no-op build.
// A primed site under --dir is reused. Prints a Markdown table; docs/search.md records one run.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { editBody, ensureCorpus, flag, givenCorpus, listArticles, median, pickVictim, root } from "./common.mjs";

if (process.argv[2] === "--child") {
  const { build } = await import(pathToFileURL(path.join(root, "lib/build.js")).href);
  const r = await build({ now: "2026-11-26T12:00:00Z", paths: JSON.parse(process.argv[3]) });
  if (!r.isOk) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)));
  console.log(JSON.stringify({ search: r.timings.search ?? 0, ms: r.stats.ms, indexed: r.stats.indexed }));
  process.exit(0);
}

const given = givenCorpus();
const sizes = given ? [listArticles(given).length] : flag("--sizes", "10000").split(",").map(Number);
const runs = Number(flag("--runs", "3"));
const work = flag("--dir", path.join(tmpdir(), "broadsheet-bench"));

if (!existsSync(path.join(root, "lib/build.js")))
  execFileSync("npm", ["run", "compile"], { cwd: root, stdio: "inherit" });

/** One build in its own process (this script with --child); returns its search step, whole build and what it indexed. */
function runBuild(site, out) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", JSON.stringify({ ...site, out })], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

/** Files and bytes under a folder. */
function sizeOf(dir) {
  let files = 0;
  let bytes = 0;
  for (const f of readdirSync(dir, { recursive: true })) {
    const s = statSync(path.join(dir, String(f)));
    if (s.isFile()) files++, (bytes += s.size);
  }
  return { files, bytes };
}

const rows = [];
for (const count of sizes) {
  const dir = path.join(work, `search-${count}`);
  const site = {
    content: path.join(dir, "content"),
    templates: path.join(root, "theme/templates"),
    public: path.join(dir, "public"),
    cache: path.join(dir, "cache"),
  };
  if (!existsSync(path.join(dir, ".primed"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(site.public, { recursive: true });
    cpSync(ensureCorpus(work, count), path.join(site.content, "articles"), { recursive: true });
  }
  const out = path.join(dir, "dist");
  // Prime: every body rendered and cached, every page and a first index written.
  const prime = runBuild(site, out);
  writeFileSync(path.join(dir, ".primed"), "");
  process.stderr.write(`primed ${count} in ${(prime.ms / 1000).toFixed(1)} s`);
  const bundle = {
    ...sizeOf(path.join(out, "pagefind")),
    shards: 1 + readdirSync(path.join(out, "pagefind")).filter((f) => /^s\d+$/.test(f)).length,
  };
  const forget = (namespace) => rmSync(path.join(site.cache, namespace), { recursive: true, force: true });
  // The article "one body edited" changes (a new sentence each run); put back as it was afterwards.
  const articlesDir = path.join(site.content, "articles");
  const victim = path.join(articlesDir, pickVictim(articlesDir));
  const original = readFileSync(victim, "utf8");
  let take = 0;
  for (const [name, before] of [
    ["cold (no cached index)", () => (forget("warnings"), forget("search"))],
    ["warm (index cached, articles unchanged)", () => forget("warnings")],
    ["one article's body edited", () => writeFileSync(victim, editBody(original, ++take))],
  ]) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      before();
      results.push(runBuild(site, out));
      process.stderr.write(".");
    }
    rows.push({
      count,
      name,
      search: median(results.map((r) => r.search)),
      build: median(results.map((r) => r.ms)),
      indexed: median(results.map((r) => r.indexed)),
      runs,
    });
  }
  writeFileSync(victim, original);
  rows.push({ count, bundle });
}
process.stderr.write("\n");

console.log(
  `Broadsheet search benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`corpus: ${given ?? "bench/gen-corpus.mjs, seed 1"}; site built beforehand (bodies and pages cached)`);
console.log(
  `load average when done: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}`,
);
console.log("");
console.log("| articles | search index | median search step (ms) | median whole build (s) | articles indexed | runs |");
console.log("|---:|---|---:|---:|---:|---:|");
for (const r of rows.filter((r) => !r.bundle))
  console.log(
    `| ${r.count.toLocaleString("en")} | ${r.name} | ${r.search.toFixed(0)} | ${(r.build / 1000).toFixed(2)} | ${r.indexed} | ${r.runs} |`,
  );
console.log("");
for (const r of rows.filter((r) => r.bundle))
  console.log(
    `Bundle for ${r.count.toLocaleString("en")} articles: ${r.bundle.files.toLocaleString("en")} files, ${(r.bundle.bytes / 2 ** 20).toFixed(1)} MiB under /pagefind/ in ${r.bundle.shards} shard(s).`,
  );
