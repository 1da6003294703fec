/** `broadsheet init`: a new site that checks and builds, in a new folder or a fresh repository, and never over anything. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli.js";
import { resolveConfig } from "../../src/config/resolve-config.js";
import { packageNameFor, titleFromFolder } from "../../src/site-init/site-names.js";
import { writeStarterFiles } from "../../src/site-init/write-starter.js";
import { listFiles, ROOT } from "../helpers/site.js";
import { CLI } from "../helpers/project.js";

const STARTER = [
  ".github/workflows/check.yml",
  ".github/workflows/deploy.yml",
  ".gitignore",
  "content/articles/your-first-article.md",
  "content/pages/about.md",
  "content/site.yaml",
  "package.json",
];
const running = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

// TODO(default theme): until the package's own theme is found by default, an init'd site builds and
// checks only with the repository's templates and public/ named on the command line.
const THEME = ["--templates", path.join(ROOT, "templates"), "--public", path.join(ROOT, "public")];

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "broadsheet-init-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

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

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8");
const frontMatter = (text: string) => parse(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Record<string, unknown>;
const stepsOf = (workflow: any, job: string) =>
  workflow.jobs[job].steps as {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
  }[];

describe("broadsheet init", () => {
  it("writes exactly the starter files into a new folder and prints them with the next steps", async () => {
    const dir = path.join(work, "harbour-news");
    const result = await run("init", dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await listFiles(dir)).toEqual(STARTER);
    for (const file of STARTER) expect(result.stdout).toContain(`  ${file}\n`);
    expect(result.stdout).toMatch(/Next:\n {2}cd \S*harbour-news\n {2}npm install\n {2}npx broadsheet dev\n/);
    expect(result.stdout).toContain("set baseUrl in content/site.yaml");

    const siteYaml = read(dir, "content/site.yaml");
    expect(parse(siteYaml)).toEqual({
      title: "Harbour News",
      description: "Latest news from Harbour News.",
      baseUrl: "https://example.com/",
      language: "en",
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(siteYaml).toMatch(/^# Replace this placeholder with the real address before you publish\.\nbaseUrl: /m);
    expect(siteYaml).toMatch(/^# email: \S+@\S+$/m);

    expect(JSON.parse(read(dir, "package.json"))).toEqual({
      name: "harbour-news",
      private: true,
      type: "module",
      scripts: {
        build: "broadsheet build",
        dev: "broadsheet dev",
        check: "broadsheet check",
        preview: "broadsheet preview",
      },
      dependencies: { [running.name]: running.version },
      engines: { node: ">=20.19" },
    });
    expect(
      read(dir, ".gitignore")
        .split("\n")
        .filter((line) => line !== "" && !line.startsWith("#")),
    ).toEqual(["node_modules/", "/dist", "/.dist.builds/", "/.dist.lock", ".cache/"]);

    const article = read(dir, "content/articles/your-first-article.md");
    const fields = frontMatter(article);
    expect(fields).toMatchObject({
      title: "Your first article",
      summary: expect.stringMatching(/\w/),
      tags: ["getting started", "markdown"],
    });
    expect(fields).not.toHaveProperty("draft");
    expect(Math.abs(Date.parse(fields.date as string) - Date.now())).toBeLessThan(60_000);
    expect(article).toMatch(/^## \w/m);
    expect(article).toMatch(/^(1\.|-) \S/m);
    expect(article).toMatch(/\[[^\]]+\]\(https:\/\/[^)]+\)/);
    expect(frontMatter(read(dir, "content/pages/about.md"))).toEqual({ title: "About" });
  });

  it("writes a deploy workflow for GitHub Pages with a signed build cache, and a check workflow for pull requests", async () => {
    const dir = path.join(work, "workflows");
    expect((await run("init", dir)).code).toBe(0);
    const deploy = parse(read(dir, ".github/workflows/deploy.yml"));
    expect(deploy.on).toEqual({
      push: { branches: ["main"] },
      schedule: [{ cron: "*/30 * * * *" }],
      workflow_dispatch: null,
    });
    expect(deploy.permissions).toMatchObject({ pages: "write", "id-token": "write" });
    expect(deploy.concurrency.group).toBe("pages");
    const build = stepsOf(deploy, "build");
    expect(build.map((step) => step.uses ?? step.run)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "npm ci",
      "actions/cache@v4",
      "npx broadsheet build",
      "actions/upload-pages-artifact@v3",
    ]);
    expect(build[1]!.with).toEqual({ "node-version": 20, cache: "npm" });
    expect(build[3]!.with).toEqual({
      path: ".cache\n~/.cache/broadsheet\n",
      key: "broadsheet-${{ runner.os }}-${{ github.sha }}",
      "restore-keys": "broadsheet-${{ runner.os }}-\n",
    });
    expect(build[4]!.env).toEqual({ BROADSHEET_CACHE_KEY: "${{ secrets.BROADSHEET_CACHE_KEY }}" });
    const comments = read(dir, ".github/workflows/deploy.yml").replace(/\n\s*#/g, "");
    expect(comments).toMatch(
      /Set this repository secret .* to a long random value.* Without it, the key file restored with the cache is used\./,
    );
    expect(comments).toMatch(/So scheduled and expiring articles go live .* within half an hour/);
    expect(build[5]!.with).toEqual({ path: "dist" });
    expect(deploy.jobs.deploy.needs).toBe("build");
    expect(stepsOf(deploy, "deploy").map((step) => step.uses)).toEqual(["actions/deploy-pages@v4"]);

    const checkText = read(dir, ".github/workflows/check.yml");
    const check = parse(checkText);
    expect(Object.keys(check.on)).toEqual(["pull_request"]);
    expect(stepsOf(check, "check").map((step) => step.uses ?? step.run)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "npm ci",
      "npx broadsheet check --format github",
    ]);
    expect(checkText).not.toMatch(/secrets|actions\/cache/);
  });

  it("starts a site in a fresh git repository (git init news && broadsheet init news)", async () => {
    const dir = path.join(work, "news");
    expect(spawnSync("git", ["init", "-q", dir]).status).toBe(0);
    const result = await run("init", dir, "--base-url", "https://news.example/");
    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([".git", ".github", ".gitignore", "content", "package.json"]);
    expect(parse(read(dir, "content/site.yaml")).baseUrl).toBe("https://news.example/");
    expect(read(dir, "content/site.yaml")).not.toContain("placeholder");
    expect(result.stdout).not.toContain("set baseUrl");
  });

  it("writes a site that passes `check --strict`: the example article and page are valid", async () => {
    const dir = path.join(work, "checked");
    expect((await run("init", dir, "--base-url", "https://news.example/")).code).toBe(0);
    const result = await run(
      "check",
      "--strict",
      "--content",
      path.join(dir, "content"),
      ...THEME,
      "--cache",
      path.join(work, "check-cache"),
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Checked: 1 articles, 1 pages in /);
    expect(result.code).toBe(0);
  });

  it("keeps a title with ': ' and quotes exactly, in the settings and the description", async () => {
    const title = `The "Harbour": news & 'views' # 1`;
    const dir = path.join(work, "quoted");
    expect((await run("init", dir, "--title", title)).code).toBe(0);
    const text = read(dir, "content/site.yaml");
    expect(parse(text)).toMatchObject({ title, description: `Latest news from ${title}.` });
    const config = resolveConfig(text, {}, Date.now());
    expect(Array.isArray(config) ? config : config.site.title).toBe(title);
  });

  it("refuses a folder that holds anything but .git, naming it and what it holds, and writes nothing", async () => {
    const dir = path.join(work, "taken");
    mkdirSync(path.join(dir, "notes"), { recursive: true });
    mkdirSync(path.join(dir, ".git"));
    writeFileSync(path.join(dir, "README.md"), "mine");
    const result = await run("init", dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Cannot start a site in \S*taken: the folder is not empty \(it holds README\.md, notes\/\)\./,
    );
    expect(readdirSync(dir).sort()).toEqual([".git", "README.md", "notes"]);
    expect(readdirSync(path.join(dir, "notes"))).toEqual([]);

    writeFileSync(path.join(work, "a-file"), "mine");
    const file = await run("init", path.join(work, "a-file"));
    expect(file.code).toBe(1);
    expect(file.stderr).toMatch(/a-file: it is a file, not a folder/);
    expect(read(work, "a-file")).toBe("mine");
  });

  it.each([
    ["https://editor:s3cret@news.example/", /--base-url contains a user name or password/],
    ["ftp://news.example/", /--base-url "ftp:\/\/news\.example\/" is not an absolute http\(s\) URL/],
    ["news.example", /--base-url "news\.example" is not an absolute http\(s\) URL/],
  ])("refuses --base-url %s with exit 2 and makes no folder", async (url, message) => {
    const dir = path.join(work, "refused-url");
    const result = await run("init", dir, "--base-url", url);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain("s3cret");
    expect(existsSync(dir)).toBe(false);
  });

  it("takes at most one folder", async () => {
    const result = await run("init", path.join(work, "one"), path.join(work, "two"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^`broadsheet init` takes at most 1 argument/);
    expect(existsSync(path.join(work, "one"))).toBe(false);
  });

  it("removes what it wrote when a write fails, and names the file", () => {
    const dir = path.join(work, "half");
    mkdirSync(dir);
    // The second file's folder would be the first file: mkdir fails after one file is written.
    const outcome = writeStarterFiles(dir, [
      { path: "content/site.yaml", text: "title: x\n" },
      { path: "content/site.yaml/inner.md", text: "x" },
    ]);
    expect(outcome).toMatchObject({
      isOk: false,
      file: "content/site.yaml/inner.md",
      reason: expect.stringMatching(/ENOTDIR|EEXIST/),
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("broadsheet init, run as a program", () => {
  it("starts the site in the working folder, dated in the machine's time zone, and the site builds", () => {
    const dir = path.join(work, "program");
    mkdirSync(dir);
    const init = spawnSync(process.execPath, [CLI, "init"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, TZ: "Asia/Tokyo" },
    });
    expect(init.stderr).toBe("");
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/^Started a site in this folder \(\S*program\):\n/);
    expect(init.stdout).not.toContain("cd ");
    expect(parse(read(dir, "content/site.yaml"))).toMatchObject({ title: "Program", timeZone: "Asia/Tokyo" });
    expect(frontMatter(read(dir, "content/articles/your-first-article.md")).date).toMatch(/T\d\d:\d\d:\d\d\+09:00$/);

    const build = spawnSync(process.execPath, [CLI, "build", ...THEME, "--jobs", "1"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/^Built 1 articles, \d+ pages, /);
    for (const page of ["index.html", "articles/your-first-article/index.html", "about/index.html", "404.html"])
      expect(existsSync(path.join(dir, "dist", page)), page).toBe(true);
  });
});

describe("names from the folder", () => {
  it.each([
    ["harbour-news", "Harbour News", "harbour-news"],
    ["my_local.news", "My Local News", "my_local.news"],
    ["Café Ünïcode!", "Café Ünïcode!", "cafe-unicode"],
    ["broadsheet", "Broadsheet", "broadsheet-site"],
    ["--", "My Site", "site"],
  ])("%s gives the title %s and the package name %s", (folder, title, name) => {
    expect(titleFromFolder(folder)).toBe(title);
    expect(packageNameFor(folder, "broadsheet")).toBe(name);
  });
});
