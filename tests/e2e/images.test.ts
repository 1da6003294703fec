/**
 * Responsive images end to end: a page-bundle article with a raster lead picture shown on the home
 * page, its tag page and its own page; body pictures in PNG, SVG and animated GIF; previews; feeds;
 * missing and unreadable pictures; a warm build that asks sharp for nothing; identical bytes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { check } from "../../src/check.js";
import { sharpUses } from "../../src/render/raster-assets.js";
import { findAll, parseHtml } from "../helpers/html.js";
import { NOW, ROOT, readTree } from "../helpers/site.js";

const SITE_YAML = "title: Picture Post\nbaseUrl: https://pictures.example/news/\nlanguage: en-GB\ntimeZone: UTC\n";

/** A site in a temp folder: content (with a bundle), public/, and what `edit` adds. */
async function makeSite(edit: (root: string) => void = () => {}): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), "images-e2e-"));
  const bundle = path.join(root, "content/articles/harbour-lights");
  mkdirSync(bundle, { recursive: true });
  mkdirSync(path.join(root, "public/images"), { recursive: true });
  writeFileSync(path.join(root, "content/site.yaml"), SITE_YAML);
  writeFileSync(
    path.join(bundle, "index.md"),
    [
      "---",
      "title: Harbour lights come back on",
      "date: 2026-11-20T10:00:00Z",
      "tags: [harbour]",
      "image:",
      "  src: hero.png",
      "  alt: Lights along a harbour wall",
      "  caption: The east wall at dusk.",
      "  credit: Photo by A. Reporter",
      "---",
      "",
      "The lights are back.",
      "",
      "![A chart of outages](/images/chart.jpg)",
      "",
      "![The harbour logo](/images/logo.svg)",
      "",
      "![A blinking buoy](/images/buoy.gif)",
      "",
      "![Another site's picture](https://cdn.example/remote.jpg)",
      "",
    ].join("\n"),
  );
  writeFileSync(
    path.join(root, "content/articles/quay.md"),
    "---\ntitle: Quay repairs\ndate: 2026-11-19T10:00:00Z\ntags: [harbour]\n---\n\nRepairs start.\n",
  );
  // A gradient, so encoders have something to do (and sizes show in the bytes).
  const gradient = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1200"><defs><linearGradient id="g"><stop offset="0" stop-color="#036"/><stop offset="1" stop-color="#fc6"/></linearGradient></defs><rect width="1800" height="1200" fill="url(#g)"/><circle cx="900" cy="600" r="300" fill="#fff"/></svg>',
  );
  writeFileSync(path.join(bundle, "hero.png"), await sharp(gradient).png().toBuffer());
  writeFileSync(path.join(root, "public/images/chart.jpg"), await sharp(gradient).resize(700).jpeg().toBuffer());
  writeFileSync(
    path.join(root, "public/images/logo.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"><rect width="120" height="60" fill="#036"/></svg>',
  );
  const frame = (color: string) =>
    sharp({ create: { width: 24, height: 16, channels: 3, background: color } })
      .png()
      .toBuffer();
  writeFileSync(
    path.join(root, "public/images/buoy.gif"),
    await sharp([await frame("#f00"), await frame("#000")], { join: { animated: true } })
      .gif()
      .toBuffer(),
  );
  edit(root);
  return root;
}

const paths = (root: string, out = "dist", cache: string | null = "cache") => ({
  content: path.join(root, "content"),
  templates: path.join(ROOT, "templates"),
  public: path.join(root, "public"),
  out: path.join(root, out),
  cache: cache === null ? null : path.join(root, cache),
});

