/**
 * Hostile content in a real browser: every page of the hostile fixture site (tests/fixtures/hostile)
 * is opened in Debian's Chromium through playwright-core, with JavaScript on and the site's
 * Content-Security-Policy in force, and exercised: every element gets mouse, pointer, focus, key,
 * load/error, animation and toggle events, every focusable element is focused, every details opened;
 * the home, list and static pages and one article per family also get real Tab presses and mouse
 * moves over their links. Every payload would call `__xss(n)` or alert/confirm/prompt/print, navigate
 * away, open a popup or a frame, or load something off-site if it ran. Under the policy an inline
 * handler or script that survived sanitizing would not run but would be reported as a violation:
 * any violation fails the test, so no payload is "only stopped by the CSP". The last test shows
 * each detector firing. Skipped without Chromium unless BROADSHEET_REQUIRE_BROWSER=1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, runBrowserTests } from "../helpers/chromium.js";
import { buildHostileSite } from "../fixtures/hostile/generate-site.js";
import { payloadByNumber } from "../fixtures/hostile/payloads.js";
import { listFiles } from "../helpers/site.js";
import { serveStatic } from "../helpers/static-server.js";

/** Something a payload did, or tried to do, on a page. */
interface Hit {
  readonly page: string;
  readonly kind: string;
  readonly detail: string;
}

/** Tabs open at once (pages are small; two keep both cores busy). */
const TABS = 2;
/** Off-site requests of these types are fine (article images from other sites); any other is a hit. */
const HARMLESS_OFFSITE = new Set(["image", "media"]);

/**
 * Installed in every frame before any of the page's own script: the marker payloads call, hooks on
 * dialogs, the Function constructor and string timers, and a listener for CSP violations (with the
 * offending element). eval itself is left alone (Playwright evaluates string expressions with it): a
 * payload that evals code still calls the marker, and the policy has no 'unsafe-eval'. The hooks
 * report to the test through a Playwright binding, which CSP does not govern.
 */
const INIT_SCRIPT = `(() => {
  const report = (kind, detail) => { try { window.__hostileReport(kind, String(detail)); } catch {} };
  Object.defineProperty(window, "__xss", { value: (n) => report("marker", n), writable: false, configurable: false });
  for (const name of ["alert", "confirm", "prompt", "print"]) window[name] = (...args) => (report(name, args.join(" ")), null);
  window.Function = new Proxy(Function, {
    apply: (target, self, args) => (report("Function", args.join(",").slice(0, 160)), Reflect.apply(target, self, args)),
    construct: (target, args) => (report("Function", args.join(",").slice(0, 160)), Reflect.construct(target, args)),
  });
  for (const name of ["setTimeout", "setInterval"]) {
    const real = window[name];
    window[name] = function (handler, ...rest) {
      if (typeof handler === "string") report("string-" + name, handler.slice(0, 160));
      return real.call(this, handler, ...rest);
    };
  }
  document.addEventListener("securitypolicyviolation", (e) => {
    const element = e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 240) : String(e.target && e.target.nodeName);
    report("csp", JSON.stringify({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber, element }));
  }, true);
})();`;

/**
 * Runs in the page after load: fires every event an inline handler could wait for at every element
 * (a surviving handler would run, or be reported by the CSP), focuses every focusable element, opens
 * every details by clicking its summary (links and buttons are never clicked), scrolls, then lets
 * queued events (toggle) run before it reports how many times relative-time.js made relative.
 */
const EXERCISE_SCRIPT = `(async () => {
  const types = ["mouseover", "mouseenter", "mousemove", "mouseout", "mouseleave", "mousedown", "mouseup", "pointerover",
    "pointerenter", "pointermove", "pointerdown", "pointerup", "focus", "focusin", "blur", "focusout", "keydown", "keyup",
    "input", "change", "wheel", "scroll", "load", "error", "animationstart", "animationend", "transitionend", "toggle",
    "begin", "beginEvent", "start", "pageshow", "copy", "paste", "dragstart", "contextmenu", "select"];
  const elements = [document.documentElement, document.body, ...document.querySelectorAll("body *")];
  for (const el of elements) for (const type of types) el.dispatchEvent(new Event(type));
  for (const el of elements) if (el.tabIndex >= 0 || el.isContentEditable) { el.focus({ preventScroll: true }); el.blur(); }
  for (const summary of document.querySelectorAll("summary")) if (!summary.closest("a, button, form")) summary.click();
  for (const details of document.querySelectorAll("details")) details.open = !details.open;
  window.scrollTo(0, document.body.scrollHeight);
  window.scrollTo(0, 0);
  await new Promise((resolve) => setTimeout(resolve, 0));
  const times = document.querySelectorAll("time[data-relative]").length;
  return { elements: elements.length, times, ready: document.querySelectorAll("time[data-relative-ready]").length };
})()`;

