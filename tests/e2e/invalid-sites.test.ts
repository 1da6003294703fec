import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { promises as fs, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "../../src/build.js";
import { FolderWriter } from "../../src/output/folder-writer.js";
import { main } from "../../src/cli.js";
import type { Diagnostic, DiagnosticCode } from "../../src/errors.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = path.join(ROOT, "tests/fixtures/sites");
const NOW = "2026-11-26T12:00:00Z";

interface ExpectedDiagnostic {
  readonly code: DiagnosticCode;
  readonly file: string;
  readonly line: number;
}

/** A short pattern each code's message must match, so a wrong message for the right code still fails. */
const MESSAGE_PATTERNS: Partial<Record<DiagnosticCode, RegExp>> = {
  YamlSyntax: /not valid YAML/,
  MissingField: /is required|needs its source/,
  InvalidField: /must be|is empty/,
  InvalidDate: /is not a date we can read/,
  DateOrder: /before the publication date/,
  InvalidSlug: /[Ss]lug/,
  DuplicateSlug: /is also used by/,
  InvalidUrl: /absolute http\(s\) URL/,
};

const fixtureNames = readdirSync(FIXTURES)
  .filter((name) => name.startsWith("invalid-"))
  .sort();

function readExpected(fixture: string): ExpectedDiagnostic[] {
  return JSON.parse(readFileSync(path.join(FIXTURES, fixture, "expected.json"), "utf8")) as ExpectedDiagnostic[];
}

/** Where a diagnostic points, relative to the fixture folder (diagnostics are relative to the working directory). */
function fromFixture(fixtureDir: string, d: Diagnostic): string {
  return path
    .relative(fixtureDir, path.resolve(process.cwd(), d.file ?? ""))
    .split(path.sep)
    .join("/");
}

const byLocation = (a: ExpectedDiagnostic, b: ExpectedDiagnostic): number =>
  a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code);

// Bytes that are not valid UTF-8, so a re-encoded copy would not compare equal.
const SENTINEL = Buffer.from([0x70, 0x72, 0x65, 0x76, 0x69, 0x6f, 0x75, 0x73, 0x0a, 0xff, 0xfe, 0x00, 0x80]);

let tmp: string;
let outDir: string;

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broadsheet-invalid-"));
  outDir = path.join(tmp, "out");
  // A site an earlier build published: one file, which must survive every failed build.
  await (
    await new FolderWriter(outDir).prepare([{ path: "sentinel.bin", fingerprint: null, produce: () => SENTINEL }], {
      inputKey: "earlier",
      articles: 0,
      pages: 0,
    })
  ).commit();
});

afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function expectOutputUntouched(): Promise<void> {
  // No staging or backup folder left beside the output, and the output holds only what was there.
  expect((await fs.readdir(tmp)).sort()).toEqual([".out.builds", "out"]);
  expect(await fs.readdir(outDir)).toEqual(["sentinel.bin"]);
  expect(Buffer.compare(await fs.readFile(path.join(outDir, "sentinel.bin")), SENTINEL)).toBe(0);
}

