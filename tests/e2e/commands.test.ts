/** The editor's commands through the CLI: `new`, then `check` in its three formats. */
import { cp, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { fixture, ROOT } from "../helpers/site.js";

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(
    argv,
    (s) => stdout.push(s),
    (s) => stderr.push(s),
  );
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

let work: string;
let cache: string;
const site = (name: string) => [
  "--content",
  path.join(fixture(name), "content"),
  "--templates",
  path.join(ROOT, "templates"),
  "--public",
  path.join(ROOT, "public"),
  "--cache",
  cache,
];

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "broadsheet-cmd-"));
  cache = path.join(work, "cache");
});

describe("broadsheet new", () => {
  it("writes a draft that passes check, and never overwrites it", async () => {
    const content = path.join(work, "content");
    await cp(path.join(fixture("basic"), "content"), content, { recursive: true });
    const created = await run(
      "new",
      "Storm closes the harbour: ferries stop",
      "--tags",
      "weather, harbour",
      "--source-url",
      "https://wire.example/storm",
      "--content",
      content,
    );
    expect(created.code).toBe(0);
    const file = path.join(content, "articles", "storm-closes-the-harbour-ferries-stop.md");
    const text = await readFile(file, "utf8");
    expect(text).toMatch(
      /^---\ntitle: "Storm closes the harbour: ferries stop"\ndate: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d\nsummary: ""\ntags:\n {2}- weather\n {2}- harbour\nsource:\n {2}name: wire.example\n {2}url: https:\/\/wire.example\/storm\ndraft: true\n---\n/,
    );
    // The basic site's time zone is Europe/Amsterdam: the date carries its offset (+01:00 or +02:00).
    expect(text).toMatch(/date: \S+\+0[12]:00\n/);

    const checked = await run(
      "check",
      "--content",
      content,
      "--templates",
      path.join(ROOT, "templates"),
      "--public",
      path.join(ROOT, "public"),
      "--cache",
      cache,
    );
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
    // (Scheduled articles follow on lines of their own, depending on the wall clock: check has no --now here.)
    expect(checked.stdout.split("\n")[0]).toMatch(/^Checked: 7 articles, 1 pages in [\d.]+ s; nothing was written\.$/);

    await writeFile(file, "edited by the editor");
    const again = await run("new", "Storm closes the harbour: ferries stop", "--content", content);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /error An article with the slug "storm-closes-the-harbour-ferries-stop" already exists.*\[FileExists\]/,
    );
    expect(await readFile(file, "utf8")).toBe("edited by the editor");
  });

  it("refuses a slug another file already has, e.g. a dated name", async () => {
    const content = path.join(work, "content");
    await cp(path.join(fixture("basic"), "content"), content, { recursive: true });
    const result = await run("new", "Mesh in the hills", "--content", content);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2026-11-18-mesh-in-the-hills\.md/);
  });

  it("needs the headline", async () => {
    expect((await run("new")).code).toBe(2);
  });
});

