/**
 * Author pages and old addresses, end to end: bylines lead to the author's pages (every article,
 * page 2 included) and feeds; aliases, redirect_from and the oldUrls pattern leave redirect pages
 * and a _redirects file; an alias on a real page fails the build naming both.
 */
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import Parser from "rss-parser";
import { XMLValidator } from "fast-xml-parser";
import { FileSystemConfigLoader, HtmlValidate } from "html-validate";
import { buildInto, fixture, listFiles, NOW, ROOT } from "../helpers/site.js";
import { check } from "../../src/check.js";
import { findAll, parseHtml } from "../helpers/html.js";
import { jsonFeedProblems } from "../helpers/json-feed-rules.js";

const SITE = fixture("people");
let out: string;
let files: string[];
let diagnostics: readonly { code: string; message: string }[];
const read = (p: string) => readFile(path.join(out, p), "utf8");

/** The href of every link of a page with the given class. */
async function linksWithClass(page: string, cls: string): Promise<{ href: string; text: string }[]> {
  const tree = parseHtml(await read(page));
  return findAll(tree, (el) => el.tagName === "a" && String(el.properties.className ?? "").includes(cls)).map((el) => ({
    href: String(el.properties.href),
    text: el.children.map((c) => ("value" in c ? c.value : "")).join(""),
  }));
}

/** The output file of a root-relative href. */
const fileOf = (href: string) => `${href.replace(/^\//, "")}${href.endsWith("/") ? "index.html" : ""}`;

beforeAll(async () => {
  const built = await buildInto(path.join(SITE, "content"), { paths: { public: path.join(SITE, "public") } });
  expect(built.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(built.result.isOk).toBe(true);
  out = built.out;
  files = await listFiles(out);
  diagnostics = built.result.diagnostics;
});

describe("author pages", () => {
  it("links each name of a multi-author byline to that author's page", async () => {
    const byline = await linksWithClass("articles/joint-report/index.html", "byline__author");
    // The article's own byline and its card in "Recommended" lists are all links.
    expect(byline.slice(0, 2)).toEqual([
      { href: "/authors/ana-ruiz/", text: "Ana Ruiz" },
      { href: "/authors/ben-okafor/", text: "Ben Okafor" },
    ]);
    const html = await read("articles/joint-report/index.html");
    expect(html).toContain(
      'By <a class="byline__author" href="/authors/ana-ruiz/">Ana Ruiz</a> and <a class="byline__author" href="/authors/ben-okafor/">Ben Okafor</a>',
    );
  });

  it("leads from a byline to a page listing all of that author's articles, page 2 included", async () => {
    const [ana] = await linksWithClass("articles/ana-story-1/index.html", "byline__author");
    const listed: string[] = [];
    let page: string | null = fileOf(ana!.href);
    while (page !== null) {
      expect(files).toContain(page);
      const html = await read(page);
      for (const m of html.matchAll(/<h2 class="card__title"><a href="([^"]+)"/g)) listed.push(m[1]!);
      const next = /<a href="([^"]+)" rel="next">/.exec(html);
      page = next ? fileOf(next[1]!) : null;
    }
    expect(listed).toEqual([
      "/articles/joint-report/",
      "/articles/ana-story-3/",
      "/articles/ana-story-2/",
      "/articles/ana-story-1/",
    ]);
    expect(files).toContain("authors/ana-ruiz/page/2/index.html");
  });

  it("shows the profile: avatar with its size and alt, the sanitized bio, links and feeds", async () => {
    const html = await read("authors/ana-ruiz/index.html");
    expect(html).toContain(
      '<img class="author-profile__avatar" src="/images/ana.svg" alt="Portrait of Ana Ruiz" width="96" height="96">',
    );
    expect(html).toContain("<p>Ana Ruiz covers <strong>energy</strong> for People Post. </p>");
    expect(html).not.toContain("<script>alert");
    expect(html).toContain('href="https://ana.example/" rel="me noopener"');
    expect(html).toContain(
      '<link rel="alternate" type="application/rss+xml" title="People Post: Ana Ruiz" href="https://people.example/authors/ana-ruiz/feed.xml">',
    );
    expect(html).toContain(
      '<link rel="alternate" type="application/feed+json" title="People Post: Ana Ruiz" href="https://people.example/authors/ana-ruiz/feed.json">',
    );
    // An author without a profile still has a page.
    expect(await read("authors/ben-okafor/index.html")).not.toContain("author-profile__avatar");
  });

  it("describes the author page as a ProfilePage whose Person has url, sameAs and image", async () => {
    const html = await read("authors/ana-ruiz/index.html");
    const json = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    expect(json["@graph"][0]).toMatchObject({
      "@type": "ProfilePage",
      mainEntity: {
        "@type": "Person",
        name: "Ana Ruiz",
        url: "https://people.example/authors/ana-ruiz/",
        sameAs: ["https://ana.example/", "https://social.example/@ana"],
        image: "https://people.example/images/ana.svg",
      },
    });
  });

  it("lists every author with a count on /authors/, sorted by name, and in the sitemap", async () => {
    const index = await linksWithClass("authors/index.html", "tag-index__link");
    expect(index).toEqual([
      { href: "/authors/ana-ruiz/", text: "Ana Ruiz" },
      { href: "/authors/ben-okafor/", text: "Ben Okafor" },
    ]);
    expect(await read("authors/index.html")).toContain("4 articles");
    const sitemap = await read("sitemap.xml");
    for (const p of ["authors/", "authors/ana-ruiz/", "authors/ana-ruiz/page/2/", "authors/ben-okafor/"])
      expect(sitemap).toContain(`<loc>https://people.example/${p}</loc>`);
  });

  it("writes a valid RSS feed and JSON Feed per author with exactly their articles", async () => {
    const xml = await read("authors/ana-ruiz/feed.xml");
    expect(XMLValidator.validate(xml)).toBe(true);
    const rss = await new Parser().parseString(xml);
    expect(rss.title).toBe("People Post: Ana Ruiz");
    expect(rss.items.map((i) => i.link)).toEqual([
      "https://people.example/articles/joint-report/",
      "https://people.example/articles/ana-story-3/",
      "https://people.example/articles/ana-story-2/",
      "https://people.example/articles/ana-story-1/",
    ]);
    const feed = JSON.parse(await read("authors/ben-okafor/feed.json"));
    expect(jsonFeedProblems(feed)).toEqual([]);
    expect(feed.items.map((i: { url: string }) => i.url)).toEqual([
      "https://people.example/articles/ben-solo/",
      "https://people.example/articles/joint-report/",
    ]);
  });
});

