/** Golden files: one page of each kind, the feeds and the sitemap. Update with `vitest -u`, review the diff. */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { MemoryWriter } from "../../src/output/writer.js";
import { fixture, NOW, ROOT } from "../helpers/site.js";

const GOLDEN = [
  "index.html",
  "page/2/index.html",
  "articles/grid-data-format/index.html",
  "tags/index.html",
  "tags/energy/index.html",
  "recommended/index.html",
  "about/index.html",
  "search/index.html",
  "404.html",
  "feed.xml",
  "feed.json",
  "tags/energy/feed.xml",
  "tags/energy/feed.json",
  "sitemap.xml",
  "news-sitemap.xml",
  "robots.txt",
];

const writer = new MemoryWriter();

beforeAll(async () => {
  const result = await build({
    now: NOW,
    writer,
    paths: {
      content: path.join(fixture("basic"), "content"),
      templates: path.join(ROOT, "templates"),
      public: path.join(ROOT, "public"),
      out: "unused",
      cache: null,
    },
  });
  expect(result.diagnostics).toEqual([]);
});

describe("golden output of the basic fixture site", () => {
  it.each(GOLDEN)("%s matches its golden file", async (file) => {
    const contents = writer.files.get(file);
    expect(typeof contents).toBe("string");
    await expect(contents).toMatchFileSnapshot(path.join("site", file));
  });
});
