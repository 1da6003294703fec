#!/usr/bin/env node
// Benchmark: how long an edit takes to reach an open page through the dev server.
//
//   npm run bench:dev                       10,000 articles, 5 edits
//   npm run bench:dev -- --count 1000 --edits 9
//   npm run bench:dev -- --corpus DIR          a folder of articles instead of generated ones
//
// Starts the dev server (lib/, so `npm run compile` first) on a generated corpus with a fresh cache,
// waits for the first build, listens to the live-reload event stream like a page, then appends a
// sentence to one article's body several times. For each edit: ms from the write to the `reload`
// event, and to the article's HTML being fetched with the new sentence in it. Then, with the
// server stopped, the same edit through build() directly, for the time spent in each build step.
import { appendFileSync, cpSync, mkdirSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { ensureCorpus, flag, givenCorpus, listArticles, median, pickVictim, root } from "./common.mjs";
import { startDevServer } from "../lib/dev/dev-server.js";
import { build } from "../lib/build.js";
import { readFileName } from "../lib/content/slugify.js";

const given = givenCorpus();
const count = given ? listArticles(given).length : Number(flag("--count", "10000"));
const edits = Number(flag("--edits", "5"));
const work = flag("--dir", path.join(tmpdir(), "broadsheet-bench"));
const NOW = "2026-11-26T12:00:00Z";

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The corpus is generated once and shared with bench/run.mjs (or given); the site gets a fresh cache.
const articles = ensureCorpus(work, count);
const dir = path.join(work, `dev-${count}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const paths = {
  content: path.join(dir, "content"),
  templates: path.join(dir, "templates"),
  public: path.join(root, "public"),
  cache: path.join(dir, "cache"),
};
cpSync(articles, path.join(paths.content, "articles"), { recursive: true });
cpSync(path.join(root, "theme/templates"), paths.templates, { recursive: true });
const victimName = pickVictim(path.join(paths.content, "articles"));
const victim = path.join(paths.content, "articles", victimName);
const articlePath = `/articles/${readFileName(victimName).slug}/`;

/** Reads server-sent events from the dev server; `next(name)` resolves on the next event so named. */
async function listen(url) {
  const controller = new AbortController();
  const res = await fetch(new URL("/__broadsheet/events", url), { signal: controller.signal });
  const waiting = [];
  (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const name = /^event: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          const at = performance.now();
          for (const w of waiting.splice(0))
            if (w.name === name) w.resolve(at);
            else waiting.push(w);
        }
      }
    } catch {
      // Aborted.
    }
  })();
  return { next: (name) => new Promise((resolve) => waiting.push({ name, resolve })), close: () => controller.abort() };
}

const logLines = [];
const started = performance.now();
const server = await startDevServer({ port: 0, now: NOW, paths, log: (line) => logLines.push(line) });
await server.whenIdle();
const firstBuild = performance.now() - started;
process.stderr.write(`${logLines.join("\n")}\n`);
const events = await listen(server.url);
const rows = [];
for (let i = 0; i < edits; i++) {
  await pause(500);
  const sentence = `An editor's sentence, take ${i} ${Date.now()}.`;
  const reloaded = events.next("reload");
  const wrote = performance.now();
  appendFileSync(victim, `\n${sentence}\n`);
  const reloadAt = await reloaded;
  const html = await (await fetch(new URL(articlePath, server.url))).text();
  const fetchedAt = performance.now();
  if (!html.includes(sentence)) throw new Error(`the reloaded page lacks the new sentence (edit ${i})`);
  const rebuilt = [...logLines].reverse().find((l) => l.startsWith("Rebuilt in"));
  rows.push({
    reload: reloadAt - wrote,
    page: fetchedAt - wrote,
    build: Number(/Rebuilt in (\d+) ms/.exec(rebuilt ?? "")?.[1] ?? NaN),
  });
  process.stderr.write(
    `edit ${i + 1}: reload event ${rows[i].reload.toFixed(0)} ms, page ${rows[i].page.toFixed(0)} ms (${rebuilt})\n`,
  );
}
events.close();
const baseUrl = server.url;
await server.close();

// The same edit through build() directly (no watcher, debounce or HTTP), for per-step timings.
const stepRuns = {};
for (const threads of [cpus().length, 1]) {
  const timings = [];
  for (let i = 0; i < edits; i++) {
    appendFileSync(victim, `\nA direct build's sentence, take ${threads}-${i}.\n`);
    const result = await build({
      now: NOW,
      includeDrafts: true,
      baseUrl,
      threads,
      isDevOutput: true,
      keepWorkers: true,
      paths: { ...paths, out: path.join(paths.cache, "dev-site") },
    });
    if (!result.isOk) throw new Error("direct build failed");
    timings.push({ total: result.stats.ms, ...result.timings });
  }
  stepRuns[threads] = timings;
}

console.log(
  `Broadsheet dev-server reload, ${new Date().toISOString().slice(0, 10)}, ${count.toLocaleString("en")} articles, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}`,
);
console.log(`first build (cold cache): ${(firstBuild / 1000).toFixed(1)} s`);
console.log("");
console.log("| one article's body edited | median (ms) | min | max |");
console.log("|---|---:|---:|---:|");
for (const [label, key] of [
  ["write → `reload` event", "reload"],
  ["write → reloaded page fetched with the edit", "page"],
  ["build() itself (server log)", "build"],
]) {
  const xs = rows.map((r) => r[key]);
  console.log(
    `| ${label} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`,
  );
}
console.log("");
console.log(`Direct build() of the same edit, median ms per step over ${edits} runs:`);
console.log("");
const steps = [...new Set(Object.values(stepRuns).flatMap((runs) => runs.flatMap((t) => Object.keys(t))))];
console.log(
  `| step | ${Object.keys(stepRuns)
    .map((t) => `${t} thread${t === "1" ? "" : "s"}`)
    .join(" | ")} |`,
);
console.log(
  `|---|${Object.keys(stepRuns)
    .map(() => "---:")
    .join("|")}|`,
);
for (const step of steps)
  console.log(
    `| ${step} | ${Object.values(stepRuns)
      .map((runs) => median(runs.map((t) => t[step] ?? 0)).toFixed(0))
      .join(" | ")} |`,
  );
