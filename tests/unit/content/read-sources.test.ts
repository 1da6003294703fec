import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSources } from "../../../src/content/read-sources.js";
import { hashOf } from "../../../src/cache/hash.js";

async function contentDir(files: Record<string, string | Buffer>) {
  const dir = await mkdtemp(path.join(tmpdir(), "sources-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe("readSources", () => {
  it("lists articles recursively in sorted order, skipping _ and . names and a top-level index.md", async () => {
    const dir = await contentDir({
      "articles/b.md": "b",
      "articles/a/z.md": "z",
      "articles/_draft.md": "x",
      "articles/.hidden.md": "x",
      "articles/index.md": "section",
      "articles/sub/index.md": "bundle",
      "pages/about.md": "about",
    });
    const sources = await readSources(dir);
    expect(sources.articles.map((f) => f.relPath)).toEqual(["a/z.md", "b.md", "sub/index.md"]);
    expect(sources.pages.map((f) => f.relPath)).toEqual(["about.md"]);
    expect(sources.articles[1]).toMatchObject({ text: "b", hash: hashOf("b") });
  });

  it("reports a file that is not UTF-8 by name and goes on with the others", async () => {
    const dir = await contentDir({
      "articles/ok.md": "fine",
      "articles/latin1.md": Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    });
    const sources = await readSources(dir);
    expect(sources.articles.map((f) => f.relPath)).toEqual(["ok.md"]);
    expect(sources.diagnostics).toEqual([
      expect.objectContaining({ code: "InvalidEncoding", file: expect.stringMatching(/latin1\.md$/) }),
    ]);
  });

  it("reuses the hash of a file whose size and times are unchanged, and re-reads one that was edited", async () => {
    const dir = await contentDir({ "articles/same.md": "same text", "articles/edited.md": "version 1" });
    const first = await readSources(dir);
    const sameKey = [...first.stamps.keys()].find((k) => k.endsWith("same.md"))!;
    // A stamp that claims another hash shows whether the file was read again.
    const known = new Map(first.stamps);
    known.set(sameKey, { ...known.get(sameKey)!, hash: "remembered" });
    await new Promise((r) => setTimeout(r, 10));
    writeFileSync(path.join(dir, "articles/edited.md"), "version 2");
    const second = await readSources(dir, known);
    const byName = new Map(second.articles.map((f) => [f.relPath, f]));
    expect(byName.get("same.md")!.hash).toBe("remembered");
    expect(byName.get("same.md")!.text).toBe("same text");
    expect(byName.get("edited.md")).toMatchObject({ text: "version 2", hash: hashOf("version 2") });
  });
});
