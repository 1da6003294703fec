/**
 * Real-world content: a deterministic tenth of the Node.js project's blog (../shared/corpora/nodejs-blog,
 * MIT) builds without errors and without editing a file. The whole blog is built by hand (README).
 */
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileSystemConfigLoader, HtmlValidate } from "html-validate";
import { buildInto, listFiles, ROOT } from "../helpers/site.js";

const BLOG = path.join(ROOT, "../shared/corpora/nodejs-blog/articles");
const hasBlog = existsSync(BLOG);
// The blog lives outside the repository (a clone has no ../shared): say so rather than pass silently.
if (!hasBlog)
  console.warn(
    `Skipping the Node.js blog test: ${BLOG} is missing (a copy of the Node.js blog posts kept beside the repository, not part of a clone).`,
  );

describe.skipIf(!hasBlog)("the Node.js blog", () => {
  it("builds every tenth post (all folders, the section index.md) with no errors", async () => {
    const content = path.join(await mkdtemp(path.join(tmpdir(), "nodejs-blog-")), "content");
    const all = (await readdir(BLOG, { recursive: true }))
      .map((f) => f.split(path.sep).join("/"))
      .filter((f) => f.endsWith(".md"))
      .sort();
    const picked = all.filter((f, i) => i % 10 === 0 || f === "index.md");
    for (const rel of picked) {
      await mkdir(path.dirname(path.join(content, "articles", rel)), { recursive: true });
      await cp(path.join(BLOG, rel), path.join(content, "articles", rel));
    }
    const { out, result } = await buildInto(content);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.isOk).toBe(true);
    const articles = picked.filter((f) => f !== "index.md").length;
    expect(result.stats.articles).toBe(articles);
    // `category: release` became a tag with its own page and feed.
    const files = await listFiles(out);
    expect(files).toContain("tags/release/index.html");
    expect(files).toContain("tags/release/feed.xml");
    // Warnings are only what a reader would notice: old links, pictures, missing alt text.
    for (const d of result.diagnostics) expect(["BrokenLink", "MissingAlt", "Shortcode"]).toContain(d.code);
    const home = await readFile(path.join(out, "index.html"), "utf8");
    expect(home).toContain('<article class="card"');
    // Valid HTML on every page, headings included: posts start at ### or repeat the title as # (docs/markup.md).
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const problems: string[] = [];
    for (const page of files.filter((f) => f.endsWith(".html"))) {
      const report = await validator.validateString(
        await readFile(path.join(out, page), "utf8"),
        path.join(ROOT, "page.html"),
      );
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${page}:${m.line} ${m.message} (${m.ruleId})`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("keeps the old /blog/<category>/<file>/ addresses working with `oldUrls: /blog/:path/`", async () => {
    const content = path.join(await mkdtemp(path.join(tmpdir(), "nodejs-blog-old-")), "content");
    for (const rel of ["release/v20.20.0.md", "vulnerability/june-2023-security-releases.md"]) {
      if (!existsSync(path.join(BLOG, rel))) continue;
      await mkdir(path.dirname(path.join(content, "articles", rel)), { recursive: true });
      await cp(path.join(BLOG, rel), path.join(content, "articles", rel));
    }
    await writeFile(path.join(content, "site.yaml"), "title: Node.js Blog\noldUrls: /blog/:path/\n");
    const { out, result } = await buildInto(content);
    expect(result.isOk).toBe(true);
    const page = await readFile(path.join(out, "blog/release/v20.20.0/index.html"), "utf8");
    expect(page).toContain('<meta http-equiv="refresh" content="0; url=/articles/v20-20-0/">');
    expect(await readFile(path.join(out, "_redirects"), "utf8")).toContain(
      "/blog/release/v20.20.0/ /articles/v20-20-0/ 301",
    );
  });
});
