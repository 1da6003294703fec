/**
 * Imported content stays valid HTML: sites written for the Node.js blog (Jekyll-style, headings from
 * `###` or `#`), Hugo (TOML) and old raw HTML (`width="100px"`, `align`, `<center>`) build into pages
 * that html-validate accepts with the `heading-level` rule on (.htmlvalidate.json).
 * tests/fixtures/sites/markup/content/articles/vulnerability/ is a post of the Node.js blog (MIT,
 * Node.js Website WG contributors) as published; community/domain-postmortem.md is an excerpt.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FileSystemConfigLoader, HtmlValidate } from "html-validate";
import { buildInto, fixture, listFiles, ROOT } from "../helpers/site.js";

const validator = new HtmlValidate(new FileSystemConfigLoader());
const CONFIG_AT = path.join(ROOT, "page.html");

/** Every html-validate message on every page of a built site, as "page:line message (rule)". */
async function problemsIn(out: string): Promise<string[]> {
  const problems: string[] = [];
  for (const page of (await listFiles(out)).filter((f) => f.endsWith(".html"))) {
    const report = await validator.validateString(await readFile(path.join(out, page), "utf8"), CONFIG_AT);
    for (const r of report.results)
      for (const m of r.messages) problems.push(`${page}:${m.line} ${m.message} (${m.ruleId})`);
  }
  return problems;
}

const headingsOf = (html: string) => [...html.matchAll(/<(h[1-6])\b[^>]*>/g)].map((m) => m[1]);

describe("the validator used here", () => {
  it("rejects what imported bodies looked like before: an h3 after the h1, a second h1, width=100px", async () => {
    const page = (body: string) =>
      `<!DOCTYPE html>\n<html lang="en"><head><title>t</title></head><body><main><h1>T</h1>\n${body}\n</main></body></html>\n`;
    const rules = async (body: string) =>
      (await validator.validateString(page(body), CONFIG_AT)).results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(await rules("<h3>Summary</h3>")).toEqual(["heading-level"]);
    expect(await rules("<h1>Again</h1>")).toEqual(["heading-level"]);
    expect(await rules('<img src="a.png" alt="a" width="100px">')).toEqual(["attribute-allowed-values"]);
    expect(await rules("<h2>Summary</h2><h3>Detail</h3>")).toEqual([]);
  });
});

describe.each(["markup", "hugo", "jekyll"])("the imported fixture site %s", (name) => {
  let out: string;
  beforeAll(async () => {
    const built = await buildInto(path.join(fixture(name), "content"));
    expect(built.result.isOk).toBe(true);
    out = built.out;
  });

  it("is valid HTML on every page, headings included", async () => {
    expect((await listFiles(out)).filter((f) => f.endsWith(".html")).length).toBeGreaterThan(5);
    expect(await problemsIn(out)).toEqual([]);
  });
});

describe("bodies of the markup fixture", () => {
  let out: string;
  beforeAll(async () => {
    out = (await buildInto(path.join(fixture("markup"), "content"))).out;
  });
  const read = (file: string) => readFile(path.join(out, file), "utf8");

  it("start at h2 under the headline when the post starts at ###", async () => {
    const html = await read("articles/september-2019-openssl-no-updates/index.html");
    const body = html.slice(html.indexOf('class="article__headline"'), html.indexOf('class="article__footer"'));
    expect(headingsOf(body)).toEqual(["h2", "h2", "h2", "h2"]);
    expect(body).toContain("<h2>Summary</h2>");
  });

  it("turn an h1 in the body into h2, and close skipped levels", async () => {
    const html = await read("articles/domain-postmortem/index.html");
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(html).toContain("<h2>Domain Module Postmortem</h2>");
    expect(html).toContain("<h4>Implicit Behavior</h4>");
    expect(html).toContain("<h5>Propagation</h5>");
    expect(html).toContain('width="200"');
  });

  it("correct raw-HTML attributes: width=100px becomes 100, percentages and obsolete ones go", async () => {
    const html = await read("articles/grid-wire/index.html");
    expect(html).toMatch(/<img src="https:\/\/wire\.example\/map\.png" alt="The outage map" width="100" loading/);
    expect(html).toContain('<th class="align-left" scope="col">Region</th><th colspan="2" scope="col">Outages</th>');
    expect(html).toContain('<td class="align-center">North</td>');
    expect(html).not.toMatch(/<(center|font|strike|tt)\b|align="|width="(100%|30%)"|cellpadding|nowrap|clear=/);
    expect(html).toContain("<details><summary>Details</summary>The <s>old</s> map is <code>archived</code>.</details>");
    expect(html).toContain('<h2 id="user-content-contact-us">Contact</h2>');
    expect(html).toContain('<a href="#user-content-contact-us">desk</a>');
  });

  it("shift headings on static pages too", async () => {
    const html = await read("about/index.html");
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(html).toContain("<h2>Who we are</h2>");
    expect(html).toContain("<h3>How to reach us</h3>");
  });
});
