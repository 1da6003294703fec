/**
 * Site search in Chromium: the sample site is built and served, a reader types a word from one
 * article's body into the header box, and the search page (Pagefind under the site's CSP) lists
 * that article. Also: the main-thread fallback, keyboard use, and the page without JavaScript.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, runBrowserTests } from "../helpers/chromium.js";
import { buildInto, NOW, ROOT } from "../helpers/site.js";
import { serveStatic } from "../helpers/static-server.js";

/** A word in the body of exactly one published article of the sample site (and in no title). */
const WORD = "kilowatt";
const ARTICLE = "/articles/fediverse-server-energy-survey/";

describe.runIf(runBrowserTests)("site search in Chromium", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const { out, result } = await buildInto(path.join(ROOT, "content"), { now: NOW });
    expect(result.isOk).toBe(true);
    server = await serveStatic(out);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("uses a word that only one article's body holds", () => {
    const dir = path.join(ROOT, "content/articles");
    const holders = readdirSync(dir).filter((f) => {
      const [, front, body] = readFileSync(path.join(dir, f), "utf8").split(/^---$/m);
      expect(front).not.toMatch(new RegExp(`title:.*${WORD}`, "i"));
      return new RegExp(WORD, "i").test(body ?? "");
    });
    expect(holders).toEqual(["fediverse-server-energy-survey.md"]);
  });

  /** A page that reports CSP violations, page errors and console errors into `problems`. */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
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
    await page.locator("#search-status", { hasText: "found" }).waitFor();
    return {
      status: await page.textContent("#search-status"),
      links: await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href"))),
    };
  }

  it("finds the one article whose body has the word, from the header box, with no CSP violation", async () => {
    const { page, problems } = await watchedPage();
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
    const { page, problems } = await watchedPage();
    await page.route("**/pagefind-worker.js", (route) => route.abort());
    await page.goto(`${server.url}/search/?q=${WORD}`);
    expect((await resultsOf(page)).links).toEqual([ARTICLE]);
    expect(problems.filter((p) => !p.includes("pagefind-worker.js"))).toEqual([]);
    await page.close();
  });

  it("works from the keyboard: type, Enter, then Tab reaches the result link", async () => {
    const { page, problems } = await watchedPage();
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
