/** Redirect pages at old addresses, the _redirects file, and conflicts named at the alias. */
import { describe, expect, it } from "vitest";
import { HtmlValidate } from "html-validate";
import { buildSiteGraph } from "../../../src/graph/build-graph.js";
import { planRedirects, redirectPage, redirectsFile } from "../../../src/pages/plan-redirects.js";
import type { PlannedOutput } from "../../../src/output/writer.js";
import type { ResolvedConfig } from "../../../src/model.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";

const text = (o: PlannedOutput) => o.produce() as string;

function plan(config: ResolvedConfig, extra: Partial<Parameters<typeof planRedirects>[3]> = {}) {
  const articles = [
    makeArticle({ slug: "dam", title: "Dam <opens> & more", aliases: ["/2024/05/dam/", "/old-dam.html"] }),
    makeArticle({ slug: "grid", daysAgo: 2 }),
  ];
  const graph = buildSiteGraph(articles, [], config);
  const generated: PlannedOutput[] = ["articles/dam/index.html", "articles/grid/index.html", "tags/index.html"].map(
    (path) => ({ path, fingerprint: null, produce: () => "" }),
  );
  return planRedirects(graph, config, "code", {
    generated,
    publicFiles: [],
    bundleFiles: [],
    notes: new Map([
      [
        "content/articles/dam.md",
        {
          image: null,
          isBodyEmpty: false,
          aliases: [
            { path: "/2024/05/dam/", field: "aliases", line: 5, column: 5 },
            { path: "/old-dam.html", field: "aliases", line: 6, column: 5 },
          ],
        },
      ],
    ]),
    ...extra,
  });
}

describe("planRedirects", () => {
  it("writes a redirect page at each folder and file alias, and a sorted _redirects", () => {
    const planned = plan(makeConfig());
    expect(planned.diagnostics).toEqual([]);
    expect(planned.outputs.map((o) => o.path)).toEqual(["2024/05/dam/index.html", "old-dam.html", "_redirects"]);
    expect(text(planned.outputs[2]!)).toBe(
      "# Old addresses of articles (written by Broadsheet)\n/2024/05/dam/ /articles/dam/ 301\n/old-dam.html /articles/dam/ 301\n",
    );
  });

  it("makes a redirect page that refreshes at once, names the canonical, is noindex and shows a link", async () => {
    const html = text(plan(makeConfig()).outputs[0]!);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/articles/dam/">');
    expect(html).toContain('<link rel="canonical" href="https://test.example/articles/dam/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('This article has moved to <a href="/articles/dam/">Dam &#60;opens&#62; &#38; more</a>.');
    expect(html).not.toContain("<script");
    const report = await new HtmlValidate({ extends: ["html-validate:recommended"] }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it("puts the base path in the refresh, the link and _redirects", () => {
    const config = makeConfig({ basePath: "/news" }, { baseUrl: "https://test.example/news/" });
    const planned = plan(config);
    expect(text(planned.outputs[0]!)).toContain('content="0; url=/news/articles/dam/"');
    expect(text(planned.outputs[0]!)).toContain('href="https://test.example/news/articles/dam/"');
    expect(text(planned.outputs[2]!)).toContain("/news/old-dam.html /news/articles/dam/ 301");
  });

  it("keeps the site's own _redirects first and no longer copies it as a public file", () => {
    const theirs = { path: "_redirects", contents: "/shop/* https://shop.example/:splat 302" };
    const planned = plan(makeConfig(), { publicFiles: [theirs, { path: "robots.txt", contents: "" }] });
    expect(planned.publicFiles.map((f) => f.path)).toEqual(["robots.txt"]);
    expect(text(planned.outputs.at(-1)!)).toMatch(/^\/shop\/\* https:\/\/shop\.example\/:splat 302\n# Old addresses/);
  });

  it("is an OutputConflict at the alias's line when the alias is another page, naming both", () => {
    const config = makeConfig();
    const articles = [
      makeArticle({ slug: "dam", aliases: ["/articles/grid/", "/tags/"] }),
      makeArticle({ slug: "grid", daysAgo: 2 }),
    ];
    const planned = planRedirects(buildSiteGraph(articles, [], config), config, "code", {
      generated: ["articles/dam/index.html", "articles/grid/index.html", "tags/index.html"].map((path) => ({
        path,
        fingerprint: null,
        produce: () => "",
      })),
      publicFiles: [],
      bundleFiles: [],
      notes: new Map([
        [
          "content/articles/dam.md",
          {
            image: null,
            isBodyEmpty: false,
            aliases: [{ path: "/articles/grid/", field: "aliases", line: 7, column: 5 }],
          },
        ],
      ]),
    });
    expect(planned.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.field])).toEqual([
      ["OutputConflict", "error", "content/articles/dam.md", 7, "aliases"],
      ["OutputConflict", "error", "content/articles/dam.md", undefined, "aliases"],
    ]);
    expect(planned.diagnostics[0]?.message).toBe(
      'The old address "/articles/grid/" of content/articles/dam.md is also the page of content/articles/grid.md',
    );
    expect(planned.diagnostics[1]?.message).toContain('the generated page "/tags/index.html"');
    expect(planned.outputs).toEqual([]);
  });

  it("is an OutputConflict when two articles claim one old address, or a public/ file has it", () => {
    const config = makeConfig();
    const articles = [
      makeArticle({ slug: "a", aliases: ["/old/"] }),
      makeArticle({ slug: "b", daysAgo: 2, aliases: ["/OLD/", "/x.html"] }),
    ];
    const planned = planRedirects(buildSiteGraph(articles, [], config), config, "code", {
      generated: [],
      publicFiles: [{ path: "x.html", contents: "" }],
      bundleFiles: [],
      notes: new Map(),
    });
    expect(planned.diagnostics.map((d) => d.message)).toEqual([
      'The old address "/OLD/" of content/articles/b.md is also the old address "/old/" of content/articles/a.md',
      'The old address "/x.html" of content/articles/b.md is also public/x.html',
    ]);
  });

  it("gives every article an old address from the oldUrls pattern, from its file's path", () => {
    const config = makeConfig({}, { oldUrls: "/blog/:path/" });
    const graph = buildSiteGraph(
      [makeArticle({ slug: "v20-20-0", sourcePath: "content/articles/release/v20.20.0.md" })],
      [],
      config,
    );
    const planned = planRedirects(graph, config, "code", {
      generated: [],
      publicFiles: [],
      bundleFiles: [],
      notes: new Map(),
    });
    expect(planned.redirects.map((r) => r.from)).toEqual(["/blog/release/v20.20.0/"]);
  });
});

describe("redirectsFile", () => {
  it("ends the site's own rules with a newline before ours", () => {
    const a = makeArticle({ slug: "x" });
    expect(redirectsFile([{ from: "/é/", article: a }], "", "/a /b 301")).toBe(
      "/a /b 301\n# Old addresses of articles (written by Broadsheet)\n/%C3%A9/ /articles/x/ 301\n",
    );
  });

  it("is deterministic: the same page for the same article and config", () => {
    const r = { from: "/x/", article: makeArticle({ slug: "x" }) };
    expect(redirectPage(r, makeConfig())).toBe(redirectPage(r, makeConfig()));
  });
});
