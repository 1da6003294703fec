/** Every generated page is valid HTML under html-validate's recommended rules (.htmlvalidate.json). */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HtmlValidate, FileSystemConfigLoader } from "html-validate";
import { buildInto, fixture, listFiles, ROOT } from "../helpers/site.js";

const validator = new HtmlValidate(new FileSystemConfigLoader());

describe.each([
  ["the basic fixture site", path.join(fixture("basic"), "content")],
  ["the sample site", path.join(ROOT, "content")],
])("HTML of %s", (_name, content) => {
  it("validates on every page", async () => {
    const { out, result } = await buildInto(content);
    expect(result.isOk).toBe(true);
    const pages = (await listFiles(out)).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const page of pages) {
      // The config is looked up from the repository root, as for `npx html-validate`.
      const report = await validator.validateString(await readFile(path.join(out, page), "utf8"), path.join(ROOT, "page.html"));
      for (const r of report.results) for (const m of r.messages) problems.push(`${page}:${m.line}:${m.column} ${m.message} (${m.ruleId})`);
    }
    expect(problems).toEqual([]);
  });
});
