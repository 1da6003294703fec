/**
 * Real-browser test of live reload: Chromium (playwright-core) keeps an article open while the
 * article is edited, broken and fixed on disk. Skipped without Chromium unless BROADSHEET_REQUIRE_BROWSER=1.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, runBrowserTests } from "../helpers/chromium.js";
import { startDevSite, type DevSite } from "../dev/dev-site.js";

const ARTICLE = "/articles/grid-data-format/";
const TITLE = "Grid operators agree on a common data format";
const EDITED = "Grid operators sign the data format";

describe.runIf(runBrowserTests)("live reload in Chromium", () => {
  let browser: Browser;
  let site: DevSite;
  let file: string;
  let original: string;

  beforeAll(async () => {
    site = await startDevSite();
    file = path.join(site.content, "articles/grid-data-format.md");
    original = await readFile(file, "utf8");
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** Opens a page and waits until its event stream is connected (the client's greeting has arrived). */
  async function open(urlPath: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    // Pages carry a Content-Security-Policy: the client script, its event stream and the overlay must satisfy it.
    await page.exposeFunction("__cspViolation", (text: string) => problems.push(`csp: ${text}`));
    await page.addInitScript(
      `document.addEventListener("securitypolicyviolation", (e) => __cspViolation(e.violatedDirective + " " + e.blockedURI), true)`,
    );
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    const connected = page.waitForResponse((r) => r.url().includes("/__broadsheet/events"));
    const response = await page.goto(new URL(urlPath, site.server.url).href);
    expect(response?.status()).toBe(200);
    await connected;
    return { page, problems };
  }

  const headline = (page: Page) => page.locator("main h1").textContent();

  it("updates an open article after its title is edited, without being told to reload", async () => {
    const { page, problems } = await open(ARTICLE);
    expect(await headline(page)).toBe(TITLE);
    await page.evaluate(() => ((globalThis as { marker?: string }).marker = "the first document"));
    await writeFile(file, original.replace(`title: ${TITLE}`, `title: ${EDITED}`));
    await expect.poll(() => headline(page), { timeout: 20_000 }).toBe(EDITED);
    // The client reloaded the page: the old document (and its marker) is gone.
    expect(await page.evaluate(() => (globalThis as { marker?: string }).marker)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows an accessible error overlay for a broken article, on open pages and new ones, and removes it once fixed", async () => {
    const { page, problems } = await open(ARTICLE);
    expect(await headline(page)).toBe(EDITED);
    // Article text quoted in a problem must stay text: the tag in this date is never parsed.
    await writeFile(file, original.replace(/^date: .*$/m, 'date: "<img src=x onerror=window.__xss=1>"'));
    const overlay = page.getByRole("alertdialog");
    await expect.poll(() => overlay.isVisible(), { timeout: 20_000 }).toBe(true);
    const text = (await overlay.textContent()) ?? "";
    expect(text).toMatch(/grid-data-format\.md:3:\d+/);
    expect(text).toContain('Date "<img src=x onerror=window.__xss=1>" is not a date we can read');
    expect(text).toContain("InvalidDate");
    expect(await overlay.locator("pre").textContent()).toContain('> 3 | date: "<img src=x onerror=window.__xss=1>"');
    expect(await overlay.locator("img").count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Build failed: 1 error" }).isVisible()).toBe(true);
    // Styled under the page's CSP (the overlay sets styles through the CSSOM, which style-src 'self' allows).
    // Polled: a slow machine may still be replacing the page (a late reload brings the overlay back).
    const overlayStyle = (property: string) =>
      page.evaluate(
        `(() => { const d = document.getElementById("broadsheet-error-overlay")?.shadowRoot?.querySelector("dialog"); return d ? getComputedStyle(d).${property} : null; })()`,
      );
    await expect.poll(() => overlayStyle("backgroundColor"), { timeout: 10_000 }).toBe("rgb(20, 20, 20)");
    await expect.poll(() => overlayStyle("position"), { timeout: 10_000 }).toBe("fixed");
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    // The close button has focus, and Escape dismisses the overlay.
    expect(
      await page.evaluate('document.getElementById("broadsheet-error-overlay").shadowRoot.activeElement.textContent'),
    ).toBe("Close");
    await page.keyboard.press("Escape");
    await expect.poll(() => overlay.count()).toBe(0);
    // The last good page is still there underneath.
    expect(await headline(page)).toBe(EDITED);

    // A page opened while the build is broken shows the overlay at once.
    const late = await open("/");
    await expect.poll(() => late.page.getByRole("alertdialog").isVisible(), { timeout: 10_000 }).toBe(true);
    await late.page.getByRole("button", { name: "Close (Escape)" }).click();
    await expect.poll(() => late.page.getByRole("alertdialog").count()).toBe(0);

    // A second break shows the overlay again; the fix removes it and shows the new page.
    await writeFile(file, original.replace(`title: ${TITLE}`, "title: Grid operators: a format"));
    await expect.poll(() => overlay.textContent(), { timeout: 20_000 }).toContain("YamlSyntax");
    expect(await overlay.textContent()).toMatch(/grid-data-format\.md:2:\d+/);
    await writeFile(file, original.replace(`title: ${TITLE}`, "title: Grid operators fix the data format"));
    await expect.poll(() => headline(page), { timeout: 20_000 }).toBe("Grid operators fix the data format");
    expect(await page.getByRole("alertdialog").count()).toBe(0);
    expect([...problems, ...late.problems].filter((p) => p.startsWith("csp"))).toEqual([]);
    await page.close();
    await late.page.close();
  });
});
