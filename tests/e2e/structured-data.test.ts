/**
 * What machines read on the built sample site: JSON-LD on every article (NewsArticle with every
 * field, BreadcrumbList), the home and list pages, Open Graph and Twitter cards that agree with the
 * page, the 404 page without canonical, and the drawn card and raster logo checked with sharp. A
 * copy of the sample with a correction and a raster lead picture checks what the sample lacks.
 */
import { cp, mkdtemp, readFile, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { toString } from "hast-util-to-string";
import type { Root } from "hast";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInto, listFiles, ROOT } from "../helpers/site.js";
import { findAll, parseHtml } from "../helpers/html.js";
import { GENERATED } from "../../src/pages/structured-data.js";
import { parseFrontMatter } from "../../src/content/parse-front-matter.js";
import { makeSource } from "../helpers/factories.js";

type Node = Record<string, any>;

/** Every JSON-LD block of a page, parsed. */
function jsonLdOf(tree: Root): Node[] {
  return findAll(tree, (el) => el.tagName === "script" && el.properties.type === "application/ld+json").map(
    (el) => JSON.parse(toString(el)) as Node,
  );
}
/** The content of every `<meta property|name=key>`. */
function metaOf(tree: Root, key: string): string[] {
  return findAll(
    tree,
    (el) => el.tagName === "meta" && (el.properties.property === key || el.properties.name === key),
  ).map((el) => String(el.properties.content));
}
const datetimeIn = (tree: Root, className: string) =>
  findAll(tree, (el) => el.tagName === "time" && hasAncestorClass(tree, el, className)).map((el) =>
    String(el.properties.dateTime),
  )[0];
function hasAncestorClass(tree: Root, target: unknown, className: string): boolean {
  return findAll(
    tree,
    (el) => Array.isArray(el.properties.className) && el.properties.className.includes(className),
  ).some((el) => findAll(el as unknown as Root, (inner) => inner === target).length > 0);
}