describe("old addresses", () => {
  it("writes a redirect page at each alias, redirect_from and oldUrls address", async () => {
    for (const f of [
      "2026/11/joint-report/index.html",
      "joint.html",
      "water/ben-solo/index.html",
      "blog/ana-story-1/index.html",
      "blog/joint-report/index.html",
    ])
      expect(files).toContain(f);
    const html = await read("water/ben-solo/index.html");
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/articles/ben-solo/">');
    expect(html).toContain('<link rel="canonical" href="https://people.example/articles/ben-solo/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('This article has moved to <a href="/articles/ben-solo/">Ben alone on water</a>.');
    expect(await read("sitemap.xml")).not.toContain("water/ben-solo");
  });

  it("writes _redirects after the site's own rules, sorted", async () => {
    const text = await read("_redirects");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("/shop/* https://shop.example/:splat 302");
    expect(lines[1]).toBe("# Old addresses of articles (written by Broadsheet)");
    const rules = lines.slice(2);
    expect(rules).toContain("/2026/11/joint-report/ /articles/joint-report/ 301");
    expect(rules).toContain("/joint.html /articles/joint-report/ 301");
    expect(rules).toContain("/water/ben-solo/ /articles/ben-solo/ 301");
    expect(rules).toContain("/blog/ana-story-1/ /articles/ana-story-1/ 301");
    expect(rules).toEqual([...rules].sort());
  });

  it("does not call a body link to an old address broken", () => {
    expect(diagnostics.filter((d) => d.code === "BrokenLink")).toEqual([]);
  });

  it("gives valid HTML on author pages and redirect pages", async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const problems: string[] = [];
    for (const page of files.filter(
      (f) => f.startsWith("authors/") || f === "joint.html" || f.startsWith("water/") || f.startsWith("blog/"),
    )) {
      if (!page.endsWith(".html")) continue;
      const report = await validator.validateString(await read(page), path.join(ROOT, "page.html"));
      for (const r of report.results) for (const m of r.messages) problems.push(`${page}: ${m.message} (${m.ruleId})`);
    }
    expect(problems).toEqual([]);
  });
});

