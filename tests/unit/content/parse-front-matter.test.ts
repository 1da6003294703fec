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
    {
      name: "a BOM, CRLF and a blank line together",
      text: "\uFEFF\r\n---\r\ntitle: A\r\n---\r\nBody\r\n",
      bodyLine: 5,
    },
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
      {
        name: "an unquoted colon in a value",
        text: "---\ntitle: A\nsummary: Grid operators: a new format\n---\nBody\n",
        line: 3,
        column: 10,
      },
      { name: "an unterminated quote", text: '---\ntitle: "unterminated\n---\nBody\n', line: 2, column: 21 },
      { name: "a duplicated key", text: "---\ntitle: A\ntitle: B\n---\nBody\n", line: 3, column: 1 },
      {
        name: "an error after two leading blank lines",
        text: "\n\n---\ntitle: A\nsummary: a: b\n---\nBody\n",
        line: 5,
        column: 10,
      },
      {
        name: "an error in a CRLF file with a BOM",
        text: "\uFEFF\r\n---\r\ntitle: A\r\nsummary: a: b\r\n---\r\nBody\r\n",
        line: 4,
        column: 10,
      },
    ])("reports $name at its line and column in the file", ({ text, line, column }) => {
      const [first, ...rest] = parseFailing(text);
      expect(rest).toEqual([]);
      expect(first).toMatchObject({
        code: "YamlSyntax",
        severity: "error",
        file: "content/articles/story.md",
        line,
        column,
      });
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
  it.each(["js", "javascript", "json", "toml", "coffee"])(
    "reports ---%s front-matter instead of evaluating it",
    (lang) => {
      let ran = false;
      (globalThis as Record<string, unknown>).__broadsheetRan = () => (ran = true);
      const problems = parseFailing(`---${lang}\n{ title: (globalThis.__broadsheetRan(), "T") }\n---\nbody\n`);
      expect(ran).toBe(false);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ code: "YamlSyntax", line: 1 });
      expect(problems[0]!.message).toMatch(new RegExp(`"${lang}" is not supported`));
    },
  );

  it("accepts an explicit ---yaml fence", () => {
    expect(parseOk("---yaml\ntitle: T\n---\nbody\n").data).toEqual({ title: "T" });
  });

  it("counts the body from the closing fence even with trailing spaces on it", () => {
    expect(parseOk("---\ntitle: T\n--- \nbody\n").bodyLine).toBe(3);
  });
});

