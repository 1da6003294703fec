#!/usr/bin/env node
// Benchmark: Broadsheet beside Eleventy 3.1.8 + Handlebars, on the same articles, in the same run.
// Every figure is a median of --runs fresh processes, timed by /usr/bin/time (wall, CPU, peak RSS).
//
//   npm run bench                          1,000 / 2,000 / 5,000 / 10,000 articles: cold and warm at
//                                          each (the chart), every build at the largest (the table)
//   npm run bench -- --sizes 1000 --runs 3
//   npm run bench -- --sizes 1000,10000 --full 1000,10000     every build at both sizes
//   npm run bench -- --sizes 100000 --runs 1 --no-eleventy    the 100,000-article figures
//   npm run bench -- --corpus DIR          a folder of articles instead (e.g. one written by
//                                          ../shared/bench/gen-corpus.mjs --count 10000 --out DIR)
//   npm run bench -- --write-docs          also rewrites the figures block of docs/performance.md
//                                          and docs/performance-chart.svg
//   npm run bench -- --image-count N       pictures for the images table (bench/images.mjs; default
//                                          1000, 0: none)
//   npm run bench -- --max-rss MB          the peak-memory target (default 500)
//   npm run bench -- --no-eleventy         Broadsheet only
//   npm run bench -- --sizes 10000 --watch-only   only Eleventy's --watch --incremental edits
//
// Eleventy runs from bench/eleventy (its own package.json and lockfile, installed here with
// `npm ci --prefix bench/eleventy` when its node_modules is missing; never a Broadsheet dependency)
// on a copy of the same articles, with the Handlebars layouts in bench/eleventy/site. Eleventy keeps
// nothing between builds, so its warm and edited builds are what an Eleventy user runs after a
// change: `npx @11ty/eleventy` again (a full build; --incremental only works inside --watch/--serve,
// and `--incremental=<file>` fails on this site in 3.1.8). The last two columns are Eleventy's edit
// loop, `--watch --incremental` kept running: from each write to its "Wrote N files" line.
//
// Generated corpora come from bench/gen-corpus.mjs (seed 1), made once under --dir and reused.
// Needs /usr/bin/time (Debian package "time").
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { chartSvg } from "./chart.mjs";
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
const sizes = given
  ? [listArticles(given).length]
  : flag("--sizes", "1000,2000,5000,10000")
      .split(",")
      .map(Number)
      .sort((a, b) => a - b);
const full = new Set(
  given
    ? sizes
    : flag("--full", String(Math.max(...sizes)))
        .split(",")
        .map(Number),
);
const runs = Number(flag("--runs", "3"));
const maxRss = Number(flag("--max-rss", "500"));
const work = flag("--dir", path.join(tmpdir(), "broadsheet-bench"));
const withEleventy = !args.includes("--no-eleventy");
const writeDocs = args.includes("--write-docs");
const cli = path.join(root, "bin/broadsheet.js");
const eleventyDir = path.join(root, "bench/eleventy");
const eleventyCli = path.join(eleventyDir, "node_modules/@11ty/eleventy/cmd.cjs");
const NOW = "2026-11-26T12:00:00Z";

if (!existsSync("/usr/bin/time")) {
  console.error("bench: /usr/bin/time is missing (apt-get install -y time)");
  process.exit(2);
}
if (!existsSync(path.join(root, "lib/cli.js")))
  execFileSync("npm", ["run", "compile"], { cwd: root, stdio: "inherit" });
