/**
 * Real-browser test: the sample site's page-bundle article has a raster lead picture (rooftops.jpg
 * beside its index.md). Chromium must actually load it — from its responsive variants — on the home
 * page, its tag page and the article itself, and the picture in its body too.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { runBrowserTests } from "../helpers/chromium.js";
import { browseBuiltSite, closeSite, type BrowsedSite } from "../helpers/browse-site.js";
import { ROOT } from "../helpers/site.js";

/** What the test reads of an <img> in the page (the tests are compiled without the DOM's types). */
interface Img {
  readonly complete: boolean;
  readonly naturalWidth: number;
  readonly currentSrc: string;
  getAttribute(name: string): string | null;
}

const LEAD_ALT =
  "Abstract illustration of solar panels on rooftops at sunset, linked by dotted lines above green and blue hills";

describe.runIf(runBrowserTests)("the bundle article's pictures in Chromium", () => {
  let browser: Browser;
  let server: BrowsedSite["server"];

  beforeAll(async () => {
    ({ browser, server } = await browseBuiltSite(path.join(ROOT, "content")));
  }, 60_000);

  afterAll(() => closeSite({ browser, server }));

  /** Opens `urlPath`, scrolls the picture with `alt` into view (it may load lazily) and reports what loaded. */
  async function loaded(urlPath: string, alt: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const failed: string[] = [];
    page.on("requestfailed", (r) => failed.push(r.url()));
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(server.url + urlPath);
    const img = page.locator(`img[alt="${alt}"]`).first();
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => (el as unknown as Img).complete, await img.elementHandle(), {
      timeout: 10_000,
    });
    const facts = await img.evaluate((node) => {
      const el = node as unknown as Img;
      return {
        naturalWidth: el.naturalWidth,
        currentSrc: el.currentSrc,
        width: el.getAttribute("width"),
        height: el.getAttribute("height"),
      };
    });
    await page.close();
    return { ...facts, failed };
  }

  it.each(["/", "/tags/energy/", "/articles/solar-rooftop-relay-porto/"])(
    "loads the lead picture on %s from a WebP variant",
    async (urlPath) => {
      const facts = await loaded(urlPath, LEAD_ALT);
      expect(facts.naturalWidth).toBeGreaterThan(0);
      expect(facts.currentSrc).toMatch(/\/_img\/[0-9a-f]{12}-\d+\.webp$/);
      expect([facts.width, facts.height]).toEqual(["1600", "1000"]);
      expect(facts.failed).toEqual([]);
    },
  );

  it("loads the chart in the article's body", async () => {
    const facts = await loaded(
      "/articles/solar-rooftop-relay-porto/",
      "A relay's daily charge curve drawn as a yellow line over a blue grid",
    );
    expect(facts.naturalWidth).toBeGreaterThan(0);
    expect(facts.failed).toEqual([]);
  });
});
