/**
 * Real-browser test: an old address (an alias) ends on the article, the meta refresh followed by
 * Chromium itself; and a byline link opens the author's page. Skipped without Chromium unless
 * BROADSHEET_REQUIRE_BROWSER=1.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { runBrowserTests } from "../helpers/chromium.js";
import { browseBuiltSite, closeSite, type BrowsedSite } from "../helpers/browse-site.js";
import { fixture } from "../helpers/site.js";

const SITE = fixture("people");

describe.runIf(runBrowserTests)("old addresses and bylines in Chromium", () => {
  let browser: Browser;
  let server: BrowsedSite["server"];

  beforeAll(async () => {
    ({ browser, server } = await browseBuiltSite(path.join(SITE, "content"), {
      paths: { public: path.join(SITE, "public") },
    }));
  });

  afterAll(() => closeSite({ browser, server }));

  it.each([
    ["a folder alias", "/2026/11/joint-report/", "/articles/joint-report/", "A joint report on the grid"],
    ["a file alias", "/joint.html", "/articles/joint-report/", "A joint report on the grid"],
    ["a redirect_from", "/water/ben-solo/", "/articles/ben-solo/", "Ben alone on water"],
    ["an oldUrls address", "/blog/ana-story-2/", "/articles/ana-story-2/", "Ana's story number 2"],
  ])("follows %s to the article", async (_kind, from, to, title) => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    await page.goto(server.url + from);
    await page.waitForURL(`${server.url}${to}`, { timeout: 10_000 });
    expect(await page.locator("main h1").textContent()).toBe(title);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opens the author's page from a byline", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/articles/joint-report/`);
    await page.locator(".article__author a", { hasText: "Ben Okafor" }).click();
    await page.waitForURL(`${server.url}/authors/ben-okafor/`);
    expect(await page.locator("main h1").textContent()).toBe("Ben Okafor");
    expect(await page.locator(".card__title a").allTextContents()).toEqual([
      "Ben alone on water",
      "A joint report on the grid",
    ]);
    await page.close();
  });
});