describe("parseFrontMatter limits", () => {
  const keys = (n: number, indent = "") => Array.from({ length: n }, (_, i) => `${indent}k${i}: 1`).join("\n");

  it.each([
    { name: "YAML", text: (m: string) => `\n\n---\n${m}\n---\nBody\n` },
    { name: "TOML", text: (m: string) => `\n\n+++\n${m}\n+++\nBody\n` },
  ])("refuses $name front-matter over 64 KB at the opening fence without parsing it", ({ name, text }) => {
    // Written as bytes, not characters: 40,000 "é" are 80,000 bytes. The syntax error after them
    // would be reported too if the matter were parsed.
    const matter =
      name === "YAML" ? `title: ${"é".repeat(40_000)}\nsummary: a: b` : `title = "${"é".repeat(40_000)}"\nsummary = `;
    const [first, ...rest] = parseFailing(text(matter));
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      code: "FrontMatterTooLarge",
      severity: "error",
      file: "content/articles/story.md",
      line: 3,
      column: 1,
    });
    expect(first!.message).toMatch(/^Front-matter is 80,0\d\d bytes; the limit is 65,536 bytes \(64 KB\)$/);
    expect(first!.hint).toMatch(/metadata.*public\//);
  });

  it("reads front-matter just under 64 KB", () => {
    const parsed = parseOk(`---\ntitle: T\nsummary: ${"x".repeat(65_000)}\n---\nBody\n`);
    expect((parsed.data.summary as string).length).toBe(65_000);
  });

  it("reads 1,000 keys", () => {
    expect(Object.keys(parseOk(`---\n${keys(1000)}\n---\nBody\n`).data)).toHaveLength(1000);
  });

  it("refuses the 1,001st key at its line", () => {
    const [first, ...rest] = parseFailing(`---\n${keys(1001)}\n---\nBody\n`);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ code: "FrontMatterTooLarge", line: 1002, column: 1 });
    expect(first!.message).toBe("Front-matter has 1,001 keys; the limit is 1,000, nested keys included");
  });

  it("counts nested keys and keys of flow maps", () => {
    expect(parseFailing(`---\ntitle: T\nnested:\n${keys(999, "  ")}\n---\n`)[0]).toMatchObject({
      code: "FrontMatterTooLarge",
      line: 1002,
      column: 3,
    });
    const flow = `m: {${Array.from({ length: 1000 }, (_, i) => `k${i}: 1`).join(", ")}}`;
    const [first] = parseFailing(`---\n${flow}\n---\n`);
    expect(first).toMatchObject({ code: "FrontMatterTooLarge", line: 2, column: flow.indexOf("k999") + 1 });
  });

  it("refuses TOML front-matter with more than 1,000 keys at the first key over", () => {
    const toml = Array.from({ length: 1001 }, (_, i) => `k${i} = 1`).join("\n");
    const [first] = parseFailing(`+++\n${toml}\n+++\nBody\n`);
    expect(first).toMatchObject({ code: "FrontMatterTooLarge", line: 1002, column: 1 });
    expect(first!.message).toMatch(/has 1,001 keys; the limit is 1,000/);
    expect(Object.keys(parseOk(`+++\n${toml.slice(0, toml.lastIndexOf("\n"))}\n+++\nBody\n`).data)).toHaveLength(1000);
  });

  it("refuses more than 100 aliases at the 101st, and reads 100", () => {
    // One anchor per alias: each alias expands once, well within the expansion cap (maxAliasCount).
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: &x${i} v\nb${i}: *x${i}`).join("\n");
    expect(Object.keys(parseOk(`---\n${aliases(100)}\n---\n`).data)).toHaveLength(200);
    const [first, ...rest] = parseFailing(`---\n${aliases(101)}\n---\n`);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ code: "FrontMatterTooLarge", line: 203, column: 7 });
    expect(first!.message).toBe("Front-matter has 101 aliases (*name); the limit is 100");
  });
});

describe("parseFrontMatter duplicate keys", () => {
  it.each([
    {
      name: "in a nested map",
      text: "---\ntitle: T\nsource:\n  name: A\n  url: https://a.example/\n  name: B\n---\n",
      at: [[6, 3]],
    },
    { name: "in a flow map", text: "---\ntitle: T\nimage: { src: /a.png, alt: A, src: /b.png }\n---\n", at: [[3, 31]] },
    {
      name: "three times",
      text: "---\ntitle: A\ntitle: B\ntitle: C\n---\n",
      at: [
        [3, 1],
        [4, 1],
      ],
    },
    { name: "in a map inside a list", text: "---\ntitle: T\nitems:\n  - a: 1\n    a: 2\n---\n", at: [[5, 5]] },
    { name: "in a map used as a key", text: "---\n? {a: 1, a: 2}\n: x\n---\n", at: [[2, 10]] },
  ])("reports each duplicate key $name at the duplicate", ({ text, at }) => {
    const found = parseFailing(text);
    expect(found.map((d) => [d.line, d.column])).toEqual(at);
    for (const d of found)
      expect(d).toMatchObject({
        code: "YamlSyntax",
        message: "Front-matter is not valid YAML: Map keys must be unique",
      });
  });

  it("allows the same key in different maps", () => {
    expect(
      parseOk("---\nname: A\nsource: { name: B, url: https://b.example/ }\nlist: [{name: C}, {name: D}]\n---\n").data,
    ).toMatchObject({ name: "A" });
  });

  it("lists a duplicate key and a syntax error in the order they appear", () => {
    const found = parseFailing("---\ntitle: A\ntitle: B\nsummary: a: b\n---\n");
    expect(found.map((d) => [d.line, d.message.replace("Front-matter is not valid YAML: ", "").slice(0, 23)])).toEqual([
      [3, "Map keys must be unique"],
      [4, expect.any(String)],
    ]);
  });
});
