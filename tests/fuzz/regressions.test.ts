/**
 * Every failure the fuzz properties found, as its minimal input in a plain example-based test. Each
 * comment names the bug; the inputs are also replayed by the properties (regression-inputs.ts).
 */
import { rmSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { parseFrontMatter, splitBody } from "../../src/content/parse-front-matter.js";
import { renderMarkdown } from "../../src/markdown/render-markdown.js";
import { withPlainTextFallback } from "../../src/markdown/load-renderer.js";
import { MemoryWriter } from "../../src/output/writer.js";
import { parseYaml } from "../../src/content/yaml.js";
import type { Diagnostic } from "../../src/errors.js";
import type { ParsedSource } from "../../src/model.js";
import { makeSource } from "../helpers/factories.js";
import { diagnosticProblems } from "./checks.js";
import { FRONT_MATTER_REGRESSIONS, MARKDOWN_REGRESSIONS } from "./regression-inputs.js";
import { buildSite, resultProblems, writeSite } from "./sites.js";

const source = (text: string, relPath = "story.md") => makeSource(`content/articles/${relPath}`, relPath, text);

function parseFailing(text: string): Diagnostic[] {
  const result = parseFrontMatter(source(text));
  if (!Array.isArray(result)) throw new Error(`expected diagnostics, got ${JSON.stringify(result.data)}`);
  return result;
}

function parseOk(text: string): ParsedSource {
  const result = parseFrontMatter(source(text));
  if (Array.isArray(result)) throw new Error(`expected data, got ${JSON.stringify(result)}`);
  return result;
}

describe("fuzz regressions: front-matter", () => {
  // Bug: aliases are expanded only by toJS(), which threw ReferenceError ("Excessive alias count")
  // out of parseFrontMatter for a "billion laughs" document, crashing the build.
  it("reports a YAML alias bomb at its line instead of throwing", () => {
    const text =
      '---\ntitle: "news"\ndate: "2026-11-20"\nlol0: &l0 ["lol"]\nlol1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\nlol2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n---\n';
    const [d, ...rest] = parseFailing(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: "YamlSyntax", file: "content/articles/story.md", line: 5 });
    expect(d!.message).toMatch(/expand to too many values/);
  });

  // Bug: an alias naming no anchor threw ReferenceError ("Unresolved alias") from toJS().
  it("reports an alias that names no anchor at the alias", () => {
    const [d] = parseFailing("---\ntitle: x\nsummary: *nowhere\n---\n");
    expect(d).toMatchObject({ code: "YamlSyntax", line: 3, column: 10 });
    expect(d!.message).toMatch(/Alias \*nowhere names no anchor/);
  });

  // Unclear error: lists nested a thousand deep overflow the parser's stack, and the message said
  // "Maximum call stack size exceeded".
  // Noise: a map used as a key made the yaml package print "(node:…) Warning: Keys with collection
  // values will be stringified" on the terminal, outside our diagnostics.
  it("prints no process warning for a map used as a key", () => {
    const emit = vi.spyOn(process, "emitWarning");
    try {
      expect(parseYaml("? {a: 1}\n: x\n").errors).toEqual([]);
      expect(emit).not.toHaveBeenCalled();
    } finally {
      emit.mockRestore();
    }
  });

  it("says that values are nested too deeply instead of quoting a stack overflow", () => {
    const [d] = parseYaml(`a: ${"[".repeat(5000)}x${"]".repeat(5000)}`).errors;
    expect(d!.message).toBe("Lists or maps are nested too deeply to read");
  });

  // Bug: gray-matter reads the fence language up to the first newline and, without one, drops the
  // last character: "---js" alone asked for an engine "j" and threw "engine is not registered".
  it.each(["---js", "---yaml", "---abc", "---"])("handles a file that is only the fence line %j", (text) => {
    expect(() => parseFrontMatter(source(text))).not.toThrow();
    expect(() => splitBody(source(text))).not.toThrow();
  });

  // Bug: a fence language after a space our check did not count as one (U+00A0, U+3000, a vertical
  // tab, a BOM), which gray-matter trims, reached gray-matter's js engine: "Internal error".
  it.each(["---\u00A0js\ntitle: x\n---\n", "---\u000Bjs\ntitle: x\n---\n", "---\uFEFFjs\n", "--- js\n"])(
    "refuses the language of %j with a diagnostic",
    (text) => {
      const [d] = parseFailing(text);
      expect(d).toMatchObject({
        code: "YamlSyntax",
        line: 1,
        column: 4,
        message: 'Front-matter language "js" is not supported',
      });
      expect(splitBody(source(text))).toBe("");
    },
  );

  it("still reads a YAML fence language written after odd spaces", () => {
    expect(parseOk("---\u3000yaml\ntitle: x\n---\nBody").data).toEqual({ title: "x" });
  });

  // Bug: gray-matter strips a BOM itself, so after ours a second BOM hid "---<script>…" from the
  // fence check and gray-matter asked for the engine "<script>alert(1)</script".
  it("checks the fence language behind two BOMs", () => {
    const [d] = parseFailing("\uFEFF\uFEFF---<script>alert(1)</script>");
    expect(d).toMatchObject({ code: "YamlSyntax", line: 1 });
    expect(parseOk("\uFEFF\uFEFF---\ntitle: x\n---\nBody\n").body).toBe("Body\n");
  });

  // Bug: YAML escapes such as "\ud800" gave a lone surrogate, which reached pages (written as
  // U+FFFD) and failed any later encodeURI; TOML refuses the same escape.
  it("reports a lone surrogate written as a YAML escape at its line", () => {
    const [d] = parseFailing('---\ntitle: x\nimage: { src: "/images/a.jpg", alt: "\\ud800" }\n---\n');
    expect(d).toMatchObject({ code: "YamlSyntax", line: 3, column: 37 });
    expect(d!.message).toMatch(/"\\uD800" is half of a surrogate pair/);
    expect(parseOk('---\ntitle: "\\ud83d\\ude00 \\U0001F600"\n---\n').data).toEqual({ title: "\u{1F600} \u{1F600}" });
  });

  // Bug: smol-toml reads `date = 2026-02-30` through JavaScript's Date, which moves it to March 2:
  // the article was published on a day nobody wrote (the same date in YAML is an InvalidDate).
  it("refuses a TOML date that does not exist instead of moving it to the next month", () => {
    const [d] = parseFailing('+++\ntitle = "x"\ndate = 2026-02-30\n+++\nBody\n');
    expect(d).toMatchObject({
      code: "TomlSyntax",
      line: 3,
      column: 1,
      message: "Front-matter is not valid TOML: `date` is a date that does not exist (such as February 30)",
    });
    expect(
      parseOk('+++\ntitle = "x"\ndate = 2024-02-29T10:00:00+02:00\n[source]\nseen = 2026-11-20\n+++\n').data,
    ).toEqual({ title: "x", date: "2024-02-29T10:00:00.000+02:00", source: { seen: "2026-11-20" } });
    expect(parseFailing('+++\ntitle = "x"\n[source]\nseen = 2025-04-31T10:00:00Z\n+++\n')[0]).toMatchObject({
      line: 4,
      message: expect.stringContaining("`source.seen`"),
    });
  });

  // Bug: parseYaml's unique-key check compared every key with every earlier one: 100,000 keys
  // (1 MB) of front-matter kept the main thread busy for over a minute.
  it("refuses 100,000 keys of front-matter at the opening fence instead of parsing them", () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: 1`).join("\n");
    for (const text of [`---\n${keys}\n---\n`, `+++\n${keys.replace(/: /g, " = ")}\n+++\n`]) {
      const found = parseFailing(text);
      expect(found).toEqual([expect.objectContaining({ code: "FrontMatterTooLarge", line: 1, column: 1 })]);
      expect(found[0]!.message).toMatch(/bytes; the limit is 65,536 bytes/);
    }
    expect(parseYaml(keys).errors).toEqual([expect.objectContaining({ line: 1, isOverLimit: true })]);
  });

  // Slow: the rolled-over-date check searched the whole text once per date (quadratic in dates).
  it("finds a TOML date that does not exist after thousands of real ones", () => {
    const days = Array.from({ length: 3000 }, (_, i) =>
      new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    expect(parseOk(`+++\ntitle = "x"\nseen = [${days.join(", ")}]\n+++\n`).data.seen).toHaveLength(3000);
    expect(parseFailing(`+++\ntitle = "x"\nseen = [${days.join(", ")}, 2026-02-30]\n+++\n`)[0]).toMatchObject({
      code: "TomlSyntax",
      line: 3,
    });
  });

  it.each(FRONT_MATTER_REGRESSIONS)("keeps $bug fixed", ({ text, base }) => {
    const result = parseFrontMatter(source(text, `${base}.md`));
    if (Array.isArray(result)) expect(result.flatMap((d) => diagnosticProblems(d, true))).toEqual([]);
  });
});

describe("fuzz regressions: text and URLs a site publishes", () => {
  // Bug: NUL, BEL, ESC and U+FFFE in a title or a site setting reached <title> and meta tags raw
  // (only the feeds removed them); C1 controls and noncharacters such as U+1FFFE too.
  it("builds no page, feed or sitemap with a control character or noncharacter from front-matter or site.yaml", async () => {
    const bad = "\\0\\a\\e\\uFFFE\\x85\\U0001FFFE";
    const article = `---\ntitle: "Grid${bad} data"\ndate: 2026-11-20\nsummary: "A${bad} summary"\ntags: ["ener${bad}gy"]\nauthor: "Ana${bad}"\nsubtitle: "Sub${bad}"\n---\nText.\n`;
    const siteYaml = `title: "The${bad} Relay"\ndescription: "News${bad} daily"\nbaseUrl: https://relay.example/\n`;
    const root = writeSite({ articles: [["grid", article]], siteYaml, page: null, bundle: null });
    try {
      const writer = new MemoryWriter();
      const result = await buildSite(root, { writer });
      expect(resultProblems(result, writer.files)).toEqual([]);
      expect(result.isOk).toBe(true);
      const texts = [...writer.files]
        .filter(([p]) => /\.(html|xml|txt)$/.test(p))
        .map(([p, bytes]) => [p, String(bytes)] as const);
      expect(
        texts.filter(([, text]) => /(?![\t\n\r])\p{Cc}|\p{Noncharacter_Code_Point}/u.test(text)).map(([p]) => p),
      ).toEqual([]);
      expect(String(writer.files.get("articles/grid/index.html"))).toMatch(/<title>Grid data/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  // Bug: `baseUrl: https://user:pass@host/` put the password in every canonical link, feed and sitemap.
  it("fails the build for a baseUrl with a password, at its line in site.yaml", async () => {
    const root = writeSite({
      articles: [["plain", "---\ntitle: Plain\ndate: 2026-11-21\n---\nText.\n"]],
      siteYaml: "title: T\nbaseUrl: https://user:secret@relay.example/\n",
      page: null,
      bundle: null,
    });
    try {
      const writer = new MemoryWriter();
      const result = await buildSite(root, { writer });
      expect(result.isOk).toBe(false);
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: "InvalidConfig",
          field: "baseUrl",
          line: 2,
          file: expect.stringMatching(/site\.yaml$/),
        }),
      ]);
      expect([...writer.files.values()].some((bytes) => String(bytes).includes("secret"))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("fuzz regressions: Markdown", () => {
  const urls = { pageUrl: "https://site.example/articles/x/", basePath: "" };
  const render = withPlainTextFallback(renderMarkdown);

  // Bug: remark and rehype recurse once per level of nesting; a few KB of nested quotes, lists,
  // emphasis or HTML elements threw RangeError ("Maximum call stack size exceeded") out of the
  // renderer, and build() threw (on the main thread, or as "Markdown worker failed").
  it.each(MARKDOWN_REGRESSIONS)("shows $bug as plain text with a finding instead of throwing", ({ markdown }) => {
    const result = render(markdown, urls);
    expect(result.findings).toEqual([{ kind: "too-deep", line: 1, column: 1 }]);
    expect(result.html.startsWith("<pre>")).toBe(true);
    expect(result.html).not.toMatch(/<(?!\/?pre>)/);
    expect(result.excerpt.length).toBeGreaterThan(0);
  });

  // Slow: quotes and lists nested thousands deep took minutes before the stack ran out (a 40 KB
  // blockquote: 2.5 s on the main thread, 72 s in a worker, whose stack is 4 MB), and whether a
  // body rendered depended on the thread. They are now measured before rendering.
  it("shows quotes and lists nested more than 100 deep as plain text without rendering them, at the deepest line", () => {
    const list = (depth: number) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n");
    expect(render(`Intro\n\n${"> ".repeat(20_000)}x`, urls).findings).toEqual([
      { kind: "too-deep", line: 3, column: 1 },
    ]);
    expect(render(list(250), urls).findings).toEqual([{ kind: "too-deep", line: 201, column: 1 }]);
    expect(render(`${"> ".repeat(60)}x\n\n${list(150)}`, urls).findings).toEqual([]);
  });

  // Bug (fixed in render-markdown.ts findShortcodes, d9dd7c0): a tag matched by the `{{ … }}` alternative
  // that starts with "{{<" is escaped as `{{&lt;${m[0].slice(3, -3)}&gt;}}`, as if it ended in
  // ">}}": "{{< abc}}" shows as "{{< ab>}}", and "{{< 𐀀}}" loses half of the surrogate pair (a lone
  // surrogate in the page, written as U+FFFD). Found by the build and Markdown properties, seed 672503533.
  it("keeps the text of a Hugo tag that does not end in '>}}'", () => {
    expect(renderMarkdown("{{< abc}}", urls).html).toContain("abc}}");
    expect(renderMarkdown("{{< \u{10000}}}", urls).html).toContain("\u{10000}}}");
  });

  it("renders ordinary Markdown exactly as the renderer does", () => {
    expect(render("# Hi\n\n> quoted *text*\n", urls)).toEqual(renderMarkdown("# Hi\n\n> quoted *text*\n", urls));
  });

  // Pages render in worker threads like articles (4 MB of stack): 20,000 nested elements exhaust it, 5,000 no longer do.
  it("builds a site with a body nested too deeply, with a NestingTooDeep warning at the body", async () => {
    const deep = `---\ntitle: Deep\ndate: 2026-11-20\n---\n\n${"> ".repeat(8000)}x\n`;
    const root = writeSite({
      articles: [
        ["deep", deep],
        ["plain", "---\ntitle: Plain\ndate: 2026-11-21\n---\nText.\n"],
      ],
      siteYaml: null,
      page: ["about", `---\ntitle: About\n---\n${"<div>".repeat(20000)}x\n`],
      bundle: null,
    });
    try {
      const writer = new MemoryWriter();
      const result = await buildSite(root, { writer });
      expect(resultProblems(result, writer.files)).toEqual([]);
      expect(result.isOk).toBe(true);
      expect(
        result.diagnostics
          .filter((d) => d.code === "NestingTooDeep")
          .map((d) => [d.file?.replace(/.*content\//, ""), d.line, d.severity]),
      ).toEqual([
        ["articles/deep.md", 6, "warning"],
        ["pages/about.md", 4, "warning"],
      ]);
      expect(String(writer.files.get("articles/deep/index.html"))).toMatch(/<pre>\n(&gt; ){8000}x\n<\/pre>/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("fuzz regressions: whole builds", () => {
  // Bug: a site.yaml with a syntax error stopped the build before the articles were validated, so
  // their problems came only one run later ("every problem in every file is reported in one run").
  it("reports the articles' problems beside a broken site.yaml", async () => {
    const root = writeSite({
      articles: [
        ["ok", "---\ntitle: Ok\ndate: 2026-11-20\n---\n"],
        ["bad", "---\nbroken: [unclosed\ntitle: x\n---\n"],
      ],
      siteYaml: "title: [unclosed\n",
      page: null,
      bundle: null,
    });
    try {
      const result = await buildSite(root, { writer: new MemoryWriter() });
      expect(result.isOk).toBe(false);
      expect(result.diagnostics.map((d) => [d.code, d.file?.replace(/.*content\//, "")])).toEqual([
        ["YamlSyntax", "site.yaml"],
        ["YamlSyntax", "articles/bad.md"],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("fuzz regressions: output paths", () => {
  // Bug: a file beside an article named `a\b.png` (legal on Linux) became the output path
  // "articles/b/a\b.png": Windows reads the backslash as a folder, and a name such as
  // `x\..\..\index.html` would land elsewhere in the site without any conflict being seen.
  it("refuses bundle files with a backslash or a control character in their name", async () => {
    const root = writeSite({
      articles: [["ok", "---\ntitle: Ok\ndate: 2026-11-20\n---\n"]],
      siteYaml: null,
      page: null,
      bundle: [
        "b",
        "---\ntitle: B\ndate: 2026-11-20\n---\n",
        ["a\\b.png", "x\\..\\..\\index.html", "new\nline.png", "fine.png"],
      ],
    });
    try {
      const result = await buildSite(root, { writer: new MemoryWriter() });
      expect(result.isOk).toBe(false);
      expect(
        result.diagnostics
          .filter((d) => d.severity === "error")
          .map((d) => [d.code, d.file?.replace(/.*articles\//, "")]),
      ).toEqual([
        ["InvalidFileName", "bundle-b/a\\b.png"],
        ["InvalidFileName", "bundle-b/new\nline.png"],
        ["InvalidFileName", "bundle-b/x\\..\\..\\index.html"],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("fuzz regressions: encodings", () => {
  // Unclear error: a file that is not UTF-8 was reported as "File is not valid UTF-8 text" with no
  // line, so neither the editor nor the code frame could point at the byte.
  it("names the byte, line and column that break UTF-8, and recognizes UTF-16", async () => {
    const root = writeSite({
      articles: [["ok", "---\ntitle: Ok\ndate: 2026-11-20\n---\n"]],
      siteYaml: null,
      page: null,
      bundle: null,
    });
    try {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(`${root}/content/articles/latin.md`, Buffer.from("---\ntitle: Caf\xe9\n---\n", "latin1"));
      writeFileSync(
        `${root}/content/articles/utf16.md`,
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("---\n", "utf16le")]),
      );
      writeFileSync(`${root}/content/articles/cesu.md`, Buffer.from([0x61, 0x0a, 0xc3, 0xa9, 0x62, 0xed, 0xa0, 0x80]));
      const result = await buildSite(root, { writer: new MemoryWriter() });
      expect(result.isOk).toBe(false);
      expect(
        result.diagnostics.map((d) => [d.code, d.file?.replace(/.*articles\//, ""), d.line, d.column, d.message]),
      ).toEqual([
        [
          "InvalidEncoding",
          "cesu.md",
          2,
          3,
          "File is not valid UTF-8 text: byte 0xED at line 2, column 3 is not UTF-8 (Latin-1 or Windows-1252?)",
        ],
        [
          "InvalidEncoding",
          "latin.md",
          2,
          11,
          "File is not valid UTF-8 text: byte 0xE9 at line 2, column 11 is not UTF-8 (Latin-1 or Windows-1252?)",
        ],
        [
          "InvalidEncoding",
          "utf16.md",
          1,
          1,
          "File is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8",
        ],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