describe("a page-bundle article with a raster lead picture", () => {
  let root: string;
  let files: Map<string, Buffer>;
  const page = (p: string) => files.get(p)!.toString("utf8");
  const imgs = (p: string) => findAll(parseHtml(page(p)), (el) => el.tagName === "img");
  const attr = (el: { properties: Record<string, unknown> }, name: string) => {
    const value = el.properties[name];
    return value === undefined ? undefined : Array.isArray(value) ? value.join(" ") : String(value);
  };

  beforeAll(async () => {
    root = await makeSite();
    const result = await build({ now: NOW, threads: 1, paths: paths(root) });
    expect(result.diagnostics).toEqual([]);
    expect(result.isOk).toBe(true);
    expect(result.timings.images).toBeGreaterThanOrEqual(0);
    files = await readTree(path.join(root, "dist"));
  }, 60_000);

  it("gives every <img> on the home page, the tag page and the article a width and a height (but another site's)", () => {
    for (const p of ["index.html", "tags/harbour/index.html", "articles/harbour-lights/index.html"]) {
      const all = imgs(p).filter((img) => !attr(img, "src")?.startsWith("https://cdn.example/"));
      expect(all.length).toBeGreaterThan(1);
      for (const img of all) {
        expect(attr(img, "width"), `${p}: ${attr(img, "src")}`).toMatch(/^\d+$/);
        expect(attr(img, "height"), `${p}: ${attr(img, "src")}`).toMatch(/^\d+$/);
      }
    }
    const remote = imgs("articles/harbour-lights/index.html").find((img) => attr(img, "src")?.includes("cdn.example"));
    expect(remote && attr(remote, "width")).toBeUndefined();
  });

  it("shows the bundle's lead picture on every page that shows the article, from variants that exist at the sizes claimed", async () => {
    for (const p of ["index.html", "tags/harbour/index.html", "articles/harbour-lights/index.html"]) {
      const lead = imgs(p).find((img) => attr(img, "alt") === "Lights along a harbour wall")!;
      expect(lead, p).toBeDefined();
      expect([attr(lead, "width"), attr(lead, "height")]).toEqual(["1800", "1200"]);
      const sources = findAll(parseHtml(page(p)), (el) => el.tagName === "source").filter((s) =>
        String(s.properties.srcSet).includes(attr(lead, "src")!.slice(-10, -9)),
      );
      const srcsets = [String(lead.properties.srcSet), ...sources.map((s) => String(s.properties.srcSet))];
      expect(srcsets.join(" ")).toContain(".webp 480w");
      for (const entry of srcsets.flatMap((s) => s.split(", "))) {
        const [url, descriptor] = entry.split(" ");
        expect(url).toMatch(/^\/news\/_img\/[0-9a-f]{12}-\d+\.(png|webp)$/);
        const bytes = files.get(url!.replace(/^\/news\//, ""));
        expect(bytes, url).toBeDefined();
        const meta = await sharp(bytes!).metadata();
        expect(`${meta.width}w`).toBe(descriptor);
        expect(meta.height).toBe(Math.round((meta.width * 1200) / 1800));
        expect(meta.format).toBe(url!.endsWith(".webp") ? "webp" : "png");
      }
    }
  });

  it("loads the lead picture first on the article, and every other picture lazily", () => {
    const article = imgs("articles/harbour-lights/index.html").filter(
      (img) => attr(img, "className") !== "masthead__logo",
    );
    const lead = article.find((img) => attr(img, "alt") === "Lights along a harbour wall")!;
    expect(attr(lead, "fetchPriority") ?? attr(lead, "fetchpriority")).toBe("high");
    expect(attr(lead, "loading")).toBeUndefined();
    for (const img of article.filter((i) => i !== lead)) expect(attr(img, "loading")).toBe("lazy");
    // The home page's lead story (the newest, this one) loads its picture first too; other cards lazily.
    const cards = imgs("index.html").filter((i) => attr(i, "className") === "card__image");
    expect(cards.map((i) => attr(i, "fetchPriority") ?? attr(i, "fetchpriority") ?? attr(i, "loading"))).toEqual([
      "high",
      ...cards.slice(1).map(() => "lazy"),
    ]);
  });

  it("shows the caption and the credit under the lead picture", () => {
    expect(page("articles/harbour-lights/index.html")).toContain(
      '<figcaption class="picture__caption">The east wall at dusk. <span class="picture__credit">Photo by A. Reporter</span></figcaption>',
    );
  });

  it("makes body pictures responsive: JPEG and WebP variants, SVG and animated GIF as they are", async () => {
    const html = page("articles/harbour-lights/index.html");
    expect(html).toMatch(
      /<img src="\/news\/_img\/[0-9a-f]{12}-700\.jpg" srcset="[^"]*-480\.jpg 480w, [^"]*-700\.jpg 700w"/,
    );
    expect(html).toContain(
      '<img src="/news/images/logo.svg" width="120" height="60" alt="The harbour logo" loading="lazy"',
    );
    expect(html).toContain(
      '<img src="/news/images/buoy.gif" width="24" height="16" alt="A blinking buoy" loading="lazy"',
    );
    expect(files.get("images/buoy.gif")).toEqual(readFileSync(path.join(root, "public/images/buoy.gif")));
    expect((await sharp(files.get("images/buoy.gif")!).metadata()).pages).toBe(2);
    const formats = new Set([...files.keys()].filter((f) => f.startsWith("_img/")).map((f) => path.extname(f)));
    expect([...formats].sort()).toEqual([".jpg", ".png", ".webp"]);
    expect([...files.keys()].some((f) => f.startsWith("_img/") && /svg|gif/.test(f))).toBe(false);
  });

  it("points link previews at a 1200×630 crop of the lead picture, and feeds at the picture", async () => {
    const html = page("articles/harbour-lights/index.html");
    const og =
      /<meta property="og:image" content="https:\/\/pictures\.example\/news\/(_img\/[0-9a-f]{12}-card\.png)">/.exec(
        html,
      );
    expect(og).not.toBeNull();
    expect(html).toContain('<meta property="og:image:width" content="1200">');
    expect(html).toContain(`<meta name="twitter:image" content="https://pictures.example/news/${og![1]}">`);
    const meta = await sharp(files.get(og![1]!)!).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 630]);
    const feed = JSON.parse(page("feed.json")) as { items: { image?: string }[] };
    expect(feed.items.map((i) => i.image)).toContain("https://pictures.example/news/articles/harbour-lights/hero.png");
    expect(files.has("articles/harbour-lights/hero.png")).toBe(true);
    expect(page("articles/harbour-lights/index.html")).toContain(`"url":"https://pictures.example/news/${og![1]}"`);
  });

  it("builds the same bytes from a warm cache into a fresh folder, without asking sharp for anything", async () => {
    const before = sharpUses();
    const warm = await build({ now: NOW, threads: 1, paths: paths(root, "dist-warm") });
    expect(warm.isOk).toBe(true);
    expect(sharpUses()).toBe(before);
    expect(await readTree(path.join(root, "dist-warm"))).toEqual(files);
  });

  it("builds the same bytes from a cold cache in another clean build", async () => {
    const again = await build({ now: NOW, threads: 1, paths: paths(root, "dist-cold", "cache-2") });
    expect(again.isOk).toBe(true);
    expect(await readTree(path.join(root, "dist-cold"))).toEqual(files);
  });
});