describe("old addresses of imported sites", () => {
  async function copy(name: string) {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), `people-${name}-`)), "content");
    await cp(path.join(fixture(name), "content"), dir, { recursive: true });
    return dir;
  }

  it("turns Hugo's aliases into redirect pages", async () => {
    const content = await copy("hugo");
    const file = path.join(content, "articles/dam-opens/index.md");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("draft = false\n", 'draft = false\naliases = ["/2024/05/dam/"]\n'));
    const { out: hugo, result } = await buildInto(content);
    expect(result.isOk).toBe(true);
    expect(await readFile(path.join(hugo, "2024/05/dam/index.html"), "utf8")).toContain(
      'content="0; url=/articles/dam-opens/"',
    );
    expect(await readFile(path.join(hugo, "_redirects"), "utf8")).toContain("/2024/05/dam/ /articles/dam-opens/ 301");
  });

  it("turns Jekyll's redirect_from into redirect pages", async () => {
    const content = await copy("jekyll");
    const file = path.join(content, "articles/2016-01-05-node-v5-4-0.md");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("published: true\n", "published: true\nredirect_from: /blog/release/v5.4.0/\n"));
    const { out: jekyll, result } = await buildInto(content);
    expect(result.isOk).toBe(true);
    const page = await readFile(path.join(jekyll, "blog/release/v5.4.0/index.html"), "utf8");
    expect(page).toMatch(/content="0; url=\/articles\/[^"]+\/"/);
  });

  it("fails with an OutputConflict at the alias's line when an alias is a real page", async () => {
    const content = await copy("hugo");
    const file = path.join(content, "articles/dam-opens/index.md");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("draft = false\n", 'draft = false\naliases = ["/tags/"]\n'));
    const { result } = await buildInto(content);
    expect(result.isOk).toBe(false);
    const conflicts = result.diagnostics.filter((d) => d.code === "OutputConflict");
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ severity: "error", line: 9, field: "aliases" });
    expect(conflicts[0]!.file).toMatch(/dam-opens\/index\.md$/);
    expect(conflicts[0]!.message).toMatch(
      /The old address "\/tags\/" of .*dam-opens\/index\.md is also the generated page "\/tags\/index\.html"/,
    );
  });
});

describe("profiles over time and in check", () => {
  async function copyPeople() {
    const dir = await mkdtemp(path.join(tmpdir(), "people-copy-"));
    await cp(SITE, dir, { recursive: true });
    return dir;
  }

  it("rebuilds the author page when only the profile changed", async () => {
    const dir = await copyPeople();
    const paths = { public: path.join(dir, "public") };
    const content = path.join(dir, "content");
    const first = await buildInto(content, { paths });
    const options = { paths: { ...paths, out: first.out, cache: path.join(path.dirname(first.out), "cache") } };
    const profile = path.join(content, "authors/ana-ruiz.md");
    await writeFile(profile, (await readFile(profile, "utf8")).replace("covers **energy**", "covers **water**"));
    const second = await buildInto(content, options);
    expect(second.result.write?.changed).toContain("authors/ana-ruiz/index.html");
    expect(await readFile(path.join(first.out, "authors/ana-ruiz/index.html"), "utf8")).toContain(
      "covers <strong>water</strong>",
    );
  });

  it("reports an unused profile and a broken profile field in check, at the file", async () => {
    const dir = await copyPeople();
    const content = path.join(dir, "content");
    await writeFile(path.join(content, "authors/anna-ruis.md"), "---\nname: Anna Ruis\n---\nNobody.\n");
    await writeFile(
      path.join(content, "authors/ben-okafor.md"),
      "---\nname: Ben Okafor\nurl: http://ben.example/\n---\n",
    );
    const result = await check({ now: NOW, paths: { content, public: path.join(dir, "public"), cache: null } });
    const about = (file: string) => result.diagnostics.filter((d) => d.file?.endsWith(file));
    expect(about("anna-ruis.md")).toMatchObject([{ code: "AuthorProfile", severity: "warning" }]);
    expect(about("anna-ruis.md")[0]!.hint).toContain("name: Ana Ruiz");
    expect(about("ben-okafor.md")).toMatchObject([{ code: "InvalidField", severity: "error", line: 3, field: "url" }]);
    expect(result.isOk).toBe(false);
  });
});
