/**
 * Golden files of the sample site's page-bundle article with a raster lead picture (content/articles/
 * solar-rooftop-relay-porto/): the responsive markup on its page, the home page and a tag page,
 * and the list of variants. Update with `vitest -u`, review the diff.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { MemoryWriter } from "../../src/output/writer.js";
import { NOW, ROOT } from "../helpers/site.js";

const writer = new MemoryWriter();

beforeAll(async () => {
  const result = await build({
    now: NOW,
    writer,
    paths: {
      content: path.join(ROOT, "content"),
      templates: path.join(ROOT, "templates"),
      public: path.join(ROOT, "public"),
      out: "unused",
      cache: null,
    },
  });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
}, 60_000);

/** The lines of a page that show pictures (the rest of each page has golden files of its own). */
function pictureLines(html: string): string {
  return html
    .split("\n")
    .filter((line) => /<img|<picture|<figcaption|og:image|twitter:image/.test(line))
    .map((line) => line.trim())
    .join("\n");
}

describe("golden pictures of the sample site's bundle article", () => {
  it.each(["articles/solar-rooftop-relay-porto/index.html", "index.html", "tags/energy/index.html"])(
    "%s shows them as its golden file says",
    async (file) => {
      const contents = writer.files.get(file);
      expect(typeof contents).toBe("string");
      await expect(pictureLines(contents as string)).toMatchFileSnapshot(
        path.join("sample", `${file.replace(/\//g, "__")}.txt`),
      );
    },
  );

  it("publishes the variants the pages name", async () => {
    const variants = [...writer.files.keys()].filter((f) => f.startsWith("_img/")).sort();
    await expect(variants.join("\n")).toMatchFileSnapshot(path.join("sample", "variants.txt"));
  });
});
