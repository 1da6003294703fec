/**
 * Hostile content, without a browser: the hostile fixture site (tests/fixtures/hostile) builds, and
 * no page, feed item or template-filled attribute carries script, frames, forms, event handlers or
 * script URLs; text fields show the payload as text. (tests/browser/hostile.test.ts opens the pages.)
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import Parser from "rss-parser";
import { toString } from "hast-util-to-string";
import type { Element, Root } from "hast";
import { buildHostileSite, tagFor, type HostileSite } from "../fixtures/hostile/generate-site.js";
import { PAYLOADS } from "../fixtures/hostile/payloads.js";
import { findUnsafeMarkup, isDangerousUrl, parseFragment, schemeOf } from "../helpers/unsafe-html.js";
import { findAll, parseHtml } from "../helpers/html.js";
import { jsonFeedProblems } from "../helpers/json-feed-rules.js";
import { fixture, listFiles, NOW } from "../helpers/site.js";
import { makeSource } from "../helpers/factories.js";
import { parseFrontMatter } from "../../src/content/parse-front-matter.js";
import { validateArticle } from "../../src/content/validate-article.js";
import { resolveConfig } from "../../src/config/resolve-config.js";
import { parseYaml } from "../../src/content/yaml.js";
import type { BuildResult } from "../../src/build.js";
import type { ParsedSource } from "../../src/model.js";
import { cleanText } from "../../src/text/clean-text.js";

/** The policy every page carries (templates/base.hbs). */
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; font-src 'self'; connect-src 'self'; media-src 'self' https:; object-src 'none'; base-uri 'self'; form-action 'self'";

/** The search page's policy: the same, plus WebAssembly for Pagefind (docs/search.md). */
const SEARCH_CSP = EXPECTED_CSP.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';");

const SITE_SCRIPT = "/assets/relative-time.js";

/**
 * The theme's own search markup, which no content can produce (bodies lose forms, buttons and
 * scripts): the header's search form on every page but the search page, and on the search page its
 * form, its "Show more" button, the <noscript> notice and the module script. Each with every element inside.
 */
function ownSearchMarkup(page: string, body: Element): Set<Element> {
  const isSearchPage = page === "search/index.html";
  const roots = findAll(body as unknown as Root, (el) => {
    const cls = ((el.properties.className as string[] | undefined) ?? []).join(" ");
    if (el.tagName === "form")
      return el.properties.action === "/search/" && cls === (isSearchPage ? "search-form" : "site-search");
    if (!isSearchPage) return false;
    if (el.tagName === "noscript" || cls === "search__more") return true;
    return el.tagName === "script" && el.properties.type === "module" && el.properties.src === "/assets/search.js";
  });
  return new Set(roots.flatMap((r) => findAll(r as unknown as Root, () => true)));
}

let site: HostileSite;
let out: string;
let result: BuildResult;
let cleanup: () => Promise<void>;
let siteYaml: string;
let files: string[];
/** Every built page, parsed once. */
const trees = new Map<string, Root>();
const buildHits: unknown[] = [];

beforeAll(async () => {
  // Anything evaluated in this process during the build (a template, a YAML tag) would call this.
  (globalThis as { __xss?: unknown }).__xss = (n: unknown) => buildHits.push(n);
  try {
    ({ site, out, result, cleanup } = await buildHostileSite());
  } finally {
    delete (globalThis as { __xss?: unknown }).__xss;
  }
  files = await listFiles(out);
  siteYaml = await readFile(path.join(fixture("hostile"), "content/site.yaml"), "utf8");
  for (const f of files.filter((f) => f.endsWith(".html"))) trees.set(f, parseHtml(await read(f)));
});

afterAll(async () => {
  await cleanup?.();
});

const read = (p: string) => readFile(path.join(out, p), "utf8");
const tree = (p: string) => trees.get(p) ?? expect.unreachable(`no page ${p}`);
const classed = (tree: Root | Element, name: string) =>
  findAll(tree as Root, (el) => Array.isArray(el.properties.className) && el.properties.className.includes(name));
const text = (el: Element | undefined) => (el ? toString(el) : "");
// Text as it reaches a page: control characters and noncharacters removed (cleanText, as for feeds),
// then as an HTML parser keeps it: CR/CRLF become LF; NUL is dropped or becomes U+FFFD.
const asParsed = (s: string) =>
  cleanText(s)
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000\uFFFD]/g, "");
const squash = (s: string) => asParsed(s).normalize("NFC").trim().replace(/\s+/g, " ");

