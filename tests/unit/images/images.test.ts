/** The width ladder, variant planning (with sharp and a real cache), and the picture markup. */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { coverPath, coverSize, scaledHeight, variantPath, variantWidths } from "../../../src/images/ladder.js";
import { planImages, type ImageSource } from "../../../src/images/plan-images.js";
import {
  localSitePath,
  pictureContext,
  pictureHtml,
  rewriteBodyImages,
  type PictureContext,
} from "../../../src/images/picture-markup.js";
import { sharpUses } from "../../../src/render/raster-assets.js";
import { DiskCache } from "../../../src/cache/disk-cache.js";
import { createTemplateEnv } from "../../../src/render/handlebars-env.js";
import type { OutputFile } from "../../../src/model.js";
import { makeConfig } from "../../helpers/factories.js";
import { ROOT } from "../../helpers/site.js";

describe("variantWidths", () => {
  it.each([
    [2400, [480, 960, 1600]],
    [1600, [480, 960, 1600]],
    [1200, [480, 960, 1200]],
    [1000, [480, 1000]],
    [500, [500]],
    [300, [300]],
    [1, [1]],
  ])("publishes a %i-pixel picture at %j (never wider, the top capped at 1600)", (width, widths) => {
    expect(variantWidths(width)).toEqual(widths);
  });

  it("scales heights as the picture's proportions say", () => {
    expect(scaledHeight({ width: 1600, height: 1000 }, 480)).toBe(300);
    expect(scaledHeight({ width: 1000, height: 333 }, 480)).toBe(160);
  });

  it("crops previews to 1200×630, or the largest 1.91:1 area of a smaller picture (never enlarged)", () => {
    expect(coverSize({ width: 1600, height: 1000 })).toEqual({ width: 1200, height: 630 });
    expect(coverSize({ width: 800, height: 600 })).toEqual({ width: 800, height: 420 });
    expect(coverSize({ width: 1000, height: 300 })).toEqual({ width: 571, height: 300 });
  });

  it("names variants by the source's hash, width and format", () => {
    const hash = "ab".repeat(32);
    expect(variantPath(hash, 480, "webp")).toBe("/_img/abababababab-480.webp");
    expect(variantPath(hash, 960, "jpeg")).toBe("/_img/abababababab-960.jpg");
    expect(coverPath(hash, "png")).toBe("/_img/abababababab-card.png");
  });
});

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#3a7" } });

