import { describe, expect, it } from "vitest";
import { codeFrame, formatDiagnostics, formatGithub, formatJson, withCodeFrames } from "../../src/report.js";
import { error, warning, type Diagnostic } from "../../src/errors.js";

describe("formatDiagnostics", () => {
  it("prints file:line:col severity message [Code] with the hint indented below", () => {
    const out = formatDiagnostics([
      error("MissingField", "Title is required", {
        file: "content/articles/foo.md",
        line: 3,
        column: 7,
        hint: "Add a title.",
      }),
    ]);
    expect(out.split("\n")).toEqual([
      "content/articles/foo.md:3:7 error Title is required [MissingField]",
      "    Add a title.",
      "1 error, 0 warnings",
    ]);
  });

  it("uses column 1 when a diagnostic has a line but no column", () => {
    expect(formatDiagnostics([error("InvalidDate", "Bad date", { file: "a.md", line: 4 })]).split("\n")[0]).toBe(
      "a.md:4:1 error Bad date [InvalidDate]",
    );
  });

  it("prints the file alone when there is no line", () => {
    expect(
      formatDiagnostics([error("ReadError", "Cannot read file", { file: "content/articles/c.md" })]).split("\n")[0],
    ).toBe("content/articles/c.md error Cannot read file [ReadError]");
  });

  it("prints diagnostics without a file with no location", () => {
    expect(formatDiagnostics([error("InvalidConfig", '--now "x" is not a date')]).split("\n")[0]).toBe(
      'error --now "x" is not a date [InvalidConfig]',
    );
  });

  it("groups by file in path order and sorts each file's problems by line and column", () => {
    const diagnostics: Diagnostic[] = [
      error("MissingField", "Title is required", { file: "content/articles/b.md", line: 3, column: 7 }),
      warning("InvalidField", "Odd value", { file: "content/articles/a.md", line: 9 }),
      error("InvalidDate", "Bad date", { file: "content/articles/b.md", line: 2, column: 1 }),
      error("InvalidUrl", "Bad URL", { file: "content/articles/b.md", line: 3, column: 2 }),
      error("InvalidConfig", "--now bad"),
    ];
    expect(formatDiagnostics(diagnostics).split("\n")).toEqual([
      "error --now bad [InvalidConfig]",
      "content/articles/a.md:9:1 warning Odd value [InvalidField]",
      "content/articles/b.md:2:1 error Bad date [InvalidDate]",
      "content/articles/b.md:3:2 error Bad URL [InvalidUrl]",
      "content/articles/b.md:3:7 error Title is required [MissingField]",
      "4 errors, 1 warning",
    ]);
  });

  it("keeps every line free of an Error: prefix", () => {
    const out = formatDiagnostics([error("MissingField", "Title is required", { file: "x.md", line: 1 })]);
    expect(out).not.toMatch(/Error:/);
  });

  it.each([
    { diagnostics: [], count: "0 errors, 0 warnings" },
    { diagnostics: [error("InvalidDate", "x")], count: "1 error, 0 warnings" },
    { diagnostics: [warning("InvalidField", "x")], count: "0 errors, 1 warning" },
    {
      diagnostics: [
        error("InvalidDate", "x"),
        error("InvalidDate", "y"),
        warning("InvalidField", "z"),
        warning("InvalidField", "w"),
      ],
      count: "2 errors, 2 warnings",
    },
  ])("ends with the count line '$count'", ({ diagnostics, count }) => {
    const lines = formatDiagnostics(diagnostics).split("\n");
    expect(lines[lines.length - 1]).toBe(count);
  });

  it("does not reorder the caller's list", () => {
    const diagnostics = [
      error("InvalidDate", "second", { file: "a.md", line: 2 }),
      error("InvalidDate", "first", { file: "a.md", line: 1 }),
    ];
    formatDiagnostics(diagnostics);
    expect(diagnostics.map((d) => d.message)).toEqual(["second", "first"]);
  });
});

