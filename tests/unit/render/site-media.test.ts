import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { planSiteMedia } from "../../../src/render/site-media.js";
import type { OutputFile, SiteSettings } from "../../../src/model.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";
import { ROOT } from "../../helpers/site.js";

let logoSvg: Uint8Array;
let png300: Uint8Array;
let jpeg: Uint8Array;

beforeAll(async () => {
  logoSvg = await readFile(path.join(ROOT, "public/assets/logo.svg"));
  const solid = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: "#123456" } });
  png300 = await solid(300, 300).png().toBuffer();
  jpeg = await solid(800, 450).jpeg().toBuffer();
});

const file = (p: string, contents: Uint8Array): OutputFile => ({ path: p, contents });
const plan = (files: OutputFile[], site: Partial<SiteSettings> = {}, articles = [makeArticle({ slug: "a" })]) =>
  planSiteMedia(makeConfig({}, site), files, articles, "code-id");
const paths = (outputs: { path: string }[]) => outputs.map((o) => o.path).sort();

describe("planSiteMedia", () => {
  it("draws the card and a raster logo from an SVG logo, as 1200×630 and 144×144 PNGs", async () => {
    const { media, outputs, diagnostics } = await plan([file("assets/logo.svg", logoSvg)]);
    expect(diagnostics).toEqual([]);
    expect(paths(outputs)).toEqual(["assets/card.png", "assets/logo.png"]);
    expect(media.card).toEqual({
      url: "https://test.example/assets/card.png",
      width: 1200,
      height: 630,
      alt: "Test Times",
      type: "image/png",
    });
    expect(media.logo).toMatchObject({ url: "https://test.example/assets/logo.png", width: 144, height: 144 });
    for (const o of outputs) {
      const m = await sharp(Buffer.from(await o.produce())).metadata();
      expect([m.format, m.width, m.height]).toEqual(
        o.path === "assets/card.png" ? ["png", 1200, 630] : ["png", 144, 144],
      );
    }
  });

  it("keeps the drawn pictures' fingerprints unless the title, address or logo bytes change", async () => {
    const fingerprints = async (files: OutputFile[], site: Partial<SiteSettings> = {}) =>
      (await plan(files, site)).outputs.map((o) => o.fingerprint);
    const base = await fingerprints([file("assets/logo.svg", logoSvg)]);
    expect(await fingerprints([file("assets/logo.svg", logoSvg)], { description: "Another tagline." })).toEqual(base);
    const changed = [
      await fingerprints([file("assets/logo.svg", logoSvg)], { title: "Other Times" }),
      await fingerprints([file("assets/logo.svg", Buffer.concat([logoSvg, Buffer.from("\n")]))]),
    ];
    for (const other of changed) for (const [i, f] of other.entries()) expect(f).not.toBe(base[i]);
    const moved = await fingerprints([file("assets/logo.svg", logoSvg)], { baseUrl: "https://elsewhere.example/" });
    expect(moved).not.toEqual(base);
  });

  it("lets the site's own assets/card.png and assets/logo.png win over the drawn ones, measured", async () => {
    const { media, outputs } = await plan([
      file("assets/card.png", png300),
      file("assets/logo.png", png300),
      file("assets/logo.svg", logoSvg),
    ]);
    expect(outputs).toEqual([]);
    expect(media.card).toMatchObject({ url: "https://test.example/assets/card.png", width: 300, height: 300 });
    expect(media.logo).toMatchObject({ url: "https://test.example/assets/logo.png", width: 300, height: 300 });
  });

  it("uses a PNG, JPEG or GIF logo as it is and draws no raster logo", async () => {
    const { media, outputs } = await plan([file("brand/mark.png", png300)], {
      logo: { src: "/brand/mark.png", alt: "Mark" },
    });
    expect(paths(outputs)).toEqual(["assets/card.png"]);
    expect(media.logo).toEqual({
      url: "https://test.example/brand/mark.png",
      width: 300,
      height: 300,
      alt: "Mark",
      type: "image/png",
    });
  });

  it("draws a raster logo from the title's first letter when the SVG logo is on another site, and warns about an unreadable one", async () => {
    const remote = await plan([], { logo: { src: "https://cdn.example/logo.svg", alt: "T" } });
    expect(paths(remote.outputs)).toEqual(["assets/card.png", "assets/logo.png"]);
    expect(remote.diagnostics).toEqual([]);
    const broken = await plan([file("assets/logo.svg", Buffer.from("<svg"))]);
    expect(paths(broken.outputs)).toEqual(["assets/card.png", "assets/logo.png"]);
    expect(broken.diagnostics).toEqual([
      expect.objectContaining({ code: "InvalidConfig", severity: "warning", field: "logo" }),
    ]);
  });

  it("uses the site's cardImage, measured, instead of drawing one", async () => {
    const { media, outputs } = await plan([file("images/card.jpg", jpeg)], {
      cardImage: { src: "/images/card.jpg", alt: "Our newsroom" },
    });
    expect(paths(outputs)).toEqual(["assets/logo.png"]);
    expect(media.card).toEqual({
      url: "https://test.example/images/card.jpg",
      width: 800,
      height: 450,
      alt: "Our newsroom",
      type: "image/jpeg",
    });
  });

  it("takes a cardImage on another site as it is, size unknown", async () => {
    const { media } = await plan([], { cardImage: { src: "//cdn.example/card.png", alt: "Card" } });
    expect(media.card).toEqual({
      url: "https://cdn.example/card.png",
      width: null,
      height: null,
      alt: "Card",
      type: null,
    });
  });

  it("warns about a cardImage that is not part of the site and draws the card instead", async () => {
    const { media, outputs, diagnostics } = await plan([], { cardImage: { src: "/missing.png", alt: "Card" } });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "BrokenLink", severity: "warning", field: "cardImage.src" }),
    ]);
    expect(paths(outputs)).toContain("assets/card.png");
    expect(media.card.url).toBe("https://test.example/assets/card.png");
  });

  it("refuses a cardImage whose file is not a raster picture", async () => {
    const { diagnostics } = await plan([file("card.png", logoSvg)], { cardImage: { src: "/card.png", alt: "Card" } });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "InvalidConfig", severity: "error", field: "cardImage.src" }),
    ]);
  });

  it("measures local raster lead pictures, beside the article or in public/, and skips SVG and remote ones", async () => {
    const articles = [
      makeArticle({ slug: "bundle", image: { src: "photo.jpg", alt: "Beside" } }),
      makeArticle({ slug: "public", image: { src: "/images/p.png", alt: "Public" } }),
      makeArticle({ slug: "svg", image: { src: "/assets/logo.svg", alt: "Drawing" } }),
      makeArticle({ slug: "remote", image: { src: "https://cdn.example/x.jpg", alt: "Remote" } }),
      makeArticle({ slug: "missing", image: { src: "/nope.jpg", alt: "Missing" } }),
    ];
    const { media } = await plan(
      [file("articles/bundle/photo.jpg", jpeg), file("images/p.png", png300), file("assets/logo.svg", logoSvg)],
      {},
      articles,
    );
    expect([...media.leadImages.keys()].sort()).toEqual(["bundle", "public"]);
    expect(media.leadImages.get("bundle")).toEqual({
      url: "https://test.example/articles/bundle/photo.jpg",
      width: 800,
      height: 450,
      alt: "Beside",
      type: "image/jpeg",
    });
  });

  it("writes absolute URLs under the site's base path", async () => {
    const { media } = await plan([file("assets/logo.svg", logoSvg)], { baseUrl: "https://test.example/news/" });
    expect(media.card.url).toBe("https://test.example/news/assets/card.png");
    expect(media.logo!.url).toBe("https://test.example/news/assets/logo.png");
  });
});
