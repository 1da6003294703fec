/** Bodies come out as valid HTML under the page's h1: headings shifted, raw-HTML attributes corrected. */
import { describe, expect, it } from "vitest";
import { renderMarkdown, type UrlContext } from "../../../src/markdown/render-markdown.js";

const AT_ROOT: UrlContext = { pageUrl: "https://site.example/articles/x/", basePath: "" };
const render = (markdown: string) => renderMarkdown(markdown, AT_ROOT);
/** The page HTML of a body, without the final newline. */
const body = (markdown: string) => render(markdown).html.trim();
/** The heading tags of some HTML, in order: "h2 h3 h2". */
const levels = (html: string) => [...html.matchAll(/<(h[1-6])\b/g)].map((m) => m[1]).join(" ");

describe("heading shift", () => {
  it.each([
    ["a body that starts at h3 (the Node.js blog's habit)", "### A\n\n#### B\n\n### C", "h2 h3 h2"],
    ["an h1 in the body", "# A\n\n## B\n\n### C\n\n# D", "h2 h3 h4 h2"],
    ["a body already at h2", "## A\n\n### B\n\n## C", "h2 h3 h2"],
    ["skipped levels, closed", "## A\n\n#### B\n\n###### C\n\n## D\n\n##### E", "h2 h3 h4 h2 h3"],
    ["a first heading deeper than the body's top level", "#### A\n\n## B\n\n#### C", "h2 h2 h3"],
    ["h6 under an h1, capped at h6", "# A\n\n## B\n\n### C\n\n#### D\n\n##### E\n\n###### F", "h2 h3 h4 h5 h6 h6"],
    ["a single h5", "##### Only", "h2"],
    ["no headings at all", "Just text.", ""],
  ])("%s", (_name, markdown, expected) => {
    expect(levels(render(markdown).html)).toBe(expected);
  });

  it("shifts raw-HTML headings with the Markdown ones, keeping their ids and text", () => {
    const { html, headings } = render('<h3 id="facts">Facts</h3>\n\n#### Detail\n\n<h5>Deep <em>inside</em></h5>\n');
    expect(html).toContain('<h2 id="user-content-facts">Facts</h2>');
    expect(html).toContain("<h3>Detail</h3>");
    expect(html).toContain("<h4>Deep <em>inside</em></h4>");
    expect(headings).toEqual([
      { depth: 2, text: "Facts" },
      { depth: 3, text: "Detail" },
      { depth: 4, text: "Deep inside" },
    ]);
  });

  it("keeps GFM's Footnotes heading at h2 and out of the body's levels", () => {
    const { html } = render("### Point\n\nText.[^1]\n\n[^1]: A note.\n");
    expect(levels(html)).toBe("h2 h2");
    expect(html).toContain('<h2 class="sr-only" id="user-content-footnote-label">Footnotes</h2>');
    expect(html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1"');
  });
});

describe("attributes from raw HTML", () => {
  const img = (attributes: string) => body(`<img src="/a.png" alt="a" ${attributes}>`);

  it.each([
    ['width="100px" height="50px"', 'width="100" height="50"'],
    ['width="100" height="0"', 'width="100" height="0"'],
    ['width=" 120.5 "', 'width="120"'],
    ['width="50%" height="auto"', ""],
    ['width="" height="-3"', ""],
    ['align="left" border="0" hspace="4" name="n" longdesc="/d" usemap="#m" ismap', ""],
  ])("img %s → %s", (attributes, expected) => {
    expect(img(attributes)).toBe(
      `<img src="/a.png" alt="a"${expected ? ` ${expected}` : ""} loading="lazy" decoding="async">`,
    );
  });

  it("corrects table cells: spans to integers, align to a class, obsolete attributes dropped", () => {
    const html = body(
      '<table width="100%" border="1" cellpadding="2" summary="s" align="center"><tr>' +
        '<th scope="COL" colspan="2px" abbr="A" valign="top" width="40">a</th>' +
        '<td align="right" colspan="0" rowspan="x" nowrap bgcolor="red" height="3">b</td>' +
        '<td align="justify" headers="h1">c</td></tr></table>',
    );
    expect(html).toBe(
      "<table><tbody><tr>" +
        '<th scope="col" colspan="2" abbr="A">a</th>' +
        '<td class="align-right">b</td>' +
        '<td headers="h1">c</td>' +
        "</tr></tbody></table>",
    );
  });

  it("keeps GFM column alignment as a class", () => {
    expect(render("| a | b |\n|:-:|--:|\n| 1 | 2 |").html).toContain('<td class="align-center">1</td>');
  });

  it("keeps valid list numbers and drops invalid ones", () => {
    expect(body('<ol start="3" type="a" compact><li value="7">x</li><li value="y">z</li></ol>')).toBe(
      '<ol start="3"><li value="7">x</li><li>z</li></ol>',
    );
    expect(body('<ul type="disc"><li value="2">x</li></ul>')).toBe("<ul><li>x</li></ul>");
  });

  it("drops form, image-map and other misplaced attributes the sanitizer allows on every element", () => {
    expect(
      body(
        '<p align="center" action="https://x.example/" method="post" name="n" color="red" size="3" span="2" label="l" rows="2">t</p>',
      ),
    ).toBe("<p>t</p>");
    expect(body('<hr noshade size="2" width="50%" align="left" color="red">')).toBe("<hr>");
    expect(body('<p>a<br clear="all">b</p>')).toBe("<p>a<br>b</p>");
  });

  it("keeps valid global attributes and checks enumerated values", () => {
    expect(body('<p dir="RTL" lang="ar" title="t" tabindex="0">x</p>')).toBe(
      '<p dir="rtl" lang="ar" title="t" tabindex="0">x</p>',
    );
    expect(body('<p dir="sideways" tabindex="first">x</p>')).toBe("<p>x</p>");
  });

  it("writes boolean attributes without a value", () => {
    expect(body('<details open="1"><summary>S</summary>body</details>')).toBe(
      "<details open><summary>S</summary>body</details>",
    );
  });

  it("gives a details its summary first, or the browser's own “Details”", () => {
    expect(body("<details>body</details>")).toBe("<details><summary>Details</summary>body</details>");
    expect(body("<details><p>body</p><summary>Late</summary></details>")).toBe(
      "<details><summary>Late</summary><p>body</p></details>",
    );
  });

  it("makes ids valid and unique, and links to a renamed id follow it", () => {
    const html = body(
      '<p id="a.b c">x</p><p id="dup">1</p><p id="dup">2</p><p><a href="#user-content-a.b c">to</a></p>',
    );
    expect(html).toBe(
      '<p id="user-content-a-b-c">x</p><p id="user-content-dup">1</p><p>2</p><p><a href="#user-content-a-b-c">to</a></p>',
    );
  });

  it("points links to raw-HTML ids at the ids' prefixed names", () => {
    expect(body('<h2 id="facts">Facts</h2>\n\n<p><a href="#facts">up</a> <a href="#elsewhere">away</a></p>')).toBe(
      '<h2 id="user-content-facts">Facts</h2>\n<p><a href="#user-content-facts">up</a> <a href="#elsewhere">away</a></p>',
    );
  });

  it("gives header cells outside thead a scope: a row of headers heads columns, a leading header its row", () => {
    expect(body("<table><tr><th>Region</th><th>Count</th></tr><tr><th>North</th><td>3</td></tr></table>")).toBe(
      '<table><tbody><tr><th scope="col">Region</th><th scope="col">Count</th></tr>' +
        '<tr><th scope="row">North</th><td>3</td></tr></tbody></table>',
    );
    expect(body('<table><tr><th scope="sideways">a</th><td>1</td></tr></table>')).toBe(
      '<table><tbody><tr><th scope="row">a</th><td>1</td></tr></tbody></table>',
    );
    expect(render("| a |\n|---|\n| 1 |").html).toContain("<th>a</th>");
  });

  it("corrects raw HTML inside pre too, but keeps its text as it is", () => {
    expect(body('<pre><span align="left" id="x y">a  \nb</span></pre>')).toBe(
      '<pre><span id="user-content-x-y">a  \nb</span></pre>',
    );
  });

  it("replaces the obsolete strike and tt with s and code", () => {
    expect(body("<p><strike>old</strike> <tt>mono</tt></p>")).toBe("<p><s>old</s> <code>mono</code></p>");
  });

  it("removes spaces at the ends of lines outside pre, and keeps them in code blocks", () => {
    const { html } = render('<div>\n  <img src="/a.png" alt="a">  \n  Caption  \n</div>\n\n```\nkeep  \n```\n');
    expect(html.split("<pre")[0]).toBe(
      '<div>\n  <img src="/a.png" alt="a" loading="lazy" decoding="async">\n  Caption\n</div>\n',
    );
    expect(html).toContain("keep  \n");
    expect(render("<!-- a comment -->\n\n<div>x</div>").html).toBe("<div>x</div>\n");
    // An unwrapped element leaves two texts side by side: "\n  " and "\n  Caption".
    expect(body('<figure>\n  <img src="/a.png" alt="a">\n  <figcaption>\n  Caption</figcaption>\n</figure>')).toBe(
      '<img src="/a.png" alt="a" loading="lazy" decoding="async">\n\n  Caption',
    );
  });
});