if (withEleventy && !existsSync(eleventyCli))
  execFileSync("npm", ["ci", "--prefix", eleventyDir, "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
const eleventyVersion = withEleventy
  ? JSON.parse(readFileSync(path.join(eleventyDir, "node_modules/@11ty/eleventy/package.json"), "utf8")).version
  : null;
const loadBefore = loadavg();

/** Runs a command under /usr/bin/time: wall s, CPU s (user + sys, all threads), peak RSS MB, output. */
function timed(command, commandArgs, cwd) {
  const r = spawnSync("/usr/bin/time", ["-f", "BENCH %e %U %S %M", command, ...commandArgs], {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  const m = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  const text = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 || !m) throw new Error(`bench: ${path.basename(commandArgs[0])} failed:\n${text.slice(-4000)}`);
  return { wall: +m[1], cpu: +m[2] + +m[3], rss: +m[4] / 1024, text };
}

/** One `broadsheet build` of `site`, with its --timings figures. */
function ours(site) {
  const r = timed(
    process.execPath,
    [
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
      NOW,
      "--timings",
    ],
    site.dir,
  );
  const figures = buildFigures(r.text);
  if (!figures) throw new Error(`bench: no build summary:\n${r.text.slice(-4000)}`);
  return {
    ...r,
    search: figures.step("search"),
    images: figures.step("images"),
    rendered: figures.rendered,
    written: figures.changed + figures.deleted,
  };
}

/** One Eleventy build of `site.eleventy` (a full build: Eleventy 3 keeps no state between runs). */
function eleventy(site) {
  const e = site.eleventy;
  const r = timed(
    process.execPath,
    [eleventyCli, `--config=${path.join(eleventyDir, "eleventy.config.js")}`, "--input=src", "--output=dist"],
    e.dir,
  );
  const wrote = /Wrote (\d+) files?/.exec(r.text);
  return { ...r, written: wrote ? +wrote[1] : null };
}

function prepareSite(count) {
  const dir = path.join(work, String(count));
  const articles = ensureCorpus(work, count);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const site = {
    dir,
    articles,
    content: path.join(dir, "content"),
    templates: path.join(dir, "templates"),
    out: path.join(dir, "dist"),
    cache: path.join(dir, "cache"),
    eleventy: { dir: path.join(dir, "eleventy"), src: path.join(dir, "eleventy/src") },
  };
  copyContent(site);
  // The theme's templates, copied as the site's own: the "template edited" case edits one of them.
  cpSync(path.join(root, "theme/templates"), site.templates, { recursive: true });
  return site;
}

/** Fresh copies of the articles for both tools (new mtimes and ctimes, as in a fresh checkout). */
function copyContent(site) {
  rmSync(site.content, { recursive: true, force: true });
  cpSync(site.articles, path.join(site.content, "articles"), { recursive: true });
  if (withEleventy) {
    rmSync(site.eleventy.src, { recursive: true, force: true });
    cpSync(path.join(eleventyDir, "site"), site.eleventy.src, { recursive: true });
    cpSync(site.articles, path.join(site.eleventy.src, "articles"), { recursive: true });
  }
}

/** Removes Broadsheet's output (and its cache when `cache`). */
function emptyOutput(site, { cache }) {
  const paths = [site.out, path.join(site.dir, ".dist.builds")];
  for (const p of cache ? [...paths, site.cache] : paths) rmSync(p, { recursive: true, force: true });
}

/** Each build this script measures: `ours(i)` and `theirs(i)` do one run (theirs null: not measured). */
function scenarios(site, count) {
  const victimRel = pickVictim(path.join(site.content, "articles"));
  const victim = path.join(site.content, "articles", victimRel);
  const theirVictim = path.join(site.eleventy.src, "articles", victimRel);
  const original = readFileSync(victim, "utf8");
  const layout = path.join(site.templates, "layouts/article.hbs");
  const theirLayout = path.join(site.eleventy.src, "_includes/layouts/article.hbs");
  const siteYaml = path.join(site.content, "site.yaml");
  const appendComment = (file, i) => writeFileSync(file, `${readFileSync(file, "utf8")}\n<!-- edit ${i} -->\n`);
  const all = [
    {
      key: "coldNoSearch",
      name: "cold, `search: false` (like with like)",
      target: "no slower than Eleventy",
      // The site without a search index, as Eleventy's has none: content/site.yaml says `search: false`.
      ours: () => {
        emptyOutput(site, { cache: true });
        writeFileSync(siteYaml, "search: false\n");
        try {
          return ours(site);
        } finally {
          rmSync(siteYaml);
        }
      },
      theirs: null, // the cold row's Eleventy figure
    },
    {
      key: "cold",
      name: "cold (no cache, empty output)",
      target: "no slower than Eleventy",
      ours: () => (emptyOutput(site, { cache: true }), ours(site)),
      theirs: () => (rmSync(path.join(site.eleventy.dir, "dist"), { recursive: true, force: true }), eleventy(site)),
    },
    {
      key: "warm",
      name: "warm, nothing changed",
      target: "≤ 0.5 s",
      limit: 0.5,
      ours: () => ours(site),
      theirs: () => eleventy(site),
    },
    {
      key: "body",
      name: "one article's body edited",
      target: "≤ 1.0 s",
      limit: 1.0,
      ours: (i) => (writeFileSync(victim, editBody(original, i)), ours(site)),
      theirs: (i) => (writeFileSync(theirVictim, editBody(original, i)), eleventy(site)),
    },
    {
      key: "tag",
      name: "one article's tags edited",
      target: "≤ 1.5 s",
      limit: 1.5,
      ours: (i) => (writeFileSync(victim, editTags(original, i)), ours(site)),
      theirs: (i) => (writeFileSync(theirVictim, editTags(original, i)), eleventy(site)),
    },
    {
      key: "template",
      name: "a template edited (the article layout)",
      target: "≤ 5 s",
      limit: 5,
      ours: (i) => (appendComment(layout, i), ours(site)),
      theirs: (i) => (appendComment(theirLayout, i), eleventy(site)),
    },
    {
      key: "ci",
      name: "CI: fresh checkout, restored cache, empty output",
      target: "≤ 3 s",
      limit: 3,
      // The checkout as committed (edits undone, templates as shipped), every file new; the cache kept.
      setup: () => {
        copyContent(site);
        rmSync(site.templates, { recursive: true, force: true });
        cpSync(path.join(root, "theme/templates"), site.templates, { recursive: true });
        ours(site); // the cache as the last CI run of this commit left it
      },
      ours: () => (copyContent(site), emptyOutput(site, { cache: false }), ours(site)),
      theirs: null, // Eleventy has no build cache to restore: its CI build is its cold build
    },
  ];
  if (count >= 100000) return all.filter((s) => ["cold", "warm", "body"].includes(s.key));
  return full.has(count) ? all : all.filter((s) => ["cold", "warm"].includes(s.key));
}

/**
 * What an Eleventy user has while editing: `eleventy --watch --incremental`, one process kept running.
 * The same edits as the one-shot builds, `n` times each; for each, the seconds from the write to
 * Eleventy's "Wrote N files" line (what it rebuilt is in that line). Broadsheet's own equivalent is
 * its dev server (bench/dev-reload.mjs).
 */
async function eleventyWatch(site, count, n) {
  const e = site.eleventy;
  const victimRel = pickVictim(path.join(site.content, "articles"));
  const victim = path.join(e.src, "articles", victimRel);
  const original = readFileSync(victim, "utf8");
  const layout = path.join(e.src, "_includes/layouts/article.hbs");
  const child = spawn(
    process.execPath,
    [
      eleventyCli,
      `--config=${path.join(eleventyDir, "eleventy.config.js")}`,
      "--input=src",
      "--output=dist",
      "--watch",
      "--incremental",
    ],
    { cwd: e.dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  // Each line Eleventy prints goes to whoever waits for one like it.
  const waiters = [];
  let log = "";
  let partial = "";
  const onText = (chunk) => {
    log += chunk;
    const lines = (partial + chunk).split("\n");
    partial = lines.pop();
    for (const line of lines)
      for (const w of [...waiters])
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
  };
  child.stdout.on("data", onText);
  child.stderr.on("data", onText);
  // Should Eleventy stop, nobody waits for a line it will never print.
  let exited = false;
  child.on("exit", () => {
    exited = true;
    for (const w of waiters.splice(0)) w.resolve(null);
  });
  /** The next line matching `pattern`, or null after `ms`. */
  const lineLike = (pattern, ms) =>
    new Promise((resolve) => {
      if (exited) return resolve(null);
      const w = { pattern, resolve };
      waiters.push(w);
      // Unreferenced: a pending timer must not keep the script alive once Eleventy is stopped.
      setTimeout(() => {
        const i = waiters.indexOf(w);
        if (i !== -1) waiters.splice(i, 1);
        resolve(null);
      }, ms).unref();
    });
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const figures = { body: [], tag: [], template: [] };
  try {
    // "Watching…" comes before chokidar has looked at every file: a write in between goes unnoticed.
    if (!(await lineLike(/Watching/, 30 * 60_000)))
      throw new Error(`bench: eleventy --watch never watched:\n${log.slice(-3000)}`);
    await pause(2000 + count / 2);
    const edits = {
      body: (i) => writeFileSync(victim, editBody(original, i)),
      tag: (i) => writeFileSync(victim, editTags(original, i)),
      template: (i) => writeFileSync(layout, `${readFileSync(layout, "utf8")}\n<!-- edit ${i} -->\n`),
    };
    const touched = { body: victim, tag: victim, template: layout };
    for (const [key, edit] of Object.entries(edits))
      for (let i = 0; i < n; i++) {
        await pause(1000);
        const wrote = lineLike(/Wrote \d+ files?/, 30 * 60_000);
        let start = performance.now();
        edit(i);
        // Timed from the write Eleventy noticed: when it names no changed file within 5 s, write again.
        for (let tries = 0; !(await lineLike(/File changed/, 5000)); tries++) {
          if (tries === 5) throw new Error(`bench: eleventy --watch ignores changes:\n${log.slice(-3000)}`);
          const now = new Date();
          start = performance.now();
          utimesSync(touched[key], now, now);
        }
        const line = await wrote;
        if (!line) throw new Error(`bench: eleventy --watch gave no "Wrote" line:\n${log.slice(-3000)}`);
        figures[key].push({ wall: (performance.now() - start) / 1000, written: +/Wrote (\d+)/.exec(line)[1] });
        process.stderr.write("w");
      }
  } finally {
    child.kill();
  }
  return figures;
}

const medianOf = (results, key) => (results.length ? median(results.map((r) => r[key] ?? 0)) : null);

// `--watch-only`: only Eleventy's --watch --incremental edits, at each size (a small table of its own).
if (args.includes("--watch-only")) {
  console.log("| articles | edit | Eleventy --watch --incremental (s) | its files written |\n|---:|---|---:|---:|");
  for (const count of sizes) {
    const figures = await eleventyWatch(prepareSite(count), count, runs);
    for (const [key, results] of Object.entries(figures))
      console.log(`| ${count} | ${key} | ${medianOf(results, "wall").toFixed(2)} | ${medianOf(results, "written")} |`);
  }
  process.exit(0);
}

const rows = [];
for (const count of sizes) {
  const site = prepareSite(count);
  const n = count >= 100000 ? 1 : runs;
  for (const s of scenarios(site, count)) {
    s.setup?.();
    const mine = [];
    const theirs = [];
    for (let i = 0; i < n; i++) {
      mine.push(s.ours(i));
      if (withEleventy && s.theirs) theirs.push(s.theirs(i));
      process.stderr.write(".");
    }
    const row = { count, key: s.key, name: s.name, target: s.target, limit: s.limit, runs: n };
    for (const k of ["wall", "cpu", "rendered", "written", "search", "images"]) row[k] = medianOf(mine, k);
    row.rss = Math.max(...mine.map((r) => r.rss));
    row.theirs = theirs.length ? { wall: medianOf(theirs, "wall"), rss: Math.max(...theirs.map((r) => r.rss)) } : null;
    row.theirWritten = theirs.length ? medianOf(theirs, "written") : null;
    rows.push(row);
  }
  if (withEleventy && full.has(count) && count < 100000)
    for (const [key, results] of Object.entries(await eleventyWatch(site, count, n))) {
      const row = rows.find((r) => r.count === count && r.key === key);
      row.watch = { wall: medianOf(results, "wall"), written: medianOf(results, "written") };
    }
  process.stderr.write(` ${count}\n`);
}
// The rows whose Eleventy figure is another row's: its cold build.
for (const row of rows)
  if (!row.theirs && (row.key === "coldNoSearch" || row.key === "ci"))
    row.theirs = rows.find((r) => r.count === row.count && r.key === "cold")?.theirs ?? null;

const s2 = (x) => (x == null ? "–" : x.toFixed(2));
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/** Met / not met: against the fixed target, or for cold builds against Eleventy's figure. */
function verdict(row) {
  if (row.limit != null) return row.wall <= row.limit ? "met" : "**not met**";
  if (!row.theirs) return "not measured";
  return row.wall <= row.theirs.wall ? "met" : "**not met**";
}

const lines = [];
const say = (line = "") => lines.push(line);
const load = loadavg();
say(
  `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${loadBefore.map((x) => x.toFixed(2)).join(", ")} before, ${load.map((x) => x.toFixed(2)).join(", ")} after (the machine is shared, figures are noisy).`,
);
say(
  `Corpus: ${given ? `\`${given}\`` : "`bench/gen-corpus.mjs`, seed 1"}. ${withEleventy ? `Eleventy ${eleventyVersion} + Handlebars (bench/eleventy): every Eleventy build is a full \`npx @11ty/eleventy\` but the last two columns (\`--watch --incremental\`).` : "Eleventy not run (--no-eleventy)."} ${runs === 1 ? "One run each" : `Medians of ${runs} runs`} (one at 100,000 articles); peak RSS is the largest of them.`,
);
say();
say(
  "| articles | build | ours (s) | Eleventy (s) | ratio | target | | search step (s) | images step (s) | ours: CPU (s) | ours: rendered | ours: files written | Eleventy: files written | Eleventy --watch --incremental (s) | its files written |",
);
say("|---:|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
const order = ["cold", "coldNoSearch", "warm", "body", "tag", "template", "ci"];
const sorted = [...rows].sort((a, b) => a.count - b.count || order.indexOf(a.key) - order.indexOf(b.key));
for (const r of sorted) {
  const theirs = r.theirs?.wall;
  const reused = r.key === "coldNoSearch" || r.key === "ci";
  say(
    `| ${grouped(r.count)} | ${r.name} | ${s2(r.wall)} | ${s2(theirs)}${reused && theirs != null ? " (its cold build)" : ""} | ${theirs ? `${(r.wall / theirs).toFixed(2)}×` : "–"} | ${r.target} | ${verdict(r)} | ${s2(r.search)} | ${s2(r.images)} | ${s2(r.cpu)} | ${r.rendered} | ${r.written} | ${reused ? "–" : (r.theirWritten ?? "–")} | ${s2(r.watch?.wall)} | ${r.watch?.written ?? "–"} |`,
  );
}
say();
say(`Peak memory (RSS of the whole process, worker threads included; target ≤ ${maxRss} MB for a cold build):`);
say();
say("| articles | build | ours (MB) | Eleventy (MB) | target | |");
say("|---:|---|---:|---:|---|---|");
for (const r of sorted) {
  if (r.key === "coldNoSearch" || r.key === "ci") continue;
  const cold = r.key === "cold";
  say(
    `| ${grouped(r.count)} | ${r.name} | ${r.rss.toFixed(0)} | ${r.theirs ? r.theirs.rss.toFixed(0) : "–"} | ${cold ? `≤ ${maxRss} MB` : ""} | ${cold ? (r.rss <= maxRss ? "met" : "**not met**") : ""} |`,
  );
}
const table = lines.join("\n");
console.log(table);

// The chart: cold and warm builds at every size.
const points = sizes.map((count) => {
  const at = (key) => rows.find((r) => r.count === count && r.key === key);
  return {
    count,
    cold: { ours: at("cold")?.wall ?? null, eleventy: at("cold")?.theirs?.wall ?? null },
    warm: { ours: at("warm")?.wall ?? null, eleventy: at("warm")?.theirs?.wall ?? null },
  };
});
const svg = chartSvg(
  points,
  `Medians of ${runs} runs, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} vCPUs; Eleventy ${eleventyVersion ?? "not run"} + Handlebars; ${given ? "given corpus" : "bench/gen-corpus.mjs"}`,
);
const chartPath = writeDocs ? path.join(root, "docs/performance-chart.svg") : path.join(work, "performance-chart.svg");
writeFileSync(chartPath, svg);
console.log(`\nchart: ${chartPath}`);

if (writeDocs) {
  const doc = path.join(root, "docs/performance.md");
  const text = readFileSync(doc, "utf8");
  const begin = "<!-- bench:begin (written by `npm run bench -- --write-docs`) -->";
  const end = "<!-- bench:end -->";
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a === -1 || b < a) {
    console.error(`bench: docs/performance.md has no ${begin} … ${end} block to rewrite`);
    process.exitCode = 1;
  } else {
    const block = `${begin}\n\n${table}\n\n![Build time against article count, Broadsheet and Eleventy](performance-chart.svg)\n\n${end}`;
    writeFileSync(doc, text.slice(0, a) + block + text.slice(b + end.length));
    console.log(`docs: ${doc} (figures block rewritten)`);
  }
}

// The cost of pictures: bench/images.mjs builds articles that each have a raster lead picture.
const imageCount = Number(flag("--image-count", "1000"));
if (imageCount > 0 && !given) {
  console.log("");
  const images = spawnSync(
    process.execPath,
    [path.join(root, "bench/images.mjs"), "--count", String(imageCount), "--runs", String(runs)],
    { stdio: "inherit" },
  );
  if (images.status !== 0) process.exitCode = images.status ?? 1;
}
