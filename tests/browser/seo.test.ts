/**
 * Lighthouse's SEO category on the built sample site: the home page and an article score 100.
 * The site is built for the address it is served from (canonical links, robots.txt and the sitemap
 * name that origin, as on a real host), served on 127.0.0.1, and audited through the Node API in
 * Debian's Chromium, which Lighthouse reaches on its remote-debugging port. Skipped without
 * Chromium unless BROADSHEET_REQUIRE_BROWSER=1.
 */
import { createServer } from "node:net";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, runBrowserTests } from "../helpers/chromium.js";
import { buildInto, ROOT } from "../helpers/site.js";
import { serveStatic } from "../helpers/static-server.js";

/** A port nobody listens on now (the OS picks it; Chromium takes it a moment later). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

describe.runIf(runBrowserTests)("Lighthouse SEO on the sample site", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let port: number;

  beforeAll(async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), "broadsheet-seo-")), "dist");
    server = await serveStatic(out);
    const { result } = await buildInto(path.join(ROOT, "content"), { baseUrl: `${server.url}/`, paths: { out } });
    expect(result.isOk).toBe(true);
    port = await freePort();
    browser = await launchChromium([`--remote-debugging-port=${port}`]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ["the home page", "/"],
    ["an article with a picture", "/articles/mesh-networks-rural-wales/"],
  ])("scores 100 on %s", async (_name, urlPath) => {
    const run = await lighthouse(`${server.url}${urlPath}`, {
      port,
      logLevel: "error",
      onlyCategories: ["seo"],
      // SEO audits read the document, not its speed: no throttling, a desktop screen.
      formFactor: "desktop",
      screenEmulation: { disabled: true },
      throttlingMethod: "provided",
    });
    const lhr = run!.lhr;
    const seo = lhr.categories.seo!;
    // Name every audit that lost points, with what it found, rather than only a score.
    const failing = seo.auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]!.score !== 1)
      .map((ref) => `${ref.id}: ${lhr.audits[ref.id]!.title} ${JSON.stringify(lhr.audits[ref.id]!.details ?? "")}`);
    expect(lhr.runtimeError).toBeUndefined();
    expect(failing).toEqual([]);
    expect(seo.score).toBe(1);
    console.info(`Lighthouse SEO ${urlPath}: ${Math.round(seo.score! * 100)}`);
  });
});