describe("missing and unreadable pictures", () => {
  const withProblems = (root: string, settings = "") => {
    writeFileSync(path.join(root, "content/site.yaml"), SITE_YAML + settings);
    writeFileSync(
      path.join(root, "content/articles/gone.md"),
      "---\ntitle: Gone\ndate: 2026-11-18T10:00:00Z\nimage: { src: /images/nowhere.jpg, alt: Nothing }\n---\n\nText.\n\n![Broken](/images/broken.png)\n",
    );
    writeFileSync(path.join(root, "public/images/broken.png"), "this is not a PNG");
  };

  it("fails the build with a BrokenLink error naming the article and line of each, and check says the same", async () => {
    const root = await makeSite((r) => withProblems(r));
    const result = await build({ now: NOW, threads: 1, paths: paths(root) });
    expect(result.isOk).toBe(false);
    // Both, in one run: the unreadable body picture and the missing lead picture.
    const broken = result.diagnostics.filter((d) => d.code === "BrokenLink");
    expect(broken).toEqual([
      expect.objectContaining({
        severity: "error",
        file: expect.stringMatching(/articles[/\\]gone\.md$/),
        line: 9,
        message: expect.stringContaining("/images/broken.png cannot be read as a picture"),
      }),
      expect.objectContaining({
        severity: "error",
        file: expect.stringMatching(/articles[/\\]gone\.md$/),
        line: 4,
        field: "image",
        message: "Image /images/nowhere.jpg is not part of the site",
      }),
    ]);
    expect(broken[1]!.hint).toContain("missingImages: warn");
    // The site that was there stays as it was: nothing was written.
    expect(existsSync(path.join(root, "dist"))).toBe(false);
    const checked = await check({ now: NOW, paths: paths(root) });
    expect(checked.isOk).toBe(false);
    expect(checked.diagnostics.filter((d) => d.code === "BrokenLink")).toEqual(broken);
  }, 60_000);

  it("warns instead with missingImages: warn, and leaves the pictures as written", async () => {
    const root = await makeSite((r) => withProblems(r, "missingImages: warn\n"));
    const result = await build({ now: NOW, threads: 1, paths: paths(root) });
    expect(result.isOk).toBe(true);
    expect(result.diagnostics.filter((d) => d.code === "BrokenLink").map((d) => [d.severity, d.line])).toEqual([
      ["warning", 9],
      ["warning", 4],
    ]);
    const html = readFileSync(path.join(root, "dist/articles/gone/index.html"), "utf8");
    expect(html).toContain('<img src="/news/images/nowhere.jpg" alt="Nothing" fetchpriority="high" decoding="async">');
    expect(html).toContain('<img src="/news/images/broken.png" alt="Broken" loading="lazy" decoding="async">');
    const checked = await check({ now: NOW, paths: paths(root) });
    expect(checked.isOk).toBe(true);
    expect(checked.diagnostics.filter((d) => d.code === "BrokenLink").map((d) => d.severity)).toEqual([
      "warning",
      "warning",
    ]);
  }, 60_000);
});
