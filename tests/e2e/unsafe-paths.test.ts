/**
 * Mistyped or hostile output and cache folders: every one is refused before anything is touched,
 * naming the path, and the user's files survive (issue "Safe with the user's files").
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeProject, removeProjects, runCli } from "../helpers/project.js";
import { listFiles } from "../helpers/site.js";
import { checkWritablePaths } from "../../src/io/guard-paths.js";

afterAll(removeProjects);

/** Every file under `dir` with its bytes, to compare before and after. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(files.map((f) => [f, readFileSync(path.join(dir, f), "latin1")]));
}

describe("build refuses an output folder that is not its own", () => {
  it.each([
    ["the content folder", "content", /it is the content folder/],
    ["the templates folder", "templates", /it is the templates folder/],
    ["a folder inside content", "content/articles", /inside the content folder/],
    ["a folder around public", "..", /contains the working folder/],
    ["the working folder", ".", /is the working folder/],
    ["the cache folder", ".cache", /is the cache folder/],
  ])("--out %s", async (_name, out, reason) => {
    const project = makeProject({ git: true });
    const before = await snapshot(project);
    const run = runCli(project, ["build", "--out", out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/\[UnsafeOutput\]/);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toMatch(/Pass --out with a new or empty folder/);
    expect(await snapshot(project)).toEqual(before);
    // No lock or build trees were left beside anything.
    expect(readdirSync(project).sort()).toEqual([".git", "content", "public", "templates"]);
  });

  it("refuses an existing folder that Broadsheet did not make, and a file", async () => {
    const project = makeProject();
    mkdirSync(path.join(project, "Documents"));
    writeFileSync(path.join(project, "Documents", "taxes.txt"), "mine");
    writeFileSync(path.join(project, "report.txt"), "mine too");
    for (const out of ["Documents", "report.txt"]) {
      const run = runCli(project, ["build", "--out", out]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        out === "report.txt"
          ? /report\.txt as the output folder: it is a file/
          : /Documents as the output folder: it is a folder Broadsheet did not make/,
      );
    }
    expect(readFileSync(path.join(project, "Documents", "taxes.txt"), "utf8")).toBe("mine");
    expect(readFileSync(path.join(project, "report.txt"), "utf8")).toBe("mine too");
  });

  // Never the real home folder or root: if the refusal ever broke, this test must not be what deletes them.
  it("refuses the home folder (a stand-in, through HOME) and the file-system root (checked without touching it)", () => {
    const project = makeProject();
    const home = path.join(path.dirname(project), "home");
    mkdirSync(home);
    writeFileSync(path.join(home, ".bashrc"), "mine");
    const run = runCli(project, ["build", "--out", home], { HOME: home });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/as the output folder: it is your home folder/);
    expect(readdirSync(home)).toEqual([".bashrc"]);
    const place = { cwd: project, home };
    const inputs = { content: "content", templates: "templates", public: "public", cache: null };
    expect(checkWritablePaths({ ...inputs, out: "/" }, { place })).toEqual([
      expect.objectContaining({
        code: "UnsafeOutput",
        message: expect.stringMatching(/it is the root of the file system/),
      }),
    ]);
    expect(checkWritablePaths({ ...inputs, out: null, cache: "/" }, { place })).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/cache folder: it is the root of the file system/) }),
    ]);
    expect(checkWritablePaths({ ...inputs, out: null, cache: home }, { place })).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/cache folder: it is your home folder/) }),
    ]);
  });

  it("refuses an output link that points somewhere Broadsheet did not make", async () => {
    const project = makeProject();
    mkdirSync(path.join(project, "backup"));
    writeFileSync(path.join(project, "backup/site.tgz"), "x");
    symlinkSync("backup", path.join(project, "dist"));
    const run = runCli(project, ["build"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /dist as the output folder: it is a symbolic link to .*backup, which Broadsheet did not make/,
    );
    expect(readdirSync(path.join(project, "backup"))).toEqual(["site.tgz"]);
    // A link to one of the site's own folders is refused as that folder.
    symlinkSync("content", path.join(project, "out"));
    expect(runCli(project, ["build", "--out", "out"]).stderr).toMatch(
      /out as the output folder: it is the content folder/,
    );
    expect(existsSync(path.join(project, "content/articles"))).toBe(true);
  });

  it("builds into an empty folder and into its own output, and again", () => {
    const project = makeProject();
    mkdirSync(path.join(project, "site"));
    expect(runCli(project, ["build", "--out", "site"]).status).toBe(0);
    expect(runCli(project, ["build", "--out", "site"]).status).toBe(0);
    expect(readFileSync(path.join(project, "site/index.html"), "utf8")).toMatch(/<html/);
  });
});

describe("the cache folder", () => {
  it.each([
    ["content", /is the content folder/],
    ["public/assets", /inside the public folder/],
    [".", /is the working folder/],
  ])("build refuses --cache %s", async (cache, reason) => {
    const project = makeProject();
    const before = await snapshot(project);
    const run = runCli(project, ["build", "--cache", cache]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/as the cache folder/);
    expect(run.stderr).toMatch(reason);
    expect(await snapshot(project)).toEqual(before);
  });

  it("build refuses a cache folder that holds someone else's files", () => {
    const project = makeProject();
    mkdirSync(path.join(project, "notes"));
    writeFileSync(path.join(project, "notes/todo.txt"), "x");
    const run = runCli(project, ["build", "--cache", "notes"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/notes as the cache folder: it is a folder Broadsheet did not make/);
  });

  it("clean refuses --cache content, and any folder without Broadsheet's CACHEDIR.TAG", async () => {
    const project = makeProject({ git: true });
    const before = await snapshot(project);
    for (const cache of ["content", "templates", ".", "public"]) {
      const run = runCli(project, ["clean", "--cache", cache]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/\[UnsafeOutput\]/);
    }
    // A forged tag does not make the site's own folders deletable either.
    writeFileSync(
      path.join(project, "content/CACHEDIR.TAG"),
      "Signature: 8a477f597d28d172789f06886806bc55\n# Broadsheet\n",
    );
    expect(runCli(project, ["clean", "--cache", "content"]).status).toBe(1);
    mkdirSync(path.join(project, "other"));
    writeFileSync(path.join(project, "other/a.txt"), "x");
    expect(runCli(project, ["clean", "--cache", "other"]).stderr).toMatch(/has no Broadsheet CACHEDIR\.TAG/);
    expect(existsSync(path.join(project, "other/a.txt"))).toBe(true);
    const after = await snapshot(project);
    after.delete("content/CACHEDIR.TAG");
    after.delete("other/a.txt");
    expect(after).toEqual(before);
  });

  it("dev refuses a cache folder that would put its site inside the content, before it serves anything", () => {
    const project = makeProject();
    const before = readdirSync(path.join(project, "content")).sort();
    const run = runCli(project, ["dev", "--cache", "content", "--port", "0"], {}, 30_000);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/content as the cache folder: it is the content folder \[UnsafeOutput\]/);
    expect(run.stdout).not.toMatch(/Serving/);
    expect(readdirSync(path.join(project, "content")).sort()).toEqual(before);
  });

  it("clean removes the cache a build made (it carries CACHEDIR.TAG)", () => {
    const project = makeProject();
    expect(runCli(project, ["build"]).status).toBe(0);
    expect(readFileSync(path.join(project, ".cache/CACHEDIR.TAG"), "utf8")).toMatch(
      /^Signature: 8a477f597d28d172789f06886806bc55\n.*Broadsheet/,
    );
    const run = runCli(project, ["clean"]);
    expect(run.status).toBe(0);
    expect(existsSync(path.join(project, ".cache"))).toBe(false);
    expect(existsSync(path.join(project, "content/articles"))).toBe(true);
  });
});

describe("outputs a case-insensitive disk (macOS, Windows) would take for one file", () => {
  it("public/Index.html beside the generated index.html is an OutputConflict naming both", () => {
    const project = makeProject();
    writeFileSync(path.join(project, "public/Index.html"), "<p>a hand-made home page</p>");
    const run = runCli(project, ["build"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /public\/Index\.html error The public\/ file "Index\.html" would overwrite another output: a generated page \("index\.html"\) is the same file on a case-insensitive disk/,
    );
  });

  it("tags σ and ς get folders that stay two folders there", async () => {
    const project = makeProject();
    writeFileSync(
      path.join(project, "content/articles/sigma.md"),
      "---\ntitle: Sigma\ndate: 2026-11-20\ntags: [σ]\n---\nText.\n",
    );
    writeFileSync(
      path.join(project, "content/articles/final-sigma.md"),
      "---\ntitle: Final sigma\ndate: 2026-11-20\ntags: [ς]\n---\nText.\n",
    );
    expect(runCli(project, ["build"]).status).toBe(0);
    const tags = readdirSync(path.join(project, "dist/tags")).filter((n) => /^[σς]/.test(n));
    expect(tags).toHaveLength(2);
    expect(new Set(tags.map((t) => t.normalize("NFC").toUpperCase().toLowerCase())).size).toBe(2);
  });
});