async function fixtures(): Promise<OutputFile[]> {
  const red = await solid(40, 30).png().toBuffer();
  const blue = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#00f" } })
    .png()
    .toBuffer();
  return [
    { path: "articles/a/hero.jpg", contents: await solid(2000, 1000).jpeg().toBuffer() },
    { path: "images/chart.png", contents: await solid(1000, 500).png().toBuffer() },
    { path: "images/logo.svg", contents: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"></svg>' },
    {
      path: "images/spin.gif",
      contents: await sharp([red, blue], { join: { animated: true } })
        .gif()
        .toBuffer(),
    },
    { path: "images/broken.png", contents: Buffer.from("not a picture") },
  ];
}

const sources: ImageSource[] = [
  {
    sourcePath: "content/articles/a/index.md",
    bodyLine: 8,
    image: { sitePath: "/articles/a/hero.jpg", line: 5, column: 3 },
    findings: [
      { kind: "link", sitePath: "/images/chart.png", isImage: true, line: 2, column: 1 },
      { kind: "link", sitePath: "/images/logo.svg", isImage: true, line: 3, column: 1 },
      { kind: "link", sitePath: "/images/spin.gif", isImage: true, line: 4, column: 1 },
      { kind: "link", sitePath: "/images/broken.png", isImage: true, line: 5, column: 7 },
      { kind: "link", sitePath: "/images/elsewhere.png", isImage: true, line: 6, column: 1 },
    ],
  },
];

describe("planImages", () => {
  it("plans WebP and own-format variants, a preview crop, passes SVG and animated GIF through, and names unreadable files", async () => {
    const cache = new DiskCache(null);
    const plan = await planImages(makeConfig(), await fixtures(), sources, cache);
    const hero = plan.pictures.get("/articles/a/hero.jpg")!;
    expect(hero).toMatchObject({ width: 2000, height: 1000, isPassThrough: false, fallbackType: "image/jpeg" });
    expect(hero.fallback.map((v) => [v.width, v.height, path.extname(v.path)])).toEqual([
      [480, 240, ".jpg"],
      [960, 480, ".jpg"],
      [1600, 800, ".jpg"],
    ]);
    expect(hero.modern.map((v) => [v.width, path.extname(v.path)])).toEqual([
      [480, ".webp"],
      [960, ".webp"],
      [1600, ".webp"],
    ]);
    const chart = plan.pictures.get("/images/chart.png")!;
    expect(chart.fallback.map((v) => v.width)).toEqual([480, 1000]);
    expect(chart.fallbackType).toBe("image/png");
    expect(plan.pictures.get("/images/logo.svg")).toMatchObject({ isPassThrough: true, width: 300, height: 150 });
    expect(plan.pictures.get("/images/spin.gif")).toMatchObject({ isPassThrough: true, width: 40, height: 30 });
    // Only the lead picture gets a preview crop.
    expect([...plan.covers.keys()]).toEqual(["/articles/a/hero.jpg"]);
    expect(plan.covers.get("/articles/a/hero.jpg")).toMatchObject({ width: 1200, height: 630, type: "image/jpeg" });
    // A file the site lacks is content-findings' business; an unreadable one is named here, at its line.
    expect(plan.pictures.has("/images/elsewhere.png")).toBe(false);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        code: "BrokenLink",
        severity: "error",
        file: "content/articles/a/index.md",
        line: 12,
        column: 7,
        message: expect.stringContaining("/images/broken.png cannot be read as a picture"),
      }),
    ]);
    // Every variant is produced with the size the plan claims.
    const outputs = new Map(plan.outputs.map((o) => [o.path, o]));
    for (const v of [...hero.fallback, ...hero.modern, ...chart.fallback, ...chart.modern]) {
      const bytes = (await outputs.get(v.path.slice(1))!.produce()) as Uint8Array;
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height]).toEqual([v.width, v.height]);
      expect(meta.format).toBe(v.path.endsWith(".webp") ? "webp" : v.path.endsWith(".jpg") ? "jpeg" : "png");
    }
    const cover = await sharp(
      (await outputs
        .get("_img/" + path.basename(plan.covers.get("/articles/a/hero.jpg")!.path))!
        .produce()) as Uint8Array,
    ).metadata();
    expect([cover.width, cover.height, cover.format]).toEqual([1200, 630, "jpeg"]);
  });

  it("makes an unreadable picture a warning with missingImages: warn, and leaves it unplanned", async () => {
    const plan = await planImages(
      makeConfig({}, { missingImages: "warn" }),
      await fixtures(),
      sources,
      new DiskCache(null),
    );
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: "BrokenLink", severity: "warning" })]);
    expect(plan.pictures.has("/images/broken.png")).toBe(false);
  });

  it("asks sharp for nothing when the cache has every probe and variant (a warm build, or CI with a restored cache)", async () => {
    const cache = new DiskCache(await mkdtemp(path.join(tmpdir(), "images-cache-")));
    const files = await fixtures();
    const cold = await planImages(makeConfig(), files, sources, cache);
    for (const o of cold.outputs) await o.produce();
    expect(cold.probed).toBe(5);

    const before = sharpUses();
    const warm = await planImages(makeConfig(), files, sources, cache);
    const bytes = [];
    for (const o of warm.outputs) bytes.push(await o.produce());
    expect(sharpUses()).toBe(before);
    expect(warm.probed).toBe(0);
    expect(warm.outputs.map((o) => [o.path, o.fingerprint])).toEqual(cold.outputs.map((o) => [o.path, o.fingerprint]));
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    // The cached bytes are what sharp made.
    const again = await Promise.all(cold.outputs.map((o) => o.produce()));
    expect(bytes.map((b) => Buffer.from(b).toString("base64"))).toEqual(
      again.map((b) => Buffer.from(b).toString("base64")),
    );
  });
});

