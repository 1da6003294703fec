import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/site.js";

/** The codes of the DiagnosticCode union in src/errors.ts, as written there. */
function codesInSource(): string[] {
  const source = readFileSync(path.join(ROOT, "src/errors.ts"), "utf8");
  const union = /export type DiagnosticCode =([^;]+);/.exec(source)![1]!;
  return [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]!).sort();
}

/** The codes named in the first column of the table in docs/errors.md. */
function codesInDocs(): string[] {
  const doc = readFileSync(path.join(ROOT, "docs/errors.md"), "utf8");
  const rows = doc.split("\n").filter((line) => /^\| `\w+`/.test(line));
  // Codes are PascalCase; a note in the column ("`build` only") is not one.
  return rows.flatMap((row) => [...row.split("|")[1]!.matchAll(/`([A-Z]\w+)`/g)].map((m) => m[1]!)).sort();
}

describe("the error catalogue in docs/errors.md", () => {
  it("lists every code of src/errors.ts exactly once, and no other", () => {
    const docs = codesInDocs();
    expect(new Set(docs).size, "a code is listed twice").toBe(docs.length);
    expect(docs).toEqual(codesInSource());
  });
});
