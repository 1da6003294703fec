/**
 * Test helper: a site built into a temporary folder, served over HTTP on 127.0.0.1, and a Chromium to
 * read it with (the browser suites' common setup).
 */
import type { Browser } from "playwright-core";
import type { BuildOptions } from "../../src/build.js";
import { launchChromium } from "./chromium.js";
import { buildInto } from "./site.js";
import { serveStatic } from "./static-server.js";

/** A built site being served, and the browser that reads it. */
export interface BrowsedSite {
  readonly browser: Browser;
  readonly server: { readonly url: string; close(): Promise<void> };
}

/** Builds `contentDir` (as `buildInto` does), serves the output and launches Chromium; a failed build throws its problems. */
export async function browseBuiltSite(contentDir: string, options: BuildOptions = {}): Promise<BrowsedSite> {
  const { out, result } = await buildInto(contentDir, options);
  if (!result.isOk) throw new Error(`The site did not build:\n${result.diagnostics.map((d) => d.message).join("\n")}`);
  const server = await serveStatic(out);
  return { browser: await launchChromium(), server };
}

/** Closes what browseBuiltSite opened (either may be missing when its setup failed). */
export async function closeSite(site: Partial<BrowsedSite>): Promise<void> {
  await site.browser?.close();
  await site.server?.close();
}
