import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../../src/content/parse-front-matter.js";
import type { Diagnostic } from "../../../src/errors.js";
import type { ParsedSource, SourceFile } from "../../../src/model.js";
import { makeSource as sourceOf } from "../../helpers/factories.js";

function makeSource(text: string, relPath = "story.md"): SourceFile {
  return sourceOf(`content/articles/${relPath}`, relPath, text);
}

function parseOk(text: string): ParsedSource {
  const result = parseFrontMatter(makeSource(text));
  if (Array.isArray(result)) throw new Error(`expected a parsed source, got ${JSON.stringify(result)}`);
  return result;
}

function parseFailing(text: string): Diagnostic[] {
  const result = parseFrontMatter(makeSource(text));
  if (!Array.isArray(result)) throw new Error(`expected diagnostics, got data ${JSON.stringify(result.data)}`);
  return result;
}

describe("parseFrontMatter", () => {
  it("splits front-matter data from the body", () => {
    const parsed = parseOk("---\ntitle: Grid data\ntags: [energy, policy]\n---\nFirst paragraph.\n");
    expect(parsed.data).toEqual({ title: "Grid data", tags: ["energy", "policy"] });
    expect(parsed.body).toBe("First paragraph.\n");
  });

  it("keeps dates as text so they can be read in the site's time zone later", () => {
    const parsed = parseOk("---\ndate: 2024-05-01\nenhanced: 2024-05-01 10:00:00 -0700\n---\nBody\n");
    expect(parsed.data).toEqual({ date: "2024-05-01", enhanced: "2024-05-01 10:00:00 -0700" });
  });

  it.each([
    { name: "a plain file", text: "---\ntitle: A\n---\nBody\n", bodyLine: 4 },
    { name: "three front-matter lines", text: "---\ntitle: A\ndate: 2024-05-01\nsummary: S\n---\nBody\n", bodyLine: 6 },
    { name: "two blank lines before the opening fence", text: "\n\n---\ntitle: A\n---\nBody\n", bodyLine: 6 },
    { name: "whitespace-only lines before the opening fence", text: "  \n\t\n---\ntitle: A\n---\nBody\n", bodyLine: 6 },
    { name: "a byte-order mark", text: "\uFEFF---\ntitle: A\n---\nBody\n", bodyLine: 4 },
    { name: "CRLF line endings", text: "---\r\ntitle: A\r\ntags:\r\n  - a\r\n---\r\nBody\r\n", bodyLine: 6 },
    { name: "a BOM, CRLF and a blank line together", text: "\uFEFF\r\n---\r\ntitle: A\r\n---\r\nBody\r\n", bodyLine: 5 },
    { name: "empty front-matter", text: "---\n---\nBody\n", bodyLine: 3 },
    { name: "no front-matter", text: "Body only\nsecond line\n", bodyLine: 1 },
  ])("reports the body's first line in the file for $name", ({ text, bodyLine }) => {
    const parsed = parseOk(text);
    expect(parsed.bodyLine).toBe(bodyLine);
    // The line the body starts on must really hold the body's first line.
    const fileLines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(fileLines[parsed.bodyLine - 1]).toBe(parsed.body.split("\n")[0]);
  });

  it("normalises CRLF line endings in the body", () => {
    const parsed = parseOk("---\r\ntitle: A\r\n---\r\nLine one\r\nLine two\r\n");
    expect(parsed.body).toBe("Line one\nLine two\n");
    expect(parsed.data).toEqual({ title: "A" });
  });

  it("reads front-matter behind a byte-order mark", () => {
    expect(parseOk("\uFEFF---\ntitle: With BOM\n---\nBody\n").data).toEqual({ title: "With BOM" });
  });

  it("treats a file without front-matter as all body with empty data", () => {
    const parsed = parseOk("Just a body\n\nwith two paragraphs.\n");
    expect(parsed.data).toEqual({});
    expect(parsed.body).toBe("Just a body\n\nwith two paragraphs.\n");
    expect(parsed.locate(["title"])).toBeUndefined();
  });

  it.each([
    { name: "empty", text: "---\n---\nBody\n" },
    { name: "blank", text: "---\n\n---\nBody\n" },
    { name: "comment-only", text: "---\n# nothing here yet\n---\nBody\n" },
  ])("reads $name front-matter as no fields", ({ text }) => {
    const parsed = parseOk(text);
    expect(parsed.data).toEqual({});
    expect(parsed.body).toBe("Body\n");
  });

  it("locates a key at its line and column in the file", () => {
    const parsed = parseOk("---\ntitle: A\nsummary: S\ntags:\n  - one\n  - two\n---\nBody\n");
    expect(parsed.locate(["summary"])).toEqual({ line: 3, column: 1 });
    expect(parsed.locate(["tags", 1])).toEqual({ line: 6, column: 5 });
  });

  it("shifts located lines past leading blank lines and a BOM", () => {
    const parsed = parseOk("\uFEFF\n\n---\ntitle: A\nslug: x\n---\nBody\n");
    expect(parsed.locate(["slug"])).toEqual({ line: 5, column: 1 });
  });

  it("locates keys inside a flow mapping at their own column", () => {
    const parsed = parseOk('---\ntitle: A\nsource: { name: X, url: "https://x.example/" }\n---\nBody\n');
    expect(parsed.locate(["source", "url"])).toEqual({ line: 3, column: 20 });
  });

  describe("YAML syntax errors", () => {
    it.each([
      { name: "an unquoted colon in a value", text: "---\ntitle: A\nsummary: Grid operators: a new format\n---\nBody\n", line: 3, column: 10 },
      { name: "an unterminated quote", text: '---\ntitle: "unterminated\n---\nBody\n', line: 2, column: 21 },
      { name: "a duplicated key", text: "---\ntitle: A\ntitle: B\n---\nBody\n", line: 3, column: 1 },
      { name: "an error after two leading blank lines", text: "\n\n---\ntitle: A\nsummary: a: b\n---\nBody\n", line: 5, column: 10 },
      { name: "an error in a CRLF file with a BOM", text: "\uFEFF\r\n---\r\ntitle: A\r\nsummary: a: b\r\n---\r\nBody\r\n", line: 4, column: 10 },
    ])("reports $name at its line and column in the file", ({ text, line, column }) => {
      const [first, ...rest] = parseFailing(text);
      expect(rest).toEqual([]);
      expect(first).toMatchObject({ code: "YamlSyntax", severity: "error", file: "content/articles/story.md", line, column });
      expect(first!.message).toMatch(/not valid YAML/);
      expect(first!.hint).toMatch(/quote/);
    });

    it("rejects front-matter that is a list instead of key: value lines", () => {
      const [first] = parseFailing("---\n- a\n- b\n---\nBody\n");
      expect(first).toMatchObject({ code: "YamlSyntax", line: 2, column: 1 });
      expect(first!.message).toMatch(/key: value/);
    });

    it("rejects front-matter that is a bare string", () => {
      const [first] = parseFailing("\n---\njust a sentence\n---\nBody\n");
      expect(first).toMatchObject({ code: "YamlSyntax", line: 3 });
    });
  });
});

describe("parseFrontMatter refuses front-matter that is not YAML", () => {
  it.each(["js", "javascript", "json", "toml", "coffee"])("reports ---%s front-matter instead of evaluating it", (lang) => {
    let ran = false;
    (globalThis as Record<string, unknown>).__broadsheetRan = () => (ran = true);
    const problems = parseFailing(`---${lang}\n{ title: (globalThis.__broadsheetRan(), "T") }\n---\nbody\n`);
    expect(ran).toBe(false);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "YamlSyntax", line: 1 });
    expect(problems[0]!.message).toMatch(new RegExp(`"${lang}" is not supported`));
  });

  it("accepts an explicit ---yaml fence", () => {
    expect(parseOk("---yaml\ntitle: T\n---\nbody\n").data).toEqual({ title: "T" });
  });

  it("counts the body from the closing fence even with trailing spaces on it", () => {
    expect(parseOk("---\ntitle: T\n--- \nbody\n").bodyLine).toBe(3);
  });
});