describe("the sample site's metadata for machines", () => {
  let out: string;
  const pages = new Map<string, Root>();
  let frontMatter: Map<string, Record<string, any>>;

  beforeAll(async () => {
    const built = await buildInto(path.join(ROOT, "content"));
    expect(built.result.isOk).toBe(true);
    out = built.out;
    for (const f of (await listFiles(out)).filter((f) => f.endsWith(".html")))
      pages.set(f, parseHtml(await readFile(path.join(out, f), "utf8")));
    frontMatter = new Map();
    const dir = path.join(ROOT, "content/articles");
    for (const entry of await (await import("node:fs/promises")).readdir(dir, { withFileTypes: true })) {
      // A page bundle is a folder whose index.md is the article.
      const name = entry.isDirectory() ? `${entry.name}.md` : entry.name;
      const file = entry.isDirectory() ? path.join(dir, entry.name, "index.md") : path.join(dir, name);
      const parsed = parseFrontMatter(makeSource(name, name, await readFile(file, "utf8")));
      if ("data" in parsed && parsed.data.draft !== true) frontMatter.set(name.replace(/\.md$/, ""), parsed.data);
    }
  });

  const articlePages = () => [...pages.keys()].filter((f) => /^articles\/[^/]+\/index\.html$/.test(f));

  it("gives every article a NewsArticle with every field, and a breadcrumb home › first tag › article", () => {
    expect(articlePages().length).toBe(frontMatter.size);
    expect(frontMatter.size).toBeGreaterThan(10);
    for (const file of articlePages()) {
      const slug = file.split("/")[1]!;
      const fm = frontMatter.get(slug)!;
      const tree = pages.get(file)!;
      const blocks = jsonLdOf(tree);
      expect(blocks, slug).toHaveLength(1);
      expect(blocks[0]!["@context"]).toBe("https://schema.org");
      const [article, crumbs] = blocks[0]!["@graph"] as [Node, Node];
      const url = `https://relay.example/articles/${slug}/`;
      const tags = [fm.tags].flat();
      expect(article, slug).toMatchObject({
        "@type": "NewsArticle",
        headline: fm.title,
        description: fm.summary,
        datePublished: datetimeIn(tree, "article__published"),
        mainEntityOfPage: { "@type": "WebPage", "@id": url },
        keywords: tags,
        inLanguage: "en-GB",
        wordCount: expect.any(Number),
        publisher: {
          "@type": "NewsMediaOrganization",
          name: "The Relay",
          url: "https://relay.example/",
          logo: { "@type": "ImageObject", url: "https://relay.example/assets/logo.png", width: 144, height: 144 },
        },
      });
      // The sample's illustrations are SVG: search engines get the card instead; the one raster
      // lead picture (a page bundle's) gets its 1200×630 crop.
      expect(article.image, slug).toEqual([
        fm.image && /\.jpg$/.test(fm.image.src)
          ? {
              "@type": "ImageObject",
              url: expect.stringMatching(/^https:\/\/relay\.example\/_img\/[0-9a-f]{12}-card\.jpg$/),
              width: 1200,
              height: 630,
            }
          : { "@type": "ImageObject", url: "https://relay.example/assets/card.png", width: 1200, height: 630 },
      ]);
      expect(article.wordCount, slug).toBeGreaterThan(100);
      // Each Person links to the author's page on the site; a profile (content/authors/) adds the
      // portrait and the author's own links.
      const profiled = fm.author === "Clara Lindqvist";
      expect(article.author, slug).toEqual(
        fm.author
          ? {
              "@type": "Person",
              name: fm.author,
              url: expect.stringMatching(/^https:\/\/relay\.example\/authors\/[^/]+\/$/),
              ...(profiled && {
                image: "https://relay.example/images/clara-lindqvist.svg",
                sameAs: ["https://relay.example/about/"],
              }),
            }
          : undefined,
      );
      expect(article.isBasedOn, slug).toEqual(
        fm.source
          ? {
              "@type": "CreativeWork",
              url: fm.source.url,
              publisher: { "@type": "Organization", name: fm.source.name },
            }
          : undefined,
      );
      expect(article.digitalSourceType, slug).toEqual(fm.generated ? GENERATED : undefined);
      // Modified: the enhanced time the page shows, else the published time.
      expect(article.dateModified, slug).toBe(datetimeIn(tree, "article__enhanced") ?? article.datePublished);
      expect(
        crumbs.itemListElement.map((c: Node) => [c.position, c.name, c.item]),
        slug,
      ).toEqual([
        [1, "The Relay", "https://relay.example/"],
        [2, tags[0], expect.stringMatching(/^https:\/\/relay\.example\/tags\/[^/]+\/$/)],
        [3, fm.title, url],
      ]);
    }
    expect(articlePages().filter((f) => frontMatter.get(f.split("/")[1]!)!.generated).length).toBeGreaterThan(3);
  });

  it("tells link previews the same title, instants, tags and picture as the page and its JSON-LD", () => {
    for (const file of articlePages()) {
      const tree = pages.get(file)!;
      const [article] = jsonLdOf(tree)[0]!["@graph"] as Node[];
      const slug = file.split("/")[1]!;
      const one = (key: string) => {
        const values = metaOf(tree, key);
        expect(values, `${slug} ${key}`).toHaveLength(1);
        return values[0];
      };
      expect(one("og:type")).toBe("article");
      expect(one("og:title")).toBe(article!.headline);
      expect(one("og:url")).toBe(`https://relay.example/articles/${slug}/`);
      expect(one("og:locale")).toBe("en_GB");
      expect(one("og:site_name")).toBe("The Relay");
      expect(one("og:description")).toBe(one("description"));
      expect(one("article:published_time")).toBe(article!.datePublished);
      expect(one("article:modified_time")).toBe(article!.dateModified);
      expect(metaOf(tree, "article:tag")).toEqual(article!.keywords);
      expect(one("article:section")).toBe(article!.keywords[0]);
      const fm = frontMatter.get(slug)!;
      const isRaster = fm.image && /\.jpg$/.test(fm.image.src);
      expect(one("og:image")).toBe(isRaster ? article!.image[0].url : "https://relay.example/assets/card.png");
      expect([one("og:image:width"), one("og:image:height"), one("og:image:alt")]).toEqual([
        "1200",
        "630",
        isRaster ? fm.image.alt : "The Relay",
      ]);
      expect(one("twitter:card")).toBe("summary_large_image");
      expect(one("twitter:image")).toBe(one("og:image"));
      expect(one("twitter:title")).toBe(one("og:title"));
    }
  });

  it("describes the home page as the WebSite and list pages as CollectionPages", () => {
    const typeOf = (file: string) => (jsonLdOf(pages.get(file)!)[0]!["@graph"] as Node[]).map((n) => n["@type"]);
    expect(typeOf("index.html")).toEqual(["WebSite"]);
    expect(jsonLdOf(pages.get("index.html")!)[0]!["@graph"][0]).toMatchObject({
      name: "The Relay",
      url: "https://relay.example/",
      inLanguage: "en-GB",
      publisher: { "@type": "NewsMediaOrganization", logo: { url: "https://relay.example/assets/logo.png" } },
    });
    for (const file of ["page/2/index.html", "tags/index.html", "tags/energy/index.html", "recommended/index.html"])
      expect(typeOf(file), file).toEqual(["CollectionPage"]);
    expect(typeOf("about/index.html")).toEqual(["WebPage"]);
  });

  it("gives the 404 page no canonical, no previews and no JSON-LD", () => {
    const tree = pages.get("404.html")!;
    expect(findAll(tree, (el) => el.tagName === "link" && String(el.properties.rel) === "canonical")).toEqual([]);
    expect(metaOf(tree, "og:url")).toEqual([]);
    expect(jsonLdOf(tree)).toEqual([]);
    expect(metaOf(tree, "robots")).toEqual(["noindex"]);
  });

  it("draws the card as a 1200×630 PNG and the raster logo as a 144×144 PNG", async () => {
    const sizeOf = async (file: string) => {
      const m = await sharp(await readFile(path.join(out, file))).metadata();
      return [m.format, m.width, m.height];
    };
    expect(await sizeOf("assets/card.png")).toEqual(["png", 1200, 630]);
    expect(await sizeOf("assets/logo.png")).toEqual(["png", 144, 144]);
  });
});