describe("picture markup", () => {
  const url = (p: string) => `/news${p}`;
  const image = { alt: 'Rooftops & "panels"', caption: null, credit: null };

  it("writes srcset, sizes, width and height, and a WebP <source>", async () => {
    const plan = await planImages(makeConfig(), await fixtures(), sources, new DiskCache(null));
    const context = pictureContext(image, "hero.jpg", plan.pictures.get("/articles/a/hero.jpg"), url);
    expect(context.src).toMatch(/^\/news\/_img\/[0-9a-f]{12}-1600\.jpg$/);
    expect(context.srcset).toMatch(/-480\.jpg 480w, .*-960\.jpg 960w, .*-1600\.jpg 1600w$/);
    expect(context.sources).toEqual([{ type: "image/webp", srcset: expect.stringMatching(/-480\.webp 480w/) }]);
    expect([context.width, context.height]).toEqual([2000, 1000]);
    const html = pictureHtml(context, { sizes: "100vw", isLead: false, className: null });
    expect(html).toMatch(/^<picture><source type="image\/webp" srcset="[^"]+" sizes="100vw"><img src=/);
    expect(html).toContain('width="2000" height="1000" alt="Rooftops &amp; &quot;panels&quot;" loading="lazy"');
    expect(pictureHtml(context, { sizes: "100vw", isLead: true, className: "x" })).toContain('fetchpriority="high"');
    expect(pictureHtml(context, { sizes: "100vw", isLead: true, className: "x" })).not.toContain("loading=");
  });

  it("leaves another site's picture as written, without a size", () => {
    const context = pictureContext(image, "https://cdn.example/a.jpg", undefined, url);
    expect(pictureHtml(context, { sizes: "100vw", isLead: false, className: null })).toBe(
      '<img src="https://cdn.example/a.jpg" alt="Rooftops &amp; &quot;panels&quot;" loading="lazy" decoding="async">',
    );
  });

  it("is what partials/picture.hbs writes, byte for byte", async () => {
    const plan = await planImages(makeConfig(), await fixtures(), sources, new DiskCache(null));
    const partialSource = await readFile(path.join(ROOT, "theme/templates/partials/picture.hbs"), "utf8");
    const env = createTemplateEnv(
      {
        base: { name: "base", path: "base.hbs", source: "{{{content}}}" },
        layouts: new Map([
          ["p", { name: "p", path: "p.hbs", source: "{{> picture image=image sizes=sizes class=class lead=lead}}" }],
        ]),
        partials: new Map([["picture", { name: "picture", path: "picture.hbs", source: partialSource }]]),
      },
      makeConfig().site,
    );
    if (Array.isArray(env)) throw new Error("templates did not compile");
    const contexts: PictureContext[] = [
      pictureContext(image, "hero.jpg", plan.pictures.get("/articles/a/hero.jpg"), url),
      pictureContext(image, "x.svg", plan.pictures.get("/images/logo.svg"), url),
      pictureContext(image, "https://cdn.example/a.jpg", undefined, url),
    ];
    for (const context of contexts)
      for (const [lead, className] of [
        [true, null],
        [false, "card__image"],
      ] as const) {
        const rendered = env.renderPage("p", {
          image: context,
          sizes: "(max-width: 42rem) 100vw, 42rem",
          class: className,
          lead,
        });
        expect(rendered.trim()).toBe(
          pictureHtml(context, { sizes: "(max-width: 42rem) 100vw, 42rem", isLead: lead, className }),
        );
      }
  });

  it("rewrites local body images, relative or absolute, and leaves remote and unknown ones alone", async () => {
    const plan = await planImages(makeConfig(), await fixtures(), sources, new DiskCache(null));
    const body = [
      '<p><img src="/images/chart.png" alt="A chart" loading="lazy" decoding="async"></p>',
      '<p><img src="../../images/logo.svg" alt="Logo" title="The logo"></p>',
      '<p><img src="https://cdn.example/x.png" alt="Remote"></p>',
      '<p><img src="/images/unknown.png" alt="Unknown"></p>',
    ].join("\n");
    const out = rewriteBodyImages(body, "/articles/a/", plan, url).split("\n");
    expect(out[0]).toMatch(
      /^<p><picture><source type="image\/webp" srcset="\/news\/_img\/.*<img src="\/news\/_img\/[0-9a-f]{12}-1000\.png"/,
    );
    expect(out[0]).toContain('width="1000" height="500" alt="A chart" loading="lazy" decoding="async"></picture></p>');
    expect(out[1]).toBe(
      '<p><img title="The logo" src="/news/images/logo.svg" width="300" height="150" alt="Logo" loading="lazy" decoding="async"></p>',
    );
    expect(out[2]).toBe('<p><img src="https://cdn.example/x.png" alt="Remote"></p>');
    expect(out[3]).toBe('<p><img src="/images/unknown.png" alt="Unknown"></p>');
  });

  it("reads a src as a browser on the page does", () => {
    expect(localSitePath("hero.png", "/articles/a/")).toBe("/articles/a/hero.png");
    expect(localSitePath("/images/a%20b.png", "/articles/a/")).toBe("/images/a b.png");
    expect(localSitePath("//cdn.example/x.png", "/")).toBeNull();
    expect(localSitePath("https://cdn.example/x.png", "/")).toBeNull();
  });
});
