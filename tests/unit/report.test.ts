import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../../src/report.js";
import { error, warning, type Diagnostic } from "../../src/errors.js";

describe("formatDiagnostics", () => {
  it("prints file:line:col severity message [Code] with the hint indented below", () => {
    const out = formatDiagnostics([error("MissingField", "Title is required", { file: "content/articles/foo.md", line: 3, column: 7, hint: "Add a title." })]);
    expect(out.split("\n")).toEqual(["content/articles/foo.md:3:7 error Title is required [MissingField]", "    Add a title.", "1 error, 0 warnings"]);
  });

  it("uses column 1 when a diagnostic has a line but no column", () => {
    expect(formatDiagnostics([error("InvalidDate", "Bad date", { file: "a.md", line: 4 })]).split("\n")[0]).toBe("a.md:4:1 error Bad date [InvalidDate]");
  });

  it("prints the file alone when there is no line", () => {
    expect(formatDiagnostics([error("ReadError", "Cannot read file", { file: "content/articles/c.md" })]).split("\n")[0]).toBe("content/articles/c.md error Cannot read file [ReadError]");
  });

  it("prints diagnostics without a file with no location", () => {
    expect(formatDiagnostics([error("InvalidConfig", '--now "x" is not a date')]).split("\n")[0]).toBe('error --now "x" is not a date [InvalidConfig]');
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
    { diagnostics: [error("InvalidDate", "x"), error("InvalidDate", "y"), warning("InvalidField", "z"), warning("InvalidField", "w")], count: "2 errors, 2 warnings" },
  ])("ends with the count line '$count'", ({ diagnostics, count }) => {
    const lines = formatDiagnostics(diagnostics).split("\n");
    expect(lines[lines.length - 1]).toBe(count);
  });

  it("does not reorder the caller's list", () => {
    const diagnostics = [error("InvalidDate", "second", { file: "a.md", line: 2 }), error("InvalidDate", "first", { file: "a.md", line: 1 })];
    formatDiagnostics(diagnostics);
    expect(diagnostics.map((d) => d.message)).toEqual(["second", "first"]);
  });
});