const FIRST_PARAGRAPH =
  "The valley's network began with four households and a borrowed antenna on a farm roof. Eleven years later it reaches three hundred homes, two schools and a chapel, and nobody involved has ever been paid.";

describe("articles with a correction, a raster lead picture, or no summary", () => {
  let tree: Root;
  let noSummary: Root;

  beforeAll(async () => {
    const content = path.join(await mkdtemp(path.join(tmpdir(), "broadsheet-ld-")), "content");
    await cp(path.join(ROOT, "content"), content, { recursive: true });
    const bundle = path.join(content, "articles/raster-lead");
    await mkdir(bundle);
    await writeFile(
      path.join(bundle, "photo.jpg"),
      await sharp({ create: { width: 640, height: 360, channels: 3, background: "#2a5" } })
        .jpeg()
        .toBuffer(),
    );
    await writeFile(
      path.join(bundle, "index.md"),
      [
        "---",
        "title: A valley's radios, photographed",
        "date: 2026-11-21T09:00:00+01:00",
        "summary: A photograph of the masts.",
        "tags: [community networks]",
        "image: { src: photo.jpg, alt: Radio masts on a green hill }",
        "updates:",
        '  - { date: 2026-11-22T10:00:00+01:00, text: "The valley is the Irfon, not the Wye.", kind: correction }',
        "---",
        "",
        "The masts stand on the hill.",
        "",
      ].join("\n"),
    );
    await writeFile(
      path.join(content, "articles/no-summary.md"),
      `---\ntitle: No summary\ndate: 2026-11-21T09:00:00+01:00\ntags: energy\n---\n\n${FIRST_PARAGRAPH}\n\nMore.\n`,
    );
    const built = await buildInto(content);
    expect(built.result.isOk).toBe(true);
    tree = parseHtml(await readFile(path.join(built.out, "articles/raster-lead/index.html"), "utf8"));
    noSummary = parseHtml(await readFile(path.join(built.out, "articles/no-summary/index.html"), "utf8"));
  });

  it("describes an article without summary by its first paragraph, cut at a word under 160 characters", () => {
    const [description] = metaOf(noSummary, "description");
    expect(description).toBe(
      "The valley's network began with four households and a borrowed antenna on a farm roof. Eleven years later it reaches three hundred homes, two schools and a…",
    );
    expect(metaOf(noSummary, "og:description")).toEqual([description]);
    expect((jsonLdOf(noSummary)[0]!["@graph"] as Node[])[0]!.description).toBe(description);
  });

  it("shows the lead picture's preview crop (measured) in previews and JSON-LD, and lists the correction", () => {
    const [article] = jsonLdOf(tree)[0]!["@graph"] as Node[];
    // 640×360 is smaller than 1200×630: the crop is the largest 1.91:1 area, never enlarged.
    const [photo] = metaOf(tree, "og:image");
    expect(photo).toMatch(/^https:\/\/relay\.example\/_img\/[0-9a-f]{12}-card\.jpg$/);
    expect(article).toMatchObject({
      image: [{ "@type": "ImageObject", url: photo, width: 640, height: 336 }],
      dateModified: "2026-11-22T10:00:00+01:00",
      correction: [
        {
          "@type": "CorrectionComment",
          text: "The valley is the Irfon, not the Wye.",
          datePublished: "2026-11-22T10:00:00+01:00",
        },
      ],
    });
    expect(metaOf(tree, "og:image")).toEqual([photo]);
    expect(metaOf(tree, "og:image:type")).toEqual(["image/jpeg"]);
    expect([...metaOf(tree, "og:image:width"), ...metaOf(tree, "og:image:height")]).toEqual(["640", "336"]);
    expect(metaOf(tree, "og:image:alt")).toEqual(["Radio masts on a green hill"]);
    const correctionTime = findAll(tree, (el) => el.tagName === "time").map((el) => el.properties.dateTime);
    expect(correctionTime).toContain(article!.correction[0].datePublished);
  });
});