describe("the hostile corpus", () => {
  it("has at least 150 distinct payloads, each with a unique id and marker", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(PAYLOADS.map((p) => p.id)).size).toBe(PAYLOADS.length);
    expect(new Set(PAYLOADS.map((p) => p.text)).size).toBe(PAYLOADS.length);
  });

  it("places every payload in a body and in every text field that reaches a page, and URLs in URL fields", () => {
    for (const where of ["body", "title", "summary", "author", "tags", "source.name", "image.alt"] as const)
      expect(site.placements.get(where)?.size, where).toBe(PAYLOADS.length);
    expect(site.placements.get("body-url-wrappers")?.size).toBe(PAYLOADS.filter((p) => p.kind === "url").length);
    expect(site.placements.get("source.url")?.size).toBeGreaterThan(0);
    expect(site.placements.get("image.src")?.size).toBeGreaterThan(0);
  });

  it("builds, publishes an article for every payload and runs nothing while building", () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.isOk).toBe(true);
    expect(site.articles.flatMap((a) => a.payloads).length).toBe(PAYLOADS.length);
    for (const a of site.articles) expect(files).toContain(`articles/${a.slug}/index.html`);
    expect(files).toContain("articles/prototype-keys/index.html");
    // Markup in file names only ever becomes a slug.
    for (const slug of ["img-src-x-onerror-xss-990", "javascript-xss-991", "svg-onload-xss-992"])
      expect(files).toContain(`articles/${slug}/index.html`);
    expect(buildHits).toEqual([]);
    // `__proto__` and `constructor` keys in front-matter stay data.
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe("URL payloads in front-matter and site.yaml URL fields", () => {
  const urlPayloads = PAYLOADS.filter((p) => p.kind === "url");
  const validate = (fm: string) => {
    const parsed = parseFrontMatter(
      makeSource("content/articles/x.md", "x.md", `---\ntitle: T\ndate: 2026-01-01\n${fm}\n---\nBody.\n`),
    ) as ParsedSource;
    return validateArticle(parsed, "UTC");
  };
  const isHttpOrPath = (url: string) => [null, "http", "https"].includes(schemeOf(url));

  it.each(urlPayloads.map((p) => [p.id, p.text] as const))(
    "source.url %s is refused unless it is an http(s) URL",
    (_id, url) => {
      const article = validate(`source: { name: X, url: ${JSON.stringify(url)} }`);
      if (Array.isArray(article))
        expect(article).toEqual([expect.objectContaining({ code: "InvalidUrl", field: "source.url" })]);
      else expect(["http", "https"]).toContain(schemeOf(article.source!.url));
    },
  );

  it.each(urlPayloads.map((p) => [p.id, p.text] as const))(
    "image.src %s is refused unless it is an http(s) URL or a path",
    (_id, url) => {
      const article = validate(`image: { src: ${JSON.stringify(url)}, alt: A }`);
      if (Array.isArray(article))
        expect(article).toEqual([expect.objectContaining({ code: "InvalidField", field: "image.src" })]);
      else expect(isHttpOrPath(article.image!.src), article.image!.src).toBe(true);
    },
  );

  it.each(urlPayloads.map((p) => [p.id, p.text] as const))(
    "logo %s in site.yaml is refused unless it is an http(s) URL or a path",
    (_id, url) => {
      for (const yaml of [`logo: ${JSON.stringify(url)}`, `logo: { src: ${JSON.stringify(url)}, alt: A }`]) {
        const config = resolveConfig(yaml, {}, 0);
        if (Array.isArray(config))
          expect(config).toEqual([
            expect.objectContaining({ code: "InvalidConfig", field: expect.stringMatching(/^logo/) }),
          ]);
        else expect(isHttpOrPath(config.site.logo.src), config.site.logo.src).toBe(true);
      }
    },
  );

  it("refuses every payload whose scheme a browser would read as javascript:, vbscript: or data:", () => {
    const dangerous = urlPayloads.filter((p) => isDangerousUrl(p.text));
    expect(dangerous.length).toBeGreaterThan(15);
    for (const p of dangerous) {
      expect(Array.isArray(validate(`source: { name: X, url: ${JSON.stringify(p.text)} }`)), p.id).toBe(true);
      expect(Array.isArray(validate(`image: { src: ${JSON.stringify(p.text)}, alt: A }`)), p.id).toBe(true);
      expect(Array.isArray(resolveConfig(`logo: ${JSON.stringify(p.text)}`, {}, 0)), p.id).toBe(true);
    }
  });
});

