/**
 * Test helper: Debian's Chromium through playwright-core. Browser suites run when it is installed,
 * and are skipped with a message otherwise — unless BROADSHEET_REQUIRE_BROWSER=1 (CI), which turns
 * a missing browser into a failure.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** The Chromium binary, if installed. */
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

/** True when the browser suites should run (installed, or required). */
export const runBrowserTests = Boolean(CHROMIUM) || process.env.BROADSHEET_REQUIRE_BROWSER === "1";
if (!runBrowserTests) console.warn("Skipping browser tests: install Debian's chromium (apt-get install -y chromium).");

/** The flags for headless Chromium as root with no network. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Chromium with the standard flags plus `extraArgs`; fails clearly when it is required but missing. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!CHROMIUM)
    throw new Error("BROADSHEET_REQUIRE_BROWSER=1 but no Chromium at /usr/bin/chromium: apt-get install -y chromium");
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