describe("broadsheet check", () => {
  it("prints errors with code frames and exits 1, writing nothing", async () => {
    const result = await run("check", ...site("invalid-bad-date"));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'content/articles/bad-date.md:3:1 error Date "next Tuesday" is not a date we can read [InvalidDate]\n      2 | title: Library extends its opening hours\n    > 3 | date: next Tuesday\n        | ^\n',
    );
    expect(result.stdout).toMatch(/^Check failed: /);
    expect(await readdir(work)).toEqual(["cache"]);
  });

  it("--format github prints one workflow command per problem, on its line", async () => {
    const result = await run("check", "--format", "github", ...site("invalid-many-problems"));
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines)
      expect(line).toMatch(
        /^::error file=[^,]*content\/(articles|pages)\/[\w-]+\.md,line=\d+,col=\d+,title=Broadsheet \w+::\S/,
      );
    const bad = await run("check", "--format", "github", ...site("invalid-bad-date"));
    const file = path.relative(process.cwd(), path.join(fixture("invalid-bad-date"), "content/articles/bad-date.md"));
    expect(bad.stdout).toBe(
      `::error file=${file},line=3,col=1,title=Broadsheet InvalidDate::Date "next Tuesday" is not a date we can read%0AWrite the date as 2024-05-01, 2024-05-01T10:00:00+02:00 or 2024-05-01 10:00:00 -0700.`,
    );
  });

  it("--format json gives counts and diagnostics with frames", async () => {
    const result = await run("check", "--format", "json", ...site("invalid-bad-yaml"));
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ ok: false, errors: 1, warnings: 0 });
    expect(doc.diagnostics[0]).toMatchObject({ code: "YamlSyntax", line: 3, frame: expect.stringContaining("> 3 |") });
  });

  it("reports links, alt text and shortcodes as warnings: exit 0, or 1 with --strict", async () => {
    const plain = await run("check", ...site("hugo"));
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/with-shortcode\.md:9:1 warning .*\[Shortcode\]/);
    expect(plain.stderr).toMatch(
      /grid-deal\.md:10:48 warning Link to \/posts\/dam-opens\/ goes to no page of the site \[BrokenLink\]\n {4}Did you mean \/articles\/dam-opens\/\?/,
    );
    // The draft is checked too (it is valid: nothing to report).
    expect(plain.stdout).toMatch(/^Checked: 4 articles/);
    const strict = await run("check", "--strict", ...site("hugo"));
    expect(strict.code).toBe(1);
    const github = await run("check", "--format", "github", ...site("hugo"));
    expect(github.stdout.split("\n").map((l) => l.slice(0, 10))).toEqual(["::warning ", "::warning "]);
  });

  it("reports a template that does not compile", async () => {
    const templates = path.join(work, "templates");
    await cp(path.join(ROOT, "theme/templates"), templates, { recursive: true });
    await writeFile(path.join(templates, "partials", "time.hbs"), "{{#if x}}unclosed\n");
    const result = await run(
      "check",
      "--templates",
      templates,
      "--content",
      path.join(fixture("basic"), "content"),
      "--public",
      path.join(ROOT, "public"),
      "--cache",
      cache,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/partials\/time\.hbs:\d+:\d+ error .*\[TemplateSyntax\]/);
  });

  it("refuses options that belong to another command, and unknown formats", async () => {
    expect((await run("check", "--port", "1")).code).toBe(2);
    expect((await run("check", "--format", "xml")).code).toBe(2);
    expect((await run("build", "--format", "json")).code).toBe(2);
  });
});

describe("a command line we cannot run", () => {
  it.each([
    { argv: ["build", "--draft"], says: "Unknown option --draft: did you mean --drafts?" },
    { argv: ["--base_url", "https://x.example/"], says: "Unknown option --base_url: did you mean --base-url?" },
    { argv: ["new", "Storm", "--tag", "x"], says: "Unknown option --tag: did you mean --tags?" },
    { argv: ["check", "--strcit"], says: "Unknown option --strcit: did you mean --strict?" },
    { argv: ["check", "--draft"], says: "Unknown option --draft." },
    { argv: ["build", "-x"], says: "Unknown option -x." },
    { argv: ["build", "--content"], says: "--content needs a value (--content DIR)." },
    { argv: ["new", "Storm", "--author"], says: "--author needs a value (--author NAME)." },
    {
      argv: ["build", "--out", "--drafts"],
      says: '--out needs a value (--out DIR), not the option "--drafts"; write --out=--drafts if that is the value.',
    },
    { argv: ["build", "--drafts=yes"], says: '--drafts takes no value (got "--drafts=yes").' },
    { argv: ["biuld"], says: 'Unknown command "biuld": did you mean "build"?' },
    { argv: ["chekc"], says: 'Unknown command "chekc": did you mean "check"?' },
    { argv: ["publish"], says: 'Unknown command "publish".' },
    { argv: ["constructor"], says: 'Unknown command "constructor".' },
  ])("$argv: $says", async ({ argv, says }) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n\n")[0]).toBe(says);
    expect(result.stderr).toContain("\n\nUsage: broadsheet <command> [options]");
  });

  it("lists --author and --summary in the usage of new", async () => {
    const result = await run("--help");
    expect(result.stdout).toMatch(/new "Headline" [^\n]*\n\s+\[--author NAME\] \[--summary TEXT\]\n/);
  });
});