/** Real keyboard and mouse on a few pages of each kind: Tab through the page, hover every link. */
async function useKeyboardAndMouse(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) await page.keyboard.press("Tab");
  const boxes = await page
    .locator("a")
    .evaluateAll((links) =>
      links
        .slice(0, 30)
        .map((a) =>
          (
            a as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }
          ).getBoundingClientRect(),
        ),
    );
  for (const box of boxes)
    if (box.width > 0 && box.y >= 0 && box.y < 900)
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

describe.runIf(runBrowserTests)("the hostile site in Chromium", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let cleanup: () => Promise<void>;
  let paths: string[];
  let withRealInput: Set<string>;

  beforeAll(async () => {
    // The real clock, so relative times are computed (and shown) as on a live site.
    const built = await buildHostileSite({ now: new Date().toISOString() });
    cleanup = built.cleanup;
    expect(built.result.isOk).toBe(true);
    paths = (await listFiles(built.out))
      .filter((f) => f.endsWith(".html"))
      .map((f) => encodeURI(`/${f.replace(/(^|\/)index\.html$/, "$1")}`));
    paths.push("/no-such-page/");
    // Real input is slow (each event waits for a frame): a page of each kind and the first article of
    // the families that wait for focus or the pointer get it; every page gets the in-page events.
    const firstOf = (family: string) =>
      built.site.articles.find((a) => a.payloads.some((p) => p.family === family))!.slug;
    withRealInput = new Set([
      "/",
      "/tags/",
      "/recommended/",
      "/about/",
      "/404.html",
      ...["event-handler", "form", "polyglot"].map((f) => `/articles/${firstOf(f)}/`),
    ]);
    server = await serveStatic(built.out);
    // Pictures are not loaded (it halves the time per page): no picture can run script, and the
    // load/error handlers a picture would fire get those events from EXERCISE_SCRIPT.
    browser = await launchChromium(["--blink-settings=imagesEnabled=false"]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
  });

  /** A context whose pages report every hit into `hits`. */
  async function hostileContext(
    hits: Hit[],
    options: { bypassCSP: boolean },
  ): Promise<{ context: BrowserContext; visits: Map<Page, string> }> {
    const context = await browser.newContext({ bypassCSP: options.bypassCSP, viewport: { width: 1024, height: 900 } });
    const visits = new Map<Page, string>();
    const record = (page: Page | null, kind: string, detail: string) =>
      hits.push({ page: (page && visits.get(page)) ?? page?.url() ?? "?", kind, detail });
    await context.exposeBinding("__hostileReport", (source, kind: string, detail: string) =>
      record(source.page, kind, detail),
    );
    await context.addInitScript(INIT_SCRIPT);
    await context.route(
      (url) => !url.href.startsWith(`${server.url}/`),
      (route, request) => {
        const page = request.frame().page();
        if (!HARMLESS_OFFSITE.has(request.resourceType()))
          record(page, "offsite-request", `${request.resourceType()} ${request.url()}`);
        return route.abort();
      },
    );
    return { context, visits };
  }

  /** Opens a tab that records popups, dialogs, navigations away, frames and CSP console errors. */
  async function hostileTab(context: BrowserContext, visits: Map<Page, string>, hits: Hit[]): Promise<Page> {
    const page = await context.newPage();
    visits.set(page, "(new tab)");
    const record = (kind: string, detail: string) => hits.push({ page: visits.get(page) ?? "?", kind, detail });
    page.setDefaultTimeout(10_000);
    page.on("popup", (popup) => {
      record("popup", popup.url());
      void popup.close();
    });
    page.on("dialog", (d) => {
      record("dialog", `${d.type()} ${d.message()}`);
      void d.dismiss();
    });
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) record("frame", frame.url());
      else if (!frame.url().startsWith(`${server.url}/`)) record("navigation", frame.url());
    });
    // An uncaught exception means some script ran: the site's own script never throws.
    page.on("pageerror", (e) => record("pageerror", e.message));
    page.on("console", (m) => {
      if (/Content.Security.Policy/i.test(m.text())) record("csp-console", m.text());
    });
    return page;
  }

  /** Opens and exercises every page, TABS at a time; returns what the site's own script did. */
  async function sweep(context: BrowserContext, visits: Map<Page, string>, hits: Hit[]) {
    const queue = [...paths];
    const timeProblems: string[] = [];
    let opened = 0;
    const worker = async () => {
      const page = await hostileTab(context, visits, hits);
      for (let urlPath = queue.shift(); urlPath !== undefined; urlPath = queue.shift()) {
        visits.set(page, urlPath);
        const response = await page.goto(server.url + urlPath, { waitUntil: "load" });
        expect(response?.status(), urlPath).toBe(urlPath === "/no-such-page/" ? 404 : 200);
        const state = (await page.evaluate(EXERCISE_SCRIPT)) as { elements: number; times: number; ready: number };
        if (withRealInput.has(urlPath)) await useKeyboardAndMouse(page);
        if (page.frames().length > 1)
          hits.push({
            page: urlPath,
            kind: "frame",
            detail: page
              .frames()
              .map((f) => f.url())
              .join(" "),
          });
        if (state.ready !== state.times)
          timeProblems.push(`${urlPath}: ${state.ready} of ${state.times} times made relative`);
        opened++;
      }
      // Late events (timers) of the last page still arrive while it is being watched.
      await page.waitForTimeout(100);
      await page.close();
    };
    await Promise.all(Array.from({ length: TABS }, worker));
    return { opened, timeProblems };
  }

  /**
   * The policy refusing an http: picture or video (`//evil.example/x` resolves to http: on this http
   * test server; on an https site it is https: and allowed): no script ran or was attempted. The
   * check happens before the fetch, so it is reported even though pictures are not loaded.
   */
  const isRefusedHttpPicture = (h: Hit) =>
    (h.kind === "csp" && /"directive":"(img|media)-src","blocked":"http:/.test(h.detail)) ||
    (h.kind === "csp-console" && /^Loading (the image|media from) 'http:/.test(h.detail));

  /** Hits in words, with the payload a marker number names. */
  const describeHits = (hits: readonly Hit[]) =>
    hits.map((h) => {
      const n = /__xss\((\d+)\)/.exec(h.detail)?.[1] ?? (h.kind === "marker" ? h.detail : undefined);
      const payload = n === undefined ? undefined : payloadByNumber(Number(n));
      return `${h.page}: ${h.kind} ${h.detail}${payload ? ` ← ${payload.id}` : ""}`;
    });

  it("runs no payload and violates the Content-Security-Policy nowhere, and the site's own script works under it", async () => {
    const hits: Hit[] = [];
    const { context, visits } = await hostileContext(hits, { bypassCSP: false });
    const { opened, timeProblems } = await sweep(context, visits, hits);
    await context.close();
    expect(opened).toBe(paths.length);
    // A CSP violation here would be a payload the sanitizer let through, stopped only by the policy.
    expect(describeHits(hits.filter((h) => !isRefusedHttpPicture(h)))).toEqual([]);
    // relative-time.js ran under the policy on every page with times.
    expect(timeProblems).toEqual([]);
  }, 180_000);

  it("notices a payload that runs, one the policy stops, an alert, a popup and a navigation away (the detectors work)", async () => {
    for (const bypassCSP of [false, true]) {
      const hits: Hit[] = [];
      const { context, visits } = await hostileContext(hits, { bypassCSP });
      const page = await hostileTab(context, visits, hits);
      visits.set(page, "/");
      await page.goto(`${server.url}/`);
      const seen = (kind: string, text = "") => hits.some((h) => h.kind === kind && h.detail.includes(text));
      await page.evaluate(
        `document.body.insertAdjacentHTML("beforeend", '<img src="/missing.png" onerror="__xss(\\'canary\\')">')`,
      );
      await page.evaluate(EXERCISE_SCRIPT);
      // With the policy in force the handler is refused and reported; without it, it runs.
      await expect.poll(() => seen(bypassCSP ? "marker" : "csp", "canary"), { timeout: 5_000 }).toBe(true);
      expect(seen("marker")).toBe(bypassCSP);
      await page.evaluate(`alert("canary")`);
      await page.evaluate(`void window.open("/")`);
      await expect.poll(() => seen("alert", "canary") && seen("popup"), { timeout: 5_000 }).toBe(true);
      await page.evaluate(`location.href = "https://evil.example/canary"`).catch(() => undefined);
      await expect.poll(() => seen("offsite-request", "https://evil.example/canary"), { timeout: 5_000 }).toBe(true);
      await context.close();
    }
  });
});
