import { describe, expect, it } from "vitest";
import { encodeSitePath, parseRequestPath } from "../../src/dev/request-path.js";
import { contentTypeOf, isHtmlType } from "../../src/dev/content-type.js";

describe("parseRequestPath", () => {
  it.each([
    ["/", [], true],
    ["/articles/grid/", ["articles", "grid"], true],
    ["/articles/grid", ["articles", "grid"], false],
    ["/tags/caf%C3%A9/", ["tags", "café"], true],
    ["/a//b/", ["a", "b"], true],
    ["//evil.example", ["evil.example"], false],
    ["/feed.xml?utm=x#top", ["feed.xml"], false],
  ])("reads %s as safe segments", (raw, segments, hasTrailingSlash) => {
    expect(parseRequestPath(raw)).toMatchObject({ segments, hasTrailingSlash });
  });

  it("keeps the query and drops the fragment", () => {
    const parsed = parseRequestPath("/__broadsheet/events?build=abc-1#x");
    expect("query" in parsed && parsed.query.get("build")).toBe("abc-1");
  });

  it.each([
    ["/../package.json", 403],
    ["/a/./b", 403],
    ["/%2e%2e/%2e%2e/etc/passwd", 403],
    ["/%2E%2E/secret", 403],
    ["/..%2fpackage.json", 400],
    ["/a%2Fb", 400],
    ["/assets/..%5c..%5cpackage.json", 400],
    ["/assets\\..\\package.json", 400],
    ["/index.html%00.css", 400],
    ["/%E0%A4%A", 400],
    ["http://example.com/", 400],
    ["*", 400],
  ])("refuses %s with %i", (raw, status) => {
    expect(parseRequestPath(raw)).toMatchObject({ status });
  });
});

describe("encodeSitePath", () => {
  it("encodes each segment and keeps a folder's trailing slash", () => {
    expect(encodeSitePath(["tags", "café"], true)).toBe("/tags/caf%C3%A9/");
    expect(encodeSitePath(["feed.xml"], false)).toBe("/feed.xml");
    expect(encodeSitePath([], true)).toBe("/");
  });
});

describe("contentTypeOf", () => {
  it.each([
    ["index.html", "text/html; charset=utf-8"],
    ["site.css", "text/css; charset=utf-8"],
    ["relative-time.js", "text/javascript; charset=utf-8"],
    ["logo.svg", "image/svg+xml"],
    ["feed.xml", "application/xml; charset=utf-8"],
    ["data.json", "application/json; charset=utf-8"],
    ["photo.JPG", "image/jpeg"],
    ["photo.webp", "image/webp"],
    ["photo.avif", "image/avif"],
    ["favicon.ico", "image/x-icon"],
    ["robots.txt", "text/plain; charset=utf-8"],
    ["font.woff2", "font/woff2"],
    ["archive.xyz", "application/octet-stream"],
  ])("serves %s as %s", (name, type) => {
    expect(contentTypeOf(name)).toBe(type);
  });

  it("recognises HTML types only", () => {
    expect(isHtmlType(contentTypeOf("a.html"))).toBe(true);
    expect(isHtmlType(contentTypeOf("a.svg"))).toBe(false);
  });
});
