/**
 * Real-browser test: Debian's Chromium through playwright-core opens the built sample site.
 * Without Chromium the suite is skipped with a message, unless BROADSHEET_REQUIRE_BROWSER=1 (CI).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { runBrowserTests } from "../helpers/chromium.js";
import { browseBuiltSite, closeSite, type BrowsedSite } from "../helpers/browse-site.js";
import { ROOT } from "../helpers/site.js";

describe.runIf(runBrowserTests)("the sample site in Chromium", () => {
  let browser: Browser;
  let server: BrowsedSite["server"];

  beforeAll(async () => {
    // The real clock: relative times are computed against the reader's clock, like on a live site.
    ({ browser, server } = await browseBuiltSite(path.join(ROOT, "content"), { now: new Date().toISOString() }));
  });

  afterAll(() => closeSite({ browser, server }));

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
      // The absolute date is in the tooltip; a card older than a week keeps it as its text too.
      expect(t.title).toMatch(/\d{4}/);
      if (t.text !== t.title) expect(t.text).toMatch(/ ago$|yesterday|today|now|^(Enhanced )?last \w+$/i);
      // Never in the future, whatever the reader's clock.
      expect(t.text).not.toMatch(/^in |tomorrow|next /i);
    }
    // A card's time reads relatively within a week of now, and as the date after that.
    for (const t of times) if (t.text === t.title) expect(t.text).toMatch(/\d{4}/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("reads card times relatively within a week, as dates after that, and never in the future", async () => {
    const page = await browser.newPage();
    // The reader's clock: 26 November 2026, noon in Amsterdam. The newest card (23 November) is within a
    // week, the one from 12 November is not; the reader whose clock is behind sees "now", not "in …".
    await page.clock.setFixedTime(new Date("2026-11-26T11:00:00Z"));
    await page.goto(`${server.url}/`);
    // (No waitForSelector: Playwright's polling runs on the page's clock, which is frozen; the script
    // has run by the load event that goto waits for.)
    const texts = await page.$$eval("time[data-relative]", (els) =>
      els.map((e) => [e.getAttribute("datetime"), e.textContent]),
    );
    const byDate = new Map(texts.map(([iso, text]) => [iso, text]));
    expect(byDate.get("2026-11-23T07:30:00+01:00")).toBe("3 days ago");
    expect(byDate.get("2026-11-12T08:15:00+01:00")).toBe("12 November 2026 at 08:15");
    await page.clock.setFixedTime(new Date("2026-11-20T00:00:00Z"));
    await page.goto(`${server.url}/articles/mesh-networks-rural-wales/`);
    expect(await page.$eval(".article__published time", (e) => e.textContent)).toMatch(
      /^now \(20 November 2026 at 09:30\)$/,
    );
    await page.close();
  });

  it("opens an enhanced article: badge, relative published and 'Enhanced …' times, source box, recommendations", async () => {
    const { page, problems } = await open("/articles/fediverse-moderation-cooperative/");
    await page.waitForSelector("time[data-relative-ready]");
    const enhanced = await page.$eval("time[data-prefix]", (e) => e.textContent ?? "");
    // Relative, with the absolute date beside it (phones show no tooltip).
    expect(enhanced).toMatch(/^Enhanced (\d+ \w+ ago|yesterday|today|now|last \w+) \(\d{1,2} \w+ \d{4}/);
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