describe("every built page of the hostile site", () => {
  const pages = () => [...trees.keys()];

  it("carries no script, style, frame, plugin, form, base or meta, no event handler and no script URL", async () => {
    expect(pages().length).toBeGreaterThan(site.articles.length + 50);
    const problems: string[] = [];
    for (const page of pages()) {
      const [head] = findAll(tree(page), (el) => el.tagName === "head");
      const [body] = findAll(tree(page), (el) => el.tagName === "body");
      const own = ownSearchMarkup(page, body!);
      for (const p of findUnsafeMarkup(body!, (el) => own.has(el))) problems.push(`${page}: ${p}`);
      for (const p of headProblems(head!)) problems.push(`${page}: head: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it("starts its head with the charset and then the Content-Security-Policy", async () => {
    for (const page of pages()) {
      const [head] = findAll(tree(page), (el) => el.tagName === "head");
      const [charset, csp] = head!.children.filter((c): c is Element => c.type === "element");
      expect(charset!.properties.charSet, page).toBe("utf-8");
      const policy = page === "search/index.html" ? SEARCH_CSP : EXPECTED_CSP;
      expect(csp!.properties, page).toEqual({ httpEquiv: ["Content-Security-Policy"], content: policy });
    }
  });

  it("shows every payload in an article's headline, standfirst, byline, source, picture and tags as text", async () => {
    const mismatches: string[] = [];
    const expectText = (where: string, actual: string, expected: string) => {
      if (squash(actual) !== squash(expected))
        mismatches.push(`${where}: ${JSON.stringify(squash(actual))} ≠ ${JSON.stringify(squash(expected))}`);
    };
    for (const a of site.articles) {
      const page = tree(`articles/${a.slug}/index.html`);
      const t = a.text;
      expectText(`${a.slug} h1`, text(findAll(page, (el) => el.tagName === "h1")[0]), t);
      expectText(`${a.slug} standfirst`, text(classed(page, "article__standfirst")[0]), t);
      expectText(`${a.slug} author`, text(classed(page, "article__author")[0]), `By ${t}`);
      expectText(
        `${a.slug} source`,
        text(findAll(classed(page, "source-box")[0] as unknown as Root, (el) => el.tagName === "strong")[0]),
        t,
      );
      const figure = findAll(classed(page, "article__figure")[0] as unknown as Root, (el) => el.tagName === "img")[0];
      expectText(`${a.slug} image alt`, String(figure?.properties.alt ?? ""), t);
      const tags = classed(page, "article__footer")[0];
      const tagNames = new Set(
        findAll(tags as unknown as Root, (el) => el.tagName === "a").map((el) => squash(text(el))),
      );
      for (const p of a.payloads)
        if (!tagNames.has(squash(tagFor(p))))
          mismatches.push(`${a.slug} tags: no tag ${JSON.stringify(squash(tagFor(p)))}`);
      const title = findAll(page, (el) => el.tagName === "title")[0];
      if (!squash(text(title)).startsWith(squash(t)))
        mismatches.push(`${a.slug} <title>: ${JSON.stringify(text(title))}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("carries JSON-LD that parses whole, only in the head, and holds every payload as text", () => {
    const problems: string[] = [];
    for (const page of pages()) {
      const blocks = findAll(
        tree(page),
        (el) => el.tagName === "script" && el.properties.type === "application/ld+json",
      );
      const [head] = findAll(tree(page), (el) => el.tagName === "head");
      const inHead = findAll(
        head as unknown as Root,
        (el) => el.tagName === "script" && el.properties.type === "application/ld+json",
      );
      if (page !== "404.html" && (blocks.length !== 1 || inHead.length !== 1))
        problems.push(`${page}: ${blocks.length} JSON-LD blocks, ${inHead.length} in the head`);
      for (const block of blocks) {
        // The element's text is all of it: a payload that closed the element early would leave broken JSON.
        const source = text(block);
        if (/[<>&\u2028\u2029]/.test(source)) problems.push(`${page}: JSON-LD has a raw <, >, & or line separator`);
        try {
          JSON.parse(source);
        } catch (cause) {
          problems.push(`${page}: JSON-LD does not parse: ${(cause as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);

    const mismatches: string[] = [];
    const same = (where: string, actual: unknown, expected: string) => {
      if (typeof actual !== "string" || squash(actual) !== squash(expected))
        mismatches.push(`${where}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(squash(expected))}`);
    };
    for (const a of site.articles) {
      const [block] = findAll(
        tree(`articles/${a.slug}/index.html`),
        (el) => el.properties.type === "application/ld+json",
      );
      const [article, crumbs] = JSON.parse(text(block))["@graph"];
      same(`${a.slug} headline`, article.headline, a.text);
      same(`${a.slug} description`, article.description, a.text);
      same(`${a.slug} author`, article.author?.name, a.text);
      same(`${a.slug} source`, article.isBasedOn?.publisher?.name, a.text);
      same(`${a.slug} crumb`, crumbs.itemListElement.at(-1).name, a.text);
      const keywords = new Set((article.keywords as string[]).map(squash));
      for (const p of a.payloads)
        if (!keywords.has(squash(tagFor(p)))) mismatches.push(`${a.slug} keywords: no ${JSON.stringify(tagFor(p))}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("shows the site settings' markup as text in the masthead and footer", () => {
    const settings = parseYaml(siteYaml).data as {
      title: string;
      description: string;
      email: string;
      copyright: string;
      about: string;
    };
    const home = tree("index.html");
    expect(squash(text(classed(home, "masthead__name")[0]))).toBe(squash(settings.title));
    expect(squash(text(classed(home, "masthead__tagline")[0]))).toBe(squash(settings.description));
    expect(
      squash(text(findAll(classed(home, "site-footer__about")[0] as unknown as Root, (el) => el.tagName === "p")[0])),
    ).toBe(squash(settings.about));
    expect(squash(text(classed(home, "site-footer__copyright")[0]))).toBe(
      squash(`Copyright © ${new Date(NOW).getUTCFullYear()} ${settings.copyright}. All rights reserved.`),
    );
    expect(findAll(home, (el) => el.tagName === "a" && el.properties.href === `mailto:${settings.email}`)).toHaveLength(
      1,
    );
    expect(squash(text(findAll(home, (el) => el.tagName === "title")[0]))).toBe(squash(settings.title));
  });

  it("links the original source only to http(s) URLs", async () => {
    for (const a of site.articles) {
      const link = findAll(
        tree(`articles/${a.slug}/index.html`),
        (el) =>
          el.tagName === "a" &&
          Array.isArray(el.properties.className) &&
          el.properties.className.includes("source-box__link"),
      )[0];
      expect(["http", "https"], a.slug).toContain(schemeOf(String(link?.properties.href)));
    }
  });
});

describe("the hostile site's feeds", () => {
  const feeds = () => files.filter((f) => f === "feed.xml" || /^tags\/[^/]+\/feed\.xml$/.test(f));
  const rss = new Parser();
  const xml = new XMLParser({ ignoreAttributes: false, cdataPropName: "#cdata" });

  it("are well-formed RSS whose items carry no script, frame, form, event handler or script URL in content:encoded", async () => {
    expect(feeds().length).toBeGreaterThan(PAYLOADS.length / 6);
    const problems: string[] = [];
    let items = 0;
    for (const feed of feeds()) {
      const source = await read(feed);
      expect(XMLValidator.validate(source), feed).toBe(true);
      expect(xml.parse(source).rss.channel, feed).toBeDefined();
      const parsed = await rss.parseString(source);
      for (const item of parsed.items) {
        items++;
        const html = (item as { "content:encoded"?: string })["content:encoded"];
        expect(html, `${feed} ${item.link}`).toEqual(expect.any(String));
        for (const p of findUnsafeMarkup(parseFragment(html!))) problems.push(`${feed} ${item.link}: ${p}`);
      }
    }
    expect(items).toBeGreaterThan(site.articles.length * 3);
    expect(problems).toEqual([]);
  });

  it("carries every payload in the main feed", async () => {
    const parsed = await rss.parseString(await read("feed.xml"));
    const links = new Set(parsed.items.map((i) => i.link));
    for (const a of site.articles) expect(links, a.slug).toContain(`https://hostile.example/articles/${a.slug}/`);
  });

  it("keeps titles, descriptions, categories and authors free of markup a reader would render", async () => {
    const problems: string[] = [];
    // Descriptions are HTML for feed readers: escaped text parses back to no elements at all.
    const markupIn = (where: string, html: string | undefined) => {
      const elements = findAll(parseFragment(html ?? ""), () => true);
      if (elements.length > 0) problems.push(`${where}: <${elements[0]!.tagName}> in ${JSON.stringify(html)}`);
    };
    for (const feed of feeds()) {
      const parsed = await rss.parseString(await read(feed));
      markupIn(`${feed} channel description`, parsed.description);
      for (const item of parsed.items)
        markupIn(`${feed} ${item.link} description`, (item as { description?: string }).description ?? item.content);
    }
    expect(problems).toEqual([]);
    // Titles are plain text (RSS 2.0): the payload comes back exactly as written.
    const byLink = new Map((await rss.parseString(await read("feed.xml"))).items.map((i) => [i.link, i]));
    for (const a of site.articles) {
      const item = byLink.get(`https://hostile.example/articles/${a.slug}/`);
      expect(squash(item?.title ?? ""), a.slug).toBe(squash(a.title));
    }
  });

  it("writes well-formed sitemaps", async () => {
    expect(XMLValidator.validate(await read("sitemap.xml"))).toBe(true);
    expect(XMLValidator.validate(await read("news-sitemap.xml"))).toBe(true);
  });

  it("writes JSON Feeds that follow the 1.1 rules, with no script, frame, form, event handler or script URL in content_html", async () => {
    const jsonFeeds = files.filter((f) => f === "feed.json" || /^tags\/[^/]+\/feed\.json$/.test(f));
    expect(jsonFeeds.length).toBe(feeds().length);
    const problems: string[] = [];
    let items = 0;
    for (const file of jsonFeeds) {
      const feed = JSON.parse(await read(file));
      problems.push(...jsonFeedProblems(feed).map((p) => `${file} ${p}`));
      for (const item of feed.items as { id: string; content_html: string }[]) {
        items++;
        for (const p of findUnsafeMarkup(parseFragment(item.content_html))) problems.push(`${file} ${item.id}: ${p}`);
      }
    }
    expect(items).toBeGreaterThan(site.articles.length * 3);
    expect(problems).toEqual([]);
    // Text fields are plain text in JSON Feed: the payload comes back as written.
    const byId = new Map(
      (JSON.parse(await read("feed.json")).items as { id: string; title: string }[]).map((i) => [i.id, i]),
    );
    for (const a of site.articles) {
      const item = byId.get(`https://hostile.example/articles/${a.slug}/`);
      expect(squash(item?.title ?? ""), a.slug).toBe(squash(a.title));
    }
  });
});

/** The head may hold only what base.hbs writes: charset, CSP, metadata, the site's links and its one script. */
function headProblems(head: Element): string[] {
  const problems: string[] = [];
  const allowedLinks = new Set(["canonical", "alternate", "stylesheet", "icon"]);
  for (const el of findAll(head as unknown as Root, () => true)) {
    if (el === head) continue;
    const props = el.properties;
    switch (el.tagName) {
      case "title":
        break;
      case "meta": {
        const keys = Object.keys(props).sort().join(",");
        const httpEquiv = String(props.httpEquiv ?? "");
        if (!["charSet", "content,name", "content,property", "content,httpEquiv"].includes(keys))
          problems.push(`<meta ${keys}>`);
        if (httpEquiv !== "" && httpEquiv !== "Content-Security-Policy")
          problems.push(`<meta http-equiv=${httpEquiv}>`);
        break;
      }
      case "link":
        if (!(props.rel as string[]).every((r) => allowedLinks.has(r)))
          problems.push(`<link rel=${String(props.rel)}>`);
        if (isDangerousUrl(String(props.href))) problems.push(`<link href=${String(props.href)}>`);
        break;
      case "script":
        // The one data block: JSON-LD, which no browser runs (checked to parse in its own test).
        if (props.type === "application/ld+json" && props.src === undefined) break;
        if (props.src !== SITE_SCRIPT || el.children.length > 0) problems.push(`<script src=${String(props.src)}>`);
        break;
      default:
        problems.push(`<${el.tagName}> in head`);
    }
    for (const name of Object.keys(props))
      if (/^on/i.test(name) || name === "style") problems.push(`<${el.tagName} ${name}>`);
  }
  return problems;
}
