/**
 * Limits: big articles, many tags, long titles, names and slugs, deep folders — each builds or
 * fails with a precise message, never with a crash or a file-system error. (Figures for the
 * largest cases, too slow for every test run, are in the README's "Limits".)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { buildInto } from "../helpers/site.js";
import { MAX_SOURCE_BYTES } from "../../src/content/read-sources.js";

/** A content folder with the given article files (relative path → text). */
async function site(files: Record<string, string>): Promise<string> {
  const content = path.join(await mkdtemp(path.join(tmpdir(), "limits-")), "content");
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(content, "articles", rel)), { recursive: true });
    writeFileSync(path.join(content, "articles", rel), text);
  }
  return content;
}

const article = (title: string, extra = "", body = "Body.\n") =>
  `---\ntitle: ${JSON.stringify(title)}\ndate: 2026-11-01T10:00:00Z\n${extra}---\n${body}`;

describe("limits", () => {
  // Remark's parser slows down superlinearly with size (1 MB: ~5 s, 5.4 MB: 33 s here), so the
  // test run builds half a megabyte; the multi-megabyte figures are measured by hand (README).
  it("builds a 500 KB article whole", async () => {
    const body = `${"A paragraph with **bold** text and [a link](https://x.example/).\n\n".repeat(7_800)}THE-END\n`;
    expect(body.length).toBeGreaterThan(500_000);
    const { out, result } = await buildInto(await site({ "big.md": article("Big", "", body) }));
    expect(result.isOk).toBe(true);
    expect(await readFile(path.join(out, "articles/big/index.html"), "utf8")).toContain("THE-END");
  });

  it("refuses a file over the size limit with its size, and still reports other files' problems", async () => {
    const huge = article("Huge", "", "x".repeat(MAX_SOURCE_BYTES + 10));
    const { result } = await buildInto(await site({ "huge.md": huge, "bad.md": "---\ntitle: Bad\n---\nNo date.\n" }));
    expect(result.isOk).toBe(false);
    const codes = result.diagnostics.map((d) => `${d.code} ${path.basename(d.file ?? "")}`).sort();
    expect(codes).toEqual(["FileTooLarge huge.md", "MissingField bad.md"]);
    expect(result.diagnostics.find((d) => d.code === "FileTooLarge")!.message).toBe(
      "File is 5.0 MB; Broadsheet renders articles and pages up to 5.0 MB",
    );
  });

  it("builds 3,000 distinct tags, each with its page and feed", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++)
      files[`a${i}.md`] = article(
        `Article ${i}`,
        `tags: [${Array.from({ length: 100 }, (_, j) => `topic ${i}-${j}`).join(", ")}]\n`,
      );
    const { out, result } = await buildInto(await site(files));
    expect(result.isOk).toBe(true);
    const tagDirs = (await readdir(path.join(out, "tags"))).filter((n) => n !== "index.html");
    expect(tagDirs).toHaveLength(3000);
    expect(await readFile(path.join(out, "tags", "topic-7-42", "feed.xml"), "utf8")).toContain("Article 7");
  });

  it("refuses an article with more tags than the limit, at its tags line", async () => {
    // 5,000 tags still fit the 64 KB front-matter limit; the tag limit is what refuses them.
    const tags = Array.from({ length: 5_000 }, (_, j) => `tag${j}`).join(", ");
    const { result } = await buildInto(await site({ "x.md": article("X", `tags: [${tags}]\n`) }));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "InvalidField",
        line: 4,
        field: "tags",
        message: "An article may have at most 100 tags; this one has 5,000",
      }),
    ]);
  });

  it("builds a 50,000-character title and a 10,000-character tag; the feed still parses", async () => {
    // As long as the 64 KB front-matter limit allows.
    const title = "Headline ".repeat(5_556).trim();
    const { out, result } = await buildInto(
      await site({ "t.md": article(title, `tags: ["${"long ".repeat(2000).trim()}"]\n`) }),
    );
    expect(result.isOk).toBe(true);
    const feed = new XMLParser().parse(await readFile(path.join(out, "feed.xml"), "utf8"));
    expect(feed.rss.channel.item.title).toBe(title);
    const tagDir = (await readdir(path.join(out, "tags"))).find((n) => n !== "index.html")!;
    expect(Buffer.byteLength(tagDir)).toBeLessThanOrEqual(255);
  });

  it("keeps tag folders under the 255-byte file-name limit for 4-byte letters", async () => {
    const { out, result } = await buildInto(
      await site({ "x.md": article("X", `tags: ["${"𠀀".repeat(200)}", "${"語".repeat(200)}"]\n`) }),
    );
    expect(result.diagnostics).toEqual([]);
    for (const dir of await readdir(path.join(out, "tags"))) expect(Buffer.byteLength(dir)).toBeLessThanOrEqual(255);
  });

  it("builds a 240-character file name (slug cut to 120) and an article 150 folders deep", async () => {
    const deep = Array.from({ length: 150 }, (_, i) => `d${i}`).join("/");
    const { out, result } = await buildInto(
      await site({ [`${"n".repeat(240)}.md`]: article("Long name"), [`${deep}/deep-story.md`]: article("Deep") }),
    );
    expect(result.diagnostics).toEqual([]);
    const articles = (await readdir(path.join(out, "articles"))).sort();
    expect(articles).toEqual(["deep-story", "n".repeat(120)]);
  });

  it("refuses a slug over 120 characters with the rule", async () => {
    const { result } = await buildInto(await site({ "s.md": article("S", `slug: ${"a".repeat(121)}\n`) }));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "InvalidSlug",
        line: 4,
        message: expect.stringContaining("at most 120 characters"),
      }),
    ]);
  });
});
