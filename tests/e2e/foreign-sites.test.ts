/** Archives written for Hugo and Jekyll build without editing a file, with their fields mapped. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { buildInto, fixture, listFiles } from "../helpers/site.js";
import type { Diagnostic } from "../../src/errors.js";

const read = (out: string, file: string) => readFile(path.join(out, file), "utf8");
const summary = (d: Diagnostic) => `${d.severity} ${d.code} ${path.basename(d.file ?? "")}:${d.line}`;

describe("a Hugo-style site (TOML, page bundles, _index.md, shortcodes)", () => {
  let out: string;
  let diagnostics: readonly Diagnostic[];

  beforeAll(async () => {
    const built = await buildInto(path.join(fixture("hugo"), "content"));
    expect(built.result.isOk).toBe(true);
    out = built.out;
    diagnostics = built.result.diagnostics;
  });

  it("builds the articles, skipping drafts, section files and bundle notes; copies bundle files beside the page", async () => {
    const files = await listFiles(out);
    expect(files.filter((f) => f.startsWith("articles/"))).toEqual([
      "articles/dam-opens/dam.svg",
      "articles/dam-opens/gallery/turbines.svg",
      "articles/dam-opens/index.html",
      "articles/grid-deal/index.html",
      "articles/with-shortcode/index.html",
    ]);
    expect(files).not.toContain("_index/index.html");
    expect(await read(out, "articles/dam-opens/dam.svg")).toContain("<svg");
  });

  it("warns once per file about shortcodes and about a link that goes nowhere, suggesting the article", () => {
    expect(diagnostics.map(summary)).toEqual([
      "warning Shortcode with-shortcode.md:9",
      "warning BrokenLink grid-deal.md:10",
    ]);
    expect(diagnostics[1]!.hint).toBe("Did you mean /articles/dam-opens/?");
  });

  it("maps description, categories, lastmod, authors and [source] onto the article page", async () => {
    const html = await read(out, "articles/dam-opens/index.html");
    expect(html).toContain(
      '<meta name="description" content="The new dam will supply a third of the region&#x27;s power.">',
    );
    expect(html).toContain('<time datetime="2024-05-01T10:00:00+02:00"');
    expect(html).toContain(
      '<time datetime="2024-05-03T11:00:00+02:00" data-relative data-prefix="Enhanced" data-keep-absolute>',
    );
    expect(html).toContain('href="/tags/energy/">Energy</a>');
    expect(html).toContain('href="/tags/water/">Water</a>');
    expect(html).toContain("Ana Ruiz and Ben Ode");
    expect(html).toContain('href="https://wire.example/dam"');
    // A bundle's picture is named by its site path, so the same markup works on the home page too.
    expect(html).toMatch(/<img src="\/articles\/dam-opens\/dam\.svg" width="\d+" height="\d+" alt="The dam at dawn"/);
    expect(html).toMatch(
      /<img src="\/articles\/dam-opens\/gallery\/turbines\.svg" width="\d+" height="\d+" alt="Turbine hall"/,
    );
  });

  it("uses publishDate as the publication date, and tags over categories", async () => {
    const html = await read(out, "articles/grid-deal/index.html");
    const article = html.slice(html.indexOf('<article class="article">'), html.indexOf("</article>"));
    expect(article).toContain('<time datetime="2024-04-02T08:00:00+02:00"');
    expect(article).toContain('href="/tags/grid/">grid</a>');
    expect(article).not.toContain('href="/tags/energy/"');
  });

  it("shows shortcodes as text, not as HTML", async () => {
    const html = await read(out, "articles/with-shortcode/index.html");
    expect(html).toContain("{{&#x3C; youtube w7Ft2ymGmfc >}}");
    expect(html).toContain('{{&#x3C; figure src="turbine.jpg" title="Turbines" >}}');
    expect(html).not.toMatch(/<figure/);
  });

  it("gives feed readers absolute URLs for bundle images", async () => {
    const feed = new XMLParser().parse(await read(out, "feed.xml"));
    const item = feed.rss.channel.item.find((i: { title: string }) => i.title === "River dam opens after six years");
    expect(item["content:encoded"]).toContain('src="https://hugo.example/articles/dam-opens/dam.svg"');
  });

  it("shows the draft with --drafts", async () => {
    const { result, out: withDrafts } = await buildInto(path.join(fixture("hugo"), "content"), { includeDrafts: true });
    expect(result.isOk).toBe(true);
    expect(await read(withDrafts, "articles/draft-post/index.html")).toContain("badge--draft");
  });
});

describe("a Jekyll-style site (dated names, categories string, published: false, Liquid)", () => {
  let out: string;
  let diagnostics: readonly Diagnostic[];

  beforeAll(async () => {
    const built = await buildInto(path.join(fixture("jekyll"), "content"));
    expect(built.result.isOk).toBe(true);
    out = built.out;
    diagnostics = built.result.diagnostics;
  });

  it("takes dates and slugs from file names and leaves out unpublished posts and _drafts", async () => {
    const files = await listFiles(out);
    expect(files.filter((f) => f.startsWith("articles/"))).toEqual([
      "articles/liquid-tags/index.html",
      "articles/node-v5-4-0/index.html",
    ]);
    const html = await read(out, "articles/node-v5-4-0/index.html");
    // A day from the file name is midnight in the site's zone, as a full instant (the page shows the day).
    expect(html).toContain(
      '<time datetime="2016-01-05T00:00:00-08:00" data-relative data-keep-absolute>January 5, 2016</time>',
    );
  });

  it("reads `categories: release security` as two tags, last_modified_at as enhanced and author.name", async () => {
    const html = await read(out, "articles/node-v5-4-0/index.html");
    expect(html).toContain('href="/tags/release/">release</a>');
    expect(html).toContain('href="/tags/security/">security</a>');
    expect(html).toContain(
      '<time datetime="2016-01-06T10:00:00-08:00" data-relative data-prefix="Enhanced" data-keep-absolute>',
    );
    expect(html).toContain("Rod Vagg");
  });

  it("warns about Liquid tags and a picture without alt text, and builds anyway", async () => {
    expect(diagnostics.map(summary)).toEqual([
      "warning MissingAlt 2016-03-01-liquid-tags.md:5",
      "warning Shortcode 2016-03-01-liquid-tags.md:9",
    ]);
    const html = await read(out, "articles/liquid-tags/index.html");
    expect(html).toContain('<p>{% include note.html content="Remember" %}</p>');
    expect(html).toContain('<meta name="description" content="A post with Liquid tags we cannot run.">');
  });
});
