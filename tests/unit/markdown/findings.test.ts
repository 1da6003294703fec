/** What a rendered body reports besides its HTML: site links, images without alt, template tags. */
import { describe, expect, it } from "vitest";
import { renderMarkdown, type UrlContext } from "../../../src/markdown/render-markdown.js";

const AT_ROOT: UrlContext = { pageUrl: "https://site.example/articles/grid-data/", basePath: "" };
const UNDER_NEWS: UrlContext = { pageUrl: "https://site.example/news/articles/grid-data/", basePath: "/news" };

describe("findings: links into the site", () => {
  it("reports relative, root-relative and same-site absolute links and images as site paths with their line", () => {
    const md = [
      "Intro [a](/articles/a/) and [b](../b/)",
      "",
      "![Map](map.png)",
      "",
      "[c](https://site.example/tags/energy/) [out](https://other.example/x) [top](#top) [mail](mailto:x@y.z)",
      "",
      "[ref]: /about/",
    ].join("\n");
    const { findings } = renderMarkdown(md, AT_ROOT);
    expect(findings.filter((f) => f.kind === "link")).toEqual([
      { kind: "link", sitePath: "/articles/a/", isImage: false, line: 1, column: 7 },
      { kind: "link", sitePath: "/articles/b/", isImage: false, line: 1, column: 29 },
      { kind: "link", sitePath: "/articles/grid-data/map.png", isImage: true, line: 3, column: 1 },
      { kind: "link", sitePath: "/tags/energy/", isImage: false, line: 5, column: 1 },
      { kind: "link", sitePath: "/about/", isImage: false, line: 7, column: 1 },
    ]);
  });

  it("strips the base path, and reads a root path as the HTML names it: under the base path", () => {
    // The HTML links /elsewhere/ as /news/elsewhere/ (prefixBasePath), so that is the page checked.
    const { findings } = renderMarkdown("[a](/news/articles/a/) [b](/elsewhere/) [c](caf%C3%A9/)", UNDER_NEWS);
    expect(findings.map((f) => f.kind === "link" && f.sitePath)).toEqual([
      "/articles/a/",
      "/elsewhere/",
      "/articles/grid-data/café/",
    ]);
  });
});

describe("findings: images without alt text", () => {
  it("reports Markdown and raw HTML images without alt, not those with it", () => {
    const md = ["![](a.png)", "", "![A dam](b.png)", "", '<img src="c.png">', "", '<img src="d.png" alt="D">'].join(
      "\n",
    );
    expect(renderMarkdown(md, AT_ROOT).findings.filter((f) => f.kind === "missing-alt")).toEqual([
      { kind: "missing-alt", line: 1, column: 1 },
      { kind: "missing-alt", line: 5, column: 1 },
    ]);
  });
});

describe("findings: shortcodes and Liquid tags", () => {
  it("reports the first tag outside code with the count, and ignores tags in code", () => {
    const md = [
      "Text",
      "",
      "```",
      "{{< not-this >}}",
      "```",
      "",
      "See `{% raw %}` and {{< youtube abc >}} then {% include note.html %} and {{ site.title }}.",
    ].join("\n");
    const { findings } = renderMarkdown(md, AT_ROOT);
    expect(findings.filter((f) => f.kind === "shortcode")).toEqual([
      { kind: "shortcode", text: "{{< youtube abc >}}", count: 3, line: 7, column: 21 },
    ]);
  });

  it("keeps a Hugo shortcode visible as text instead of letting it become HTML", () => {
    const { html, findings } = renderMarkdown('Before {{< figure src="dam.jpg" title="Dam" >}} after', AT_ROOT);
    expect(html).toBe('<p>Before {{&#x3C; figure src="dam.jpg" title="Dam" >}} after</p>\n');
    expect(findings).toHaveLength(1);
  });

  it("reports nothing for ordinary text", () => {
    expect(renderMarkdown("Braces { like } these and 100% sure.", AT_ROOT).findings).toEqual([]);
  });
});
