import { readFile, writeFile, mkdir, cp } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import Parser from "rss-parser";
import { XMLValidator } from "fast-xml-parser";
import { buildInto, fixture, listFiles, readTree, ROOT } from "../helpers/site.js";
import { linksOf } from "../helpers/html.js";
import { build } from "../../src/build.js";

const content = path.join(fixture("basic"), "content");
let out: string;
let files: string[];

beforeAll(async () => {
  const built = await buildInto(content);
  expect(built.result.diagnostics).toEqual([]);
  expect(built.result.isOk).toBe(true);
  out = built.out;
  files = await listFiles(out);
});

const read = (p: string) => readFile(path.join(out, p), "utf8");

describe("building the basic fixture site", () => {
  it("writes every kind of page, feed and crawler file", () => {
    for (const f of [
      "index.html",
      "page/2/index.html",
      "articles/grid-data-format/index.html",
      "articles/mesh-in-the-hills/index.html",
      "tags/index.html",
      "tags/energy/index.html",
      "tags/energy/feed.xml",
      "recommended/index.html",
      "about/index.html",
      "404.html",
      "feed.xml",
      "sitemap.xml",
      "robots.txt",
      "assets/site.css",
    ]) {
      expect(files, f).toContain(f);
    }
  });

  it("leaves out drafts and articles dated after the build clock", () => {
    expect(files).not.toContain("articles/draft-piece/index.html");
    expect(files).not.toContain("articles/future-piece/index.html");
  });

  it("gives distinct tag pages to tags that differ only by accent or symbol", () => {
    for (const seg of ["café", "cafe", "c-plus-plus", "c-sharp"]) expect(files).toContain(`tags/${seg}/index.html`);
  });

  it("resolves every internal link and asset on every page", async () => {
    const broken: string[] = [];
    for (const page of files.filter((f) => f.endsWith(".html"))) {
      const base = new URL(
        page.endsWith("index.html") ? `/${page.slice(0, -"index.html".length)}` : `/${page}`,
        "https://fixture.example/",
      );
      for (const link of linksOf(await read(page))) {
        const target = new URL(link, base);
        if (target.origin !== "https://fixture.example") continue;
        let rel = decodeURIComponent(target.pathname).replace(/^\//, "");
        if (rel === "" || rel.endsWith("/")) rel += "index.html";
        if (!files.includes(rel)) broken.push(`${page} → ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("produces a feed that a real feed parser reads, newest first, with full content and attribution", async () => {
    const xml = await read("feed.xml");
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = await new Parser<Record<string, never>, { "content:encoded": string }>({
      customFields: { item: ["content:encoded"] },
    }).parseString(xml);
    expect(feed.title).toBe("Fixture Gazette");
    expect(feed.items.map((i) => i.link)).toEqual([
      "https://fixture.example/articles/grid-data-format/",
      "https://fixture.example/articles/mesh-in-the-hills/",
      "https://fixture.example/articles/cafe-wifi/",
      "https://fixture.example/articles/hostile-markup/",
    ]);
    const first = feed.items[0]!;
    expect(first.guid).toBe(first.link);
    expect(first.categories).toEqual(["energy", "open protocols"]);
    expect(first.contentSnippet).toBe("Six operators will publish load data in one open format from January.");
    expect(first["content:encoded"]).toContain('<a href="https://fixture.example/articles/mesh-in-the-hills/">');
    expect(new Date(first.pubDate!).toISOString()).toBe("2026-11-20T08:30:00.000Z");
    // RSS <source url> names the outlet's feed; the original article is linked in the item's HTML.
    expect(xml).toMatch(/<source url="https:\/\/gridweekly.example\/feed.xml">Grid Weekly<\/source>/);
    expect(xml).toContain('<atom:link href="https://fixture.example/feed.xml" rel="self" type="application/rss+xml"/>');
    // description precedes content:encoded in every item
    for (const item of xml.split("<item>").slice(1))
      expect(item.indexOf("<description>")).toBeLessThan(item.indexOf("<content:encoded>"));
  });

  it("keeps script out of pages and feeds built from hostile markup", async () => {
    const page = await read("articles/hostile-markup/index.html");
    const body = page.slice(page.indexOf("<main"));
    expect(body).not.toMatch(/<script(?![^>]*src="\/assets\/)/i);
    expect(page).not.toMatch(/onerror=|javascript:|<iframe/i);
    expect(page).toContain("Markup &lt;em&gt;is&lt;/em&gt; escaped &amp; kept safe");
    const feed = await read("feed.xml");
    expect(feed).not.toMatch(/<script|onerror|javascript:|<iframe/i);
  });

  it("writes well-formed tag feeds and a sitemap with lastmod from enhanced, else date", async () => {
    for (const f of files.filter((f) => f.endsWith(".xml"))) expect(XMLValidator.validate(await read(f)), f).toBe(true);
    const sitemap = await read("sitemap.xml");
    expect(sitemap).toContain(
      "<url><loc>https://fixture.example/articles/grid-data-format/</loc><lastmod>2026-11-21T09:00:00Z</lastmod></url>",
    );
    expect(sitemap).toContain(
      "<url><loc>https://fixture.example/articles/cafe-wifi/</loc><lastmod>2026-11-10T07:15:00Z</lastmod></url>",
    );
    expect(sitemap).not.toContain("404");
  });

  it("includes drafts when asked", async () => {
    const { result, out: draftsOut } = await buildInto(content, { includeDrafts: true });
    expect(result.isOk).toBe(true);
    expect(await listFiles(draftsOut)).toContain("articles/draft-piece/index.html");
    expect(await readFile(path.join(draftsOut, "feed.xml"), "utf8")).not.toContain("draft-piece");
  });

  it("gives byte-identical output for the same content and clock", async () => {
    const again = await buildInto(content);
    const [a, b] = await Promise.all([readTree(out), readTree(again.out)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes), file).toBe(true);
  });
});

describe("a failed build", () => {
  it("leaves the previous output exactly as it was", async () => {
    const { out: previous } = await buildInto(content);
    const before = await readTree(previous);
    const templates = path.join(previous, "..", `templates-broken-${path.basename(previous)}`);
    await cp(path.join(ROOT, "theme/templates"), templates, { recursive: true });
    await writeFile(path.join(templates, "layouts/article.hbs"), "{{#if article.title}}unclosed");
    const result = await build({
      now: "2026-11-26T12:00:00Z",
      paths: { content, templates, public: path.join(ROOT, "public"), out: previous },
    });
    expect(result.isOk).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ["TemplateSyntax", path.relative(process.cwd(), path.join(templates, "layouts/article.hbs"))],
    ]);
    const after = await readTree(previous);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
  });

  it("reports a template field typo with the template's name and leaves the published site alone", async () => {
    const { out: previous } = await buildInto(content);
    const before = await readTree(previous);
    const templates = path.join(previous, "..", `templates-typo-${path.basename(previous)}`);
    await cp(path.join(ROOT, "theme/templates"), templates, { recursive: true });
    const layout = path.join(templates, "layouts/page.hbs");
    await writeFile(layout, `${await readFile(layout, "utf8")}\n{{page.titel}}\n`);
    const result = await build({
      now: "2026-11-26T12:00:00Z",
      paths: { content, templates, public: path.join(ROOT, "public"), out: previous },
    });
    expect(result.isOk).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: "TemplateRender", file: path.relative(process.cwd(), layout) });
    expect(result.diagnostics[0]!.message).toMatch(/page.*titel|titel/);
    // The failed build staged its pages, then abandoned them: nothing of it is published.
    const after = await readTree(previous);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
  });
});

describe("building without site.yaml or pages/", () => {
  it("uses defaults and still builds a site", async () => {
    const dir = path.join(await import("node:os").then((os) => os.tmpdir()), `bare-${process.pid}-${Date.now()}`);
    await mkdir(path.join(dir, "articles"), { recursive: true });
    await writeFile(path.join(dir, "articles", "2026-01-02-hello.md"), "---\ntitle: Hello\n---\nFirst post.\n");
    const { result, out: bareOut } = await buildInto(dir);
    expect(result.diagnostics).toEqual([]);
    expect(existsSync(path.join(bareOut, "articles/hello/index.html"))).toBe(true);
    expect(await readFile(path.join(bareOut, "index.html"), "utf8")).toContain("<title>Broadsheet</title>");
  });
});
