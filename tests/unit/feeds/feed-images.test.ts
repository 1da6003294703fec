import { describe, expect, it } from "vitest";
import { feedLogoUrl, leadImage } from "../../../src/feeds/feed-images.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";

describe("leadImage", () => {
  const site = makeConfig({}, { baseUrl: "https://test.example/news/" }).site;
  const sizes = new Map([
    ["images/grid.png", 2048],
    ["images/a b.jpg", 300],
    ["articles/a/photo.gif", 512],
  ]);

  it.each([
    { src: "/images/grid.png", url: "https://test.example/news/images/grid.png", type: "image/png", fileSize: 2048 },
    { src: "/images/a b.jpg", url: "https://test.example/news/images/a%20b.jpg", type: "image/jpeg", fileSize: 300 },
    { src: "photo.gif", url: "https://test.example/news/articles/a/photo.gif", type: "image/gif", fileSize: 512 },
    {
      src: "/images/missing.svg",
      url: "https://test.example/news/images/missing.svg",
      type: "image/svg+xml",
      fileSize: null,
    },
    {
      src: "/images/grid.png?v=2",
      url: "https://test.example/news/images/grid.png?v=2",
      type: "image/png",
      fileSize: 2048,
    },
    { src: "/images/photo.JPG", url: "https://test.example/news/images/photo.JPG", type: "image/jpeg", fileSize: null },
    {
      src: "https://cdn.example/images/grid.png",
      url: "https://cdn.example/images/grid.png",
      type: "image/png",
      fileSize: null,
    },
    { src: "//cdn.example/x.avif", url: "https://cdn.example/x.avif", type: "image/avif", fileSize: null },
    { src: "/images/grid", url: "https://test.example/news/images/grid", type: null, fileSize: null },
  ])("resolves $src to $url (type $type, size $fileSize)", ({ src, url, type, fileSize }) => {
    const article = makeArticle({ slug: "a", image: { src, alt: "Alt" } });
    expect(leadImage(article, site, sizes)).toEqual({ url, alt: "Alt", type, fileSize });
  });

  it("is null for an article without a picture", () => {
    expect(leadImage(makeArticle({ slug: "a" }), site, sizes)).toBeNull();
  });
});

describe("feedLogoUrl", () => {
  it.each([
    { src: "/assets/logo.svg", expected: "https://test.example/news/assets/logo.png" },
    { src: "/assets/logo.webp", expected: "https://test.example/news/assets/logo.png" },
    { src: "/assets/brand.png", expected: "https://test.example/news/assets/brand.png" },
    { src: "assets/brand.jpg", expected: "https://test.example/news/assets/brand.jpg" },
    { src: "https://cdn.example/brand.gif", expected: "https://cdn.example/brand.gif" },
    { src: "//cdn.example/brand.jpeg", expected: "https://cdn.example/brand.jpeg" },
  ])("uses $expected for a logo at $src", ({ src, expected }) => {
    const site = makeConfig({}, { baseUrl: "https://test.example/news/", logo: { src, alt: "L" } }).site;
    expect(feedLogoUrl(site)).toBe(expected);
  });
});
