/**
 * Site search in Chromium: the sample site is built and served, a reader types a word from one
 * article's body into the header box, and the search page (Pagefind under the site's CSP) lists
 * that article. Also: the main-thread fallback, keyboard use, the page without JavaScript, and the
 * same site indexed in several shards (merged by the search page), at the root and under a path.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, runBrowserTests } from "../helpers/chromium.js";
import { browseBuiltSite, closeSite, type BrowsedSite } from "../helpers/browse-site.js";
import { buildInto, NOW, ROOT } from "../helpers/site.js";
import { serveStatic } from "../helpers/static-server.js";
import { splitIntoShards } from "../../src/search/shards.js";

/** A word in the body of exactly one published article of the sample site (and in no title). */
const WORD = "kilowatt";
const ARTICLE = "/articles/fediverse-server-energy-survey/";

/** A page that reports CSP violations, page errors and console errors into `problems`. */
async function watchedPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  await page.exposeFunction("__cspViolation", (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(
    `document.addEventListener("securitypolicyviolation", (e) => __cspViolation(e.violatedDirective + " " + e.blockedURI), true)`,
  );
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  return { page, problems };
}

async function resultsOf(page: Page) {
  // (A locator, not waitForFunction: the page's CSP refuses the eval that a string predicate needs.)
  await page.locator("#search-status", { hasText: /found/ }).waitFor();
  return {
    status: await page.textContent("#search-status"),
    links: await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href"))),
  };
}

describe.runIf(runBrowserTests)("site search in Chromium", () => {
  let browser: Browser;
  let server: BrowsedSite["server"];

  beforeAll(async () => {
    ({ browser, server } = await browseBuiltSite(path.join(ROOT, "content"), { now: NOW }));
  });

  afterAll(() => closeSite({ browser, server }));

  it("uses a word that only one article's body holds", () => {
    const dir = path.join(ROOT, "content/articles");
    // Articles are files or page bundles (<name>/index.md).
    const holders = readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const f = entry.isDirectory() ? `${entry.name}/index.md` : entry.name;
      const [, front, body] = readFileSync(path.join(dir, f), "utf8").split(/^---$/m);
      expect(front).not.toMatch(new RegExp(`title:.*${WORD}`, "i"));
      return new RegExp(WORD, "i").test(body ?? "") ? [f] : [];
    });
    expect(holders).toEqual(["fediverse-server-energy-survey.md"]);
  });

  it("finds the one article whose body has the word, from the header box, with no CSP violation", async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${server.url}/`);
    await page.getByLabel("Search articles").fill(WORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/search/?q=${WORD}`);
    const { status, links } = await resultsOf(page);
    expect(links).toEqual([ARTICLE]);
    expect(status).toBe(`1 article found for “${WORD}”.`);
    // The query is kept in the page's own box, and the match is marked in the excerpt.
    expect(await page.inputValue("#search-q")).toBe(WORD);
    expect((await page.textContent("#search-results mark"))?.toLowerCase()).toContain(WORD);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("still searches when Pagefind's worker cannot start: the page itself may compile WebAssembly", async () => {
    const { page, problems } = await watchedPage(browser);
    await page.route("**/pagefind-worker.js", (route) => route.abort());
    await page.goto(`${server.url}/search/?q=${WORD}`);
    expect((await resultsOf(page)).links).toEqual([ARTICLE]);
    expect(problems.filter((p) => !p.includes("pagefind-worker.js"))).toEqual([]);
    await page.close();
  });

  it("works from the keyboard: type, Enter, then Tab reaches the result link", async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${server.url}/search/`);
    await page.focus("#search-q");
    await page.keyboard.type("mesh");
    await page.keyboard.press("Enter");
    const { links } = await resultsOf(page);
    expect(links.length).toBeGreaterThan(0);
    await page.keyboard.press("Tab"); // the Search button
    await page.keyboard.press("Tab"); // the first result
    expect(await page.locator("#search-results li:first-child a:focus").count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("says that search needs JavaScript, and links to the topics, when scripts are off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel("Search articles").fill(WORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/search/?q=${WORD}`);
    // (Playwright's text and role locators skip <noscript>; a CSS locator reaches it.)
    const notice = page.locator(".search__notice");
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toBe("Search needs JavaScript. Browse by topic instead.");
    expect(await notice.locator("a").getAttribute("href")).toBe("/tags/");
    await context.close();
  });
});