describe("codeFrame", () => {
  const text = "---\ntitle: Dam opens\ndate: 2024-13-01\ntags: [a]\n---\n";

  it("shows the line before, the line, a caret under the column and the line after", () => {
    expect(codeFrame(text, 3, 7)).toBe(
      ["  2 | title: Dam opens", "> 3 | date: 2024-13-01", "    |       ^", "  4 | tags: [a]"].join("\n"),
    );
  });

  it("pads line numbers to the widest one shown", () => {
    const long = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join("\n");
    expect(codeFrame(long, 10, 1)!.split("\n")).toEqual([
      "   9 | line 9",
      "> 10 | line 10",
      "     | ^",
      "  11 | line 11",
    ]);
  });

  it("keeps tabs under the caret and replaces control characters", () => {
    expect(codeFrame("\tkey:\u001b[31m x", 1, 3)!.split("\n")).toEqual(["> 1 | \tkey:\ufffd[31m x", "    | \t ^"]);
  });

  it("returns nothing for a line outside the text", () => {
    expect(codeFrame(text, 99, 1)).toBeUndefined();
  });
});

describe("withCodeFrames", () => {
  it("frames errors with a file and line, reading each file once; leaves warnings alone", () => {
    const reads: string[] = [];
    const read = (file: string) => (reads.push(file), "a: 1\nb: 2\n");
    const out = withCodeFrames(
      [
        error("InvalidField", "x", { file: "f.md", line: 2, column: 4 }),
        error("InvalidField", "y", { file: "f.md", line: 1 }),
        warning("MissingAlt", "z", { file: "f.md", line: 1 }),
        error("InvalidConfig", "no file"),
      ],
      read,
    );
    expect(reads).toEqual(["f.md"]);
    expect(out[0]!.frame).toBe("  1 | a: 1\n> 2 | b: 2\n    |    ^\n  3 |");
    expect(out[1]!.frame).toContain("> 1 | a: 1");
    expect(out[2]!.frame).toBeUndefined();
    expect(out[3]!.frame).toBeUndefined();
  });

  it("prints the frame between the message and the hint", () => {
    const [d] = withCodeFrames(
      [error("InvalidDate", "Bad date", { file: "f.md", line: 1, column: 1, hint: "Fix it." })],
      () => "date: x\n",
    );
    expect(formatDiagnostics([d!]).split("\n")).toEqual([
      "f.md:1:1 error Bad date [InvalidDate]",
      "    > 1 | date: x",
      "        | ^",
      "      2 |",
      "    Fix it.",
      "1 error, 0 warnings",
    ]);
  });
});

describe("formatDiagnostics with maxWarnings", () => {
  it("prints every error but only the first warnings, and says how many were left out", () => {
    const list = [
      error("InvalidDate", "e", { file: "a.md", line: 1 }),
      ...[1, 2, 3].map((n) => warning("BrokenLink", `w${n}`, { file: "a.md", line: n + 1 })),
    ];
    const lines = formatDiagnostics(list, { maxWarnings: 1 }).split("\n");
    expect(lines.filter((l) => l.includes(" warning "))).toHaveLength(1);
    expect(lines).toContain("… and 2 more warnings: `broadsheet check` lists them all.");
    expect(lines.at(-1)).toBe("1 error, 3 warnings");
  });
});

describe("formatGithub", () => {
  it("prints one workflow command per diagnostic, escaping what GitHub requires", () => {
    const out = formatGithub([
      error("InvalidDate", 'Date "x" is not a date: 50% sure', {
        file: "content/articles/a,b.md",
        line: 3,
        column: 7,
        hint: "Write 2024-05-01.",
      }),
      warning("BrokenLink", "Link to /x/ goes nowhere", { file: "content/articles/c.md", line: 9, column: 2 }),
      error("InvalidConfig", "--now bad"),
    ]);
    expect(out.split("\n")).toEqual([
      '::error file=content/articles/a%2Cb.md,line=3,col=7,title=Broadsheet InvalidDate::Date "x" is not a date: 50%25 sure%0AWrite 2024-05-01.',
      "::warning file=content/articles/c.md,line=9,col=2,title=Broadsheet BrokenLink::Link to /x/ goes nowhere",
      "::error title=Broadsheet InvalidConfig::--now bad",
    ]);
  });
});

describe("formatJson", () => {
  it("gives counts and every diagnostic", () => {
    const doc = JSON.parse(
      formatJson([error("InvalidDate", "e", { file: "a.md", line: 1 }), warning("MissingAlt", "w")]),
    );
    expect(doc).toMatchObject({ ok: false, errors: 1, warnings: 1 });
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ code: "InvalidDate", file: "a.md", line: 1, severity: "error" }),
      expect.objectContaining({ code: "MissingAlt", severity: "warning" }),
    ]);
  });
});
