#!/usr/bin/env node
// Benchmark: the cost of responsive images. A corpus of page-bundle articles, each with its own
// raster lead picture (JPEG or PNG, 480 to 2400 pixels wide, generated deterministically), built
// cold and warm; the same articles without pictures give the baseline, so the difference is what
// pictures cost (probing, and encoding WebP and own-format variants and the 1200×630 crop).
//
//   node bench/images.mjs                      1,000 articles, 3 runs each
//   node bench/images.mjs --count 10000 --runs 1
//
// Corpora are made once under --dir and reused. Prints a Markdown table (docs/images.md records one run).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { buildFigures, flag, median, root } from "./common.mjs";

const count = Number(flag("--count", "1000"));
const runs = Number(flag("--runs", "3"));
const work = flag("--dir", path.join(tmpdir(), "broadsheet-bench-images"));
const cli = path.join(root, "bin/broadsheet.js");
if (!existsSync(path.join(root, "lib/cli.js")))
  execFileSync("npm", ["run", "compile"], { cwd: root, stdio: "inherit" });
const { default: sharp } = await import("sharp");

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WIDTHS = [480, 800, 1200, 1600, 2000, 2400];

/** A picture like an illustration: a two-colour gradient with a few discs, `width` wide at 3:2. */
async function picture(i) {
  const rand = random(i + 1);
  const width = WIDTHS[i % WIDTHS.length];
  const height = Math.round((width * 2) / 3);
  const colour = () =>
    `hsl(${Math.floor(rand() * 360)}, ${40 + Math.floor(rand() * 40)}%, ${35 + Math.floor(rand() * 30)}%)`;
  const discs = Array.from(
    { length: 6 },
    () =>
      `<circle cx="${Math.floor(rand() * width)}" cy="${Math.floor(rand() * height)}" r="${Math.floor((0.05 + rand() * 0.2) * width)}" fill="${colour()}" opacity="0.8"/>`,
  ).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient></defs><rect width="${width}" height="${height}" fill="url(#g)"/>${discs}</svg>`;
  const image = sharp(Buffer.from(svg));
  // One in five is a PNG (a chart, a screenshot); the rest are JPEG photographs.
  return i % 5 === 4
    ? { name: "lead.png", bytes: await image.png({ compressionLevel: 6 }).toBuffer() }
    : { name: "lead.jpg", bytes: await image.jpeg({ quality: 85 }).toBuffer() };
}

/** `<work>/corpus-<count>`: `with/` (bundles with pictures) and `without/` (the same articles, no picture). */
async function ensureCorpus() {
  const dir = path.join(work, `corpus-${count}`);
  const marker = path.join(dir, ".done");
  const stamp = `images 1, ${count}`;
  if (existsSync(marker) && readFileSync(marker, "utf8") === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const slug = `story-${String(i).padStart(5, "0")}`;
    const { name, bytes } = await picture(i);
    const date = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    const body = `The ${i}th story of the benchmark.\n\n## Details\n\nA paragraph about picture ${i}.\n`;
    const front = (image) => `---\ntitle: Story ${i}\ndate: ${date}\ntags: [topic ${i % 20}]\n${image}---\n\n${body}`;
    mkdirSync(path.join(dir, "with/articles", slug), { recursive: true });
    mkdirSync(path.join(dir, "without/articles", slug), { recursive: true });
    writeFileSync(path.join(dir, "with/articles", slug, name), bytes);
    writeFileSync(
      path.join(dir, "with/articles", slug, "index.md"),
      front(`image: { src: ${name}, alt: "Picture ${i}", caption: "Caption ${i}" }\n`),
    );
    writeFileSync(path.join(dir, "without/articles", slug, "index.md"), front(""));
    if (i % 100 === 99) process.stderr.write(`corpus ${i + 1}/${count}\r`);
  }
  writeFileSync(marker, stamp);
  return dir;
}

/** Runs one build with --timings; returns wall seconds, the images step, the render step (pages + variants), files changed. */
function runBuild(content, site) {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      cli,
      "build",
      "--content",
      content,
      "--out",
      site.out,
      "--cache",
      site.cache,
      "--now",
      "2026-11-26T12:00:00Z",
      "--timings",
    ],
    { encoding: "utf8", maxBuffer: 64 << 20, cwd: path.dirname(site.out) },
  );
  const wall = (performance.now() - started) / 1000;
  const text = `${r.stdout}\n${r.stderr}`;
  const figures = buildFigures(text);
  if (r.status !== 0 || !figures) throw new Error(`build failed:\n${text}`);
  return { wall, images: figures.step("images"), render: figures.step("render"), changed: figures.changed };
}

const corpus = await ensureCorpus();
const rows = [];
for (const kind of ["without", "with"]) {
  const dir = path.join(work, `site-${count}-${kind}`);
  const content = path.join(corpus, kind);
  writeFileSync(path.join(content, "site.yaml"), "title: Bench\nbaseUrl: https://bench.example/\n");
  const site = { out: path.join(dir, "dist"), cache: path.join(dir, "cache") };
  const clean = (...paths) => {
    for (const p of paths) rmSync(p, { recursive: true, force: true });
  };
  mkdirSync(dir, { recursive: true });
  const victim = path.join(content, "articles/story-00000/index.md");
  const original = readFileSync(victim, "utf8");
  const scenarios = [
    [
      "cold (no cache, no output)",
      () => (clean(site.out, site.cache, path.join(dir, ".dist.builds")), runBuild(content, site)),
    ],
    [
      "warm cache, fresh output (CI with a restored cache)",
      () => (clean(site.out, path.join(dir, ".dist.builds")), runBuild(content, site)),
    ],
    [
      "warm, one article's body edited",
      (i) => (
        writeFileSync(victim, original.replace("A paragraph", `Edit ${i}. A paragraph`)), runBuild(content, site)
      ),
    ],
  ];
  for (const [name, run] of scenarios) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      results.push(run(i));
      process.stderr.write(".");
    }
    rows.push({
      kind,
      name,
      wall: median(results.map((r) => r.wall)),
      images: median(results.map((r) => r.images)),
      render: median(results.map((r) => r.render)),
      changed: median(results.map((r) => r.changed)),
    });
    // Each result as it comes (a long run that is stopped still tells something).
    process.stderr.write(` ${JSON.stringify({ ...rows[rows.length - 1], runs: results })}\n`);
  }
  writeFileSync(victim, original);
}
process.stderr.write("\n");

console.log(
  `Broadsheet image benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`${count.toLocaleString("en")} page-bundle articles, ${runs} runs each (median)`);
console.log("");
console.log("| pictures | build | wall (s) | images step (s) | render step (s) | files written | picture cost (s) |");
console.log("|---|---|---:|---:|---:|---:|---:|");
for (const r of rows) {
  const base = rows.find((b) => b.kind === "without" && b.name === r.name);
  const cost = r.kind === "with" && base ? (r.wall - base.wall).toFixed(2) : "";
  console.log(
    `| ${r.kind} | ${r.name} | ${r.wall.toFixed(2)} | ${r.images.toFixed(2)} | ${r.render.toFixed(2)} | ${r.changed} | ${cost} |`,
  );
}
