#!/usr/bin/env node
// Benchmark: what a reader's first query costs on the search page (docs/search.md, "Cost"), in
// Chromium: from opening /search/?q=… in a fresh browser context (nothing cached) to the results
// being announced, with the requests and bytes fetched from /pagefind/. Compares shard counts when
// run against sites built with different ones (npm run bench:search leaves a 10,000-article site).
//
//   node bench/search-query.mjs --site /tmp/broadsheet-bench/search-10000/dist
//   node bench/search-query.mjs --site DIR --queries "tariff,wind farm" --runs 5
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { flag, median } from "./common.mjs";

const site = path.resolve(flag("--site", "/tmp/broadsheet-bench/search-10000/dist"));
const queries = flag("--queries", "tariff,wind farm,nurses").split(",");
const runs = Number(flag("--runs", "5"));
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
if (!executablePath) throw new Error("bench: no Chromium (apt-get install -y chromium)");
if (!existsSync(path.join(site, "search/index.html"))) throw new Error(`bench: ${site} has no search page`);

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
let fetched = { requests: 0, bytes: 0 };
const server = createServer((req, res) => {
  const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  const file = path.join(site, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
  if (!file.startsWith(site + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  const body = readFileSync(file);
  if (pathname.includes("/pagefind/")) fetched = { requests: fetched.requests + 1, bytes: fetched.bytes + body.length };
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const page0 = readFileSync(path.join(site, "search/index.html"), "utf8");
const shards = 1 + (/data-merge="([^"]*)"/.exec(page0)?.[1] ?? "").split(" ").filter(Boolean).length;

const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
console.log(`Search page, first query in a fresh Chromium context; ${shards} shard(s); median of ${runs}`);
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}`,
);
console.log("");
console.log("| query | results | median time to results (ms) | requests to /pagefind/ | KiB from /pagefind/ |");
console.log("|---|---:|---:|---:|---:|");
for (const query of queries) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    fetched = { requests: 0, bytes: 0 };
    const started = performance.now();
    await page.goto(`${base}/search/?q=${encodeURIComponent(query)}`);
    await page.locator("#search-status", { hasText: /found|not available/ }).waitFor({ timeout: 60_000 });
    times.push(performance.now() - started);
    last = { status: await page.textContent("#search-status"), ...fetched };
    await context.close();
  }
  const results = /^(\d+|No)/.exec(last.status ?? "")?.[1] ?? "?";
  console.log(
    `| ${query} | ${results} | ${median(times).toFixed(0)} | ${last.requests} | ${(last.bytes / 1024).toFixed(0)} |`,
  );
}
await browser.close();
server.close();
