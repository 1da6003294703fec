/**
 * Real-browser test: Debian's Chromium through playwright-core opens the built sample site.
 * Without Chromium the suite is skipped with a message, unless BROADSHEET_REQUIRE_BROWSER=1 (CI).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, runBrowserTests } from "../helpers/chromium.js";
import { buildInto, ROOT } from "../helpers/site.js";
import { serveStatic } from "../helpers/static-server.js";

describe.runIf(runBrowserTests)("the sample site in Chromium", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    // The real clock: relative times are computed against the reader's clock, like on a live site.
    const { out, result } = await buildInto(path.join(ROOT, "content"), { now: new Date().toISOString() });
    expect(result.isOk).toBe(true);
    server = await serveStatic(out);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(urlPath: string) {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
    const response = await page.goto(server.url + urlPath);
    expect(response?.status()).toBe(200);
    return { page, problems };
  }

  it("opens the home page without console errors and turns dates into relative times", async () => {
    const { page, problems } = await open("/");
    await page.waitForSelector("time[data-relative-ready]");
    const times = await page.$$eval("time[data-relative]", (els) =>
      els.map((e) => ({
        text: e.textContent ?? "",
        ready: e.hasAttribute("data-relative-ready"),
        title: e.getAttribute("title"),
      })),
    );
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) {
      expect(t.ready).toBe(true);
      expect(t.text).toMatch(/ ago$|yesterday|today|now|tomorrow|^(Enhanced )?(last|next) \w+$|^(Enhanced )?in /i);
      // The absolute date moves to the tooltip.
      expect(t.title).toMatch(/\d{4}/);
      expect(t.text).not.toBe(t.title);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opens an enhanced article: badge, relative published and 'Enhanced …' times, source box, recommendations", async () => {
    const { page, problems } = await open("/articles/fediverse-moderation-cooperative/");
    await page.waitForSelector("time[data-relative-ready]");
    const enhanced = await page.$eval("time[data-prefix]", (e) => e.textContent ?? "");
    expect(enhanced).toMatch(/^Enhanced (\d+ \w+ ago|yesterday|today|now|last \w+)$/);
    expect(await page.textContent("body")).toContain("Generated article");
    expect(await page.textContent("body")).toMatch(/Read the original article from/);
    expect(await page.$$eval("a", (as) => as.filter((a) => a.textContent?.includes("Read original")).length)).toBe(1);
    expect(await page.textContent("body")).toContain("Recommended articles");
    expect(await page.locator("main h1").count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows absolute dates when JavaScript is off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/fediverse-moderation-cooperative/`);
    const text = await page.$eval("time[data-relative]", (e) => e.textContent ?? "");
    expect(text).toMatch(/\d{4}/);
    expect(await page.$$("time[data-relative-ready]")).toHaveLength(0);
    await context.close();
  });
});