describe("sites that must fail", () => {
  it("has every invalid fixture this suite was written for", () => {
    expect(fixtureNames).toEqual(
      expect.arrayContaining([
        "invalid-bad-date",
        "invalid-bad-yaml",
        "invalid-duplicate-slug",
        "invalid-javascript-source",
        "invalid-many-problems",
        "invalid-missing-title",
        "invalid-traversal-slug",
      ]),
    );
  });

  describe.each(fixtureNames)("%s", (fixture) => {
    const fixtureDir = path.join(FIXTURES, fixture);
    const expected = readExpected(fixture);

    it("fails with exactly the expected diagnostics and leaves the output folder untouched", async () => {
      const result = await build({
        paths: {
          content: path.join(fixtureDir, "content"),
          templates: path.join(ROOT, "templates"),
          public: path.join(ROOT, "public"),
          out: outDir,
        },
        now: NOW,
      });

      expect(result.isOk).toBe(false);
      expect(result.files).toEqual([]);
      const actual = result.diagnostics.map((d) => ({
        code: d.code,
        file: fromFixture(fixtureDir, d),
        line: d.line ?? 0,
      }));
      expect(actual.sort(byLocation)).toEqual([...expected].sort(byLocation));

      for (const d of result.diagnostics) {
        expect(d.severity).toBe("error");
        expect(path.isAbsolute(d.file ?? ""), `${d.file} should be relative to the working directory`).toBe(false);
        expect(d.column).toBeGreaterThanOrEqual(1);
        const pattern = MESSAGE_PATTERNS[d.code];
        expect(pattern, `no message pattern for ${d.code}`).toBeDefined();
        expect(d.message).toMatch(pattern!);
      }
      await expectOutputUntouched();
    });
  });
});

describe("the CLI on a site that must fail", () => {
  it("exits 1 and prints each problem as file:line:col error message [Code] with a code frame and the hint below", async () => {
    const fixtureDir = path.join(FIXTURES, "invalid-bad-date");
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await main(
      [
        "build",
        "--content",
        path.join(fixtureDir, "content"),
        "--templates",
        path.join(ROOT, "templates"),
        "--public",
        path.join(ROOT, "public"),
        "--out",
        outDir,
        "--now",
        NOW,
      ],
      (s) => stdout.push(s),
      (s) => stderr.push(s),
    );

    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    // Paths are printed relative to the working directory; from the fixture folder they read content/articles/….
    const prefix = path.relative(process.cwd(), fixtureDir).split(path.sep).join("/");
    const lines = stderr.join("\n").split("\n");
    expect(lines[0]!.startsWith(`${prefix}/`)).toBe(true);
    expect(lines[0]!.slice(prefix.length + 1)).toMatch(
      /^content\/articles\/bad-date\.md:3:1 error Date "next Tuesday" is not a date we can read \[InvalidDate\]$/,
    );
    // The code frame: the line before, the offending line, a caret under the column, the line after.
    expect(lines.slice(1, 5)).toEqual([
      "      2 | title: Library extends its opening hours",
      "    > 3 | date: next Tuesday",
      "        | ^",
      "      4 | tags: [city]",
    ]);
    expect(lines[5]).toMatch(/^ {4}\S.*2024-05-01/);
    expect(lines[6]).toBe("1 error, 0 warnings");
    expect(lines[7]).toMatch(/^Build failed; .* was left untouched\.$/);
    expect(lines).toHaveLength(8);
    await expectOutputUntouched();
  });

  it("reports every problem of every file in one run", async () => {
    const fixtureDir = path.join(FIXTURES, "invalid-many-problems");
    const stderr: string[] = [];
    const code = await main(
      [
        "build",
        "--content",
        path.join(fixtureDir, "content"),
        "--templates",
        path.join(ROOT, "templates"),
        "--public",
        path.join(ROOT, "public"),
        "--out",
        outDir,
        "--now",
        NOW,
      ],
      () => undefined,
      (s) => stderr.push(s),
    );

    expect(code).toBe(1);
    const prefix = path.relative(process.cwd(), fixtureDir).split(path.sep).join("/");
    const problemLines = stderr
      .join("\n")
      .split("\n")
      .filter((l) => l.startsWith(`${prefix}/`))
      .map((l) => l.slice(prefix.length + 1));
    const expected = readExpected("invalid-many-problems");
    expect(problemLines).toHaveLength(expected.length);
    for (const e of expected) {
      expect(
        problemLines.some((l) => l.startsWith(`${e.file}:${e.line}:`) && l.endsWith(`[${e.code}]`)),
        `${e.file}:${e.line} [${e.code}]`,
      ).toBe(true);
    }
    expect(stderr.join("\n")).toContain(`${expected.length} errors, 0 warnings`);
    await expectOutputUntouched();
  });
});