describe.runIf(runBrowserTests)("site search in shards, in Chromium", () => {
  let browser: Browser;
  const servers: { url: string; close: () => Promise<void> }[] = [];
  let root: { url: string; close: () => Promise<void> };
  let under: { url: string; close: () => Promise<void> };
  /** The sample site's published articles, by slug, and how the test-only shard size of 4 splits them. */
  let shards: ReturnType<typeof splitIntoShards<string>>;

  beforeAll(async () => {
    vi.stubEnv("BROADSHEET_SEARCH_SHARD_SIZE", "4");
    try {
      const { out, result } = await buildInto(path.join(ROOT, "content"), { now: NOW });
      expect(result.isOk).toBe(true);
      const slugs = result.files.flatMap((f) => /^articles\/([^/]+)\/index\.html$/.exec(f)?.[1] ?? []);
      shards = splitIntoShards(slugs, (slug) => `/articles/${slug}/`);
      root = await serveStatic(out);
      // The same site under /news/: built into a folder named news, served from its parent.
      const parent = await mkdtemp(path.join(tmpdir(), "search-under-"));
      const news = await buildInto(path.join(ROOT, "content"), {
        now: NOW,
        baseUrl: "http://127.0.0.1/news/",
        paths: { out: path.join(parent, "news") },
      });
      expect(news.result.isOk).toBe(true);
      under = await serveStatic(parent);
    } finally {
      vi.unstubAllEnvs();
    }
    servers.push(root, under);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
  });

  it("splits the sample site into several shards, with the kilowatt article outside the first", () => {
    expect(shards.length).toBeGreaterThan(2);
    const holder = shards.findIndex((s) => s.items.includes(ARTICLE.split("/")[2]!));
    expect(holder).toBeGreaterThan(0);
  });

  it("finds a word from the body of an article in a merged shard, with no CSP violation", async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${root.url}/search/?q=${WORD}`);
    const { status, links } = await resultsOf(page);
    expect(links).toEqual([ARTICLE]);
    expect(status).toBe(`1 article found for “${WORD}”.`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("ranks results from every shard together, and a tag filter narrows them in every shard", async () => {
    const { page, problems } = await watchedPage(browser);
    const shardOfLink = (link: string | null) => shards.findIndex((s) => s.items.includes(link!.split("/")[2]!));
    await page.goto(`${root.url}/search/?q=network`);
    const all = (await resultsOf(page)).links;
    expect(new Set(all.map(shardOfLink)).size).toBeGreaterThan(1);
    await page.goto(`${root.url}/search/?q=network&tag=energy`);
    const tagged = (await resultsOf(page)).links;
    // Only articles tagged "energy" (their files say so), found in more than one shard.
    const articleFile = (slug: string) => {
      const file = path.join(ROOT, "content/articles", `${slug}.md`);
      return existsSync(file) ? file : path.join(ROOT, "content/articles", slug, "index.md"); // a page bundle
    };
    const taggedEnergy = (link: string | null) =>
      /^tags: \[.*\benergy\b/m.test(readFileSync(articleFile(link!.split("/")[2]!), "utf8"));
    expect(tagged.length).toBeGreaterThan(1);
    expect(tagged.length).toBeLessThan(all.length);
    expect(tagged.filter((l) => !taggedEnergy(l))).toEqual([]);
    expect(new Set(tagged.map(shardOfLink)).size).toBeGreaterThan(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("loads every shard from under the site's path and links results there, in the worker and without it", async () => {
    for (const blockWorker of [false, true]) {
      const { page, problems } = await watchedPage(browser);
      if (blockWorker) await page.route("**/pagefind-worker.js", (route) => route.abort());
      const requested: string[] = [];
      page.on("request", (r) => requested.push(new URL(r.url()).pathname));
      await page.goto(`${under.url}/news/search/?q=${WORD}`);
      expect((await resultsOf(page)).links).toEqual([`/news${ARTICLE}`]);
      const entries = requested.filter((p) => p.endsWith("pagefind-entry.json"));
      expect(entries.sort()).toEqual(shards.map((s) => `/news/pagefind/${s.dir}pagefind-entry.json`).sort());
      expect(problems.filter((p) => !p.includes("pagefind-worker.js"))).toEqual([]);
      await page.close();
    }
  });
});
