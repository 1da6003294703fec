/** Golden Markdown cases: tests/golden/markdown/<case>.md → <case>.html (sanitized page HTML). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/markdown/render-markdown.js";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "markdown");
const cases = readdirSync(dir)
  .filter((f) => f.endsWith(".md"))
  .sort();

describe("markdown golden cases", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases)("%s renders to its golden HTML", async (name) => {
    const { html } = renderMarkdown(readFileSync(path.join(dir, name), "utf8"), {
      pageUrl: "https://golden.example/articles/case/",
      basePath: "",
    });
    await expect(html).toMatchFileSnapshot(path.join("markdown", name.replace(/\.md$/, ".html")));
  });
});