describe("a syndicated copy (front-matter canonical)", () => {
  it("names the original as its canonical, og:url and mainEntityOfPage, and stays out of both sitemaps", async () => {
    const content = path.join(await mkdtemp(path.join(tmpdir(), "broadsheet-syndicated-")), "content");
    await mkdir(path.join(content, "articles"), { recursive: true });
    await writeFile(path.join(content, "site.yaml"), "title: Copy Desk\nbaseUrl: https://copies.example/\n");
    await writeFile(
      path.join(content, "articles/copy.md"),
      "---\ntitle: The copy\ndate: 2026-11-26T09:00:00Z\ncanonical: https://origin.example/story\n---\nRepublished with permission.\n",
    );
    await writeFile(
      path.join(content, "articles/own.md"),
      "---\ntitle: Our own\ndate: 2026-11-26T08:00:00Z\n---\nWritten here.\n",
    );
    const { out, result } = await buildInto(content);
    expect(result.isOk).toBe(true);
    const tree = parseHtml(await readFile(path.join(out, "articles/copy/index.html"), "utf8"));
    const canonical = findAll(tree, (el) => el.tagName === "link" && String(el.properties.rel) === "canonical").map(
      (el) => el.properties.href,
    );
    expect(canonical).toEqual(["https://origin.example/story"]);
    expect(metaOf(tree, "og:url")).toEqual(["https://origin.example/story"]);
    const article = jsonLdOf(tree)
      .flatMap((block) => (block["@graph"] as Node[] | undefined) ?? [block])
      .find((n) => n["@type"] === "NewsArticle")!;
    expect(JSON.stringify(article.mainEntityOfPage)).toContain("https://origin.example/story");
    for (const sitemap of ["sitemap.xml", "news-sitemap.xml"]) {
      const text = await readFile(path.join(out, sitemap), "utf8");
      expect(text, sitemap).not.toContain("/articles/copy/");
      expect(text, sitemap).toContain("/articles/own/");
    }
  });
});
