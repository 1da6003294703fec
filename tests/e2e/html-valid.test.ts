/** Every generated page is valid HTML (html-validate, .htmlvalidate.json) and every internal link resolves. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HtmlValidate, FileSystemConfigLoader } from "html-validate";
import { buildInto, fixture, listFiles, ROOT } from "../helpers/site.js";
import { linksOf } from "../helpers/html.js";

const validator = new HtmlValidate(new FileSystemConfigLoader());

describe.each([
  ["the basic fixture site", path.join(fixture("basic"), "content")],
  ["the sample site", path.join(ROOT, "content")],
])("HTML of %s", (_name, content) => {
  it("validates on every page and has no broken internal links", async () => {
    const { out, result } = await buildInto(content);
    expect(result.isOk).toBe(true);
    const pages = (await listFiles(out)).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const page of pages) {
      // The config is looked up from the repository root, as for `npx html-validate`.
      const report = await validator.validateString(
        await readFile(path.join(out, page), "utf8"),
        path.join(ROOT, "page.html"),
      );
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${page}:${m.line}:${m.column} ${m.message} (${m.ruleId})`);
    }
    expect(problems).toEqual([]);

    const origin = result.config!.site.baseUrl;
    const files = new Set(await listFiles(out));
    const broken: string[] = [];
    for (const page of pages) {
      const base = new URL(page.replace(/index\.html$/, ""), origin);
      for (const link of linksOf(await readFile(path.join(out, page), "utf8"))) {
        const target = new URL(link, base);
        if (target.origin !== new URL(origin).origin) continue;
        let rel = decodeURIComponent(target.pathname).replace(/^\//, "");
        if (rel === "" || rel.endsWith("/")) rel += "index.html";
        if (!files.has(rel)) broken.push(`${page} → ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
