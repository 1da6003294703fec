/**
 * `npm run screenshots`: builds the sample site and saves every page of site-pages.ts at 1280 and
 * 390 px, light and dark, into docs/screenshots/<page>-<width>-<scheme>.png — the whole page (at most
 * three screens on a desktop, two on a phone), desktop halved, palette-compressed with sharp so each stays small enough to commit for the README.
 * Skipped in an ordinary test run (it rewrites files in docs/): only BROADSHEET_SCREENSHOTS=1 runs it.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, runBrowserTests } from "../helpers/chromium.js";
import { buildInto, ROOT } from "../helpers/site.js";
import { serveStatic } from "../helpers/static-server.js";
import { READER_CLOCK, SCHEMES, SITE_PAGES, VIEWPORTS } from "./site-pages.js";

const OUT = path.join(ROOT, "docs/screenshots");
/** The committed PNGs stay under this size each. */
const MAX_BYTES = 150_000;

describe.runIf(runBrowserTests && process.env.BROADSHEET_SCREENSHOTS === "1")("screenshots of the sample site", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const { out, result } = await buildInto(path.join(ROOT, "content"));
    expect(result.isOk).toBe(true);
    server = await serveStatic(out);
    browser = await launchChromium();
    await mkdir(OUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of VIEWPORTS)
    for (const scheme of SCHEMES)
      it(`saves every page at ${viewport.width} px, ${scheme}`, async () => {
        const tooLarge: string[] = [];
        const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
        for (const site of SITE_PAGES) {
          const page = await context.newPage();
          await page.clock.setFixedTime(READER_CLOCK);
          const response = await page.goto(server.url + site.path);
          expect(response?.status()).toBe(site.status);
          if (site.ready) await page.locator(site.ready.selector, { hasText: site.ready.text }).waitFor();
          // Lazy pictures below the first screen load only when scrolled to: load them all first.
          await page.evaluate(
            "Promise.all([...document.images].map((i) => { i.loading = 'eager'; return i.decode().catch(() => {}); }))",
          );
          const height = Number(await page.evaluate("document.documentElement.scrollHeight"));
          const top = site.from
            ? Math.max(
                0,
                Number(
                  await page.evaluate(
                    `document.querySelector(${JSON.stringify(site.from)}).getBoundingClientRect().top + window.scrollY`,
                  ),
                ) - 16,
              )
            : 0;
          const clip = {
            x: 0,
            y: top,
            width: viewport.width,
            height: Math.min(height - top, viewport.height * (viewport.width > 800 ? 3 : 2)),
          };
          const shot = await page.screenshot({ clip, fullPage: true });
          // Phones at full size (390 px is already small), desktops at half: details stay legible.
          const width = viewport.width > 800 ? Math.round(viewport.width / 2) : viewport.width;
          const png = await sharp(shot)
            .resize({ width })
            .png({ palette: true, colours: 24, compressionLevel: 9, effort: 10 })
            .toBuffer();
          const file = `${site.name}-${viewport.width}-${scheme}.png`;
          await writeFile(path.join(OUT, file), png);
          if (png.length > MAX_BYTES) tooLarge.push(`${file}: ${png.length} bytes`);
          await page.close();
        }
        await context.close();
        expect(tooLarge).toEqual([]);
      });
});
