/**
 * The link policy, end to end through the CLI: a link that stays inside the site is followed; one
 * that leaves it (a contributor's pull request with `public -> ~/.ssh`, `site.yaml ->
 * /proc/self/environ`) is never read, never published and never quoted in a message; loops and
 * unreadable folders are errors, never an empty folder.
 */
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, makeProject, removeProjects, runCli } from "../helpers/project.js";
import { listFiles, NOW } from "../helpers/site.js";

const outside: string[] = [];
afterAll(() => {
  removeProjects();
  for (const dir of outside) rmSync(dir, { recursive: true, force: true });
});

const SECRET = "s3cr3t-ci-token-5f1c";

/** A folder outside the project, holding a secret in `id_rsa` and `secret.txt`. */
function secrets(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "broadsheet-secrets-"));
  outside.push(dir);
  writeFileSync(path.join(dir, "id_rsa"), `-----BEGIN KEY-----\n${SECRET}\n`);
  writeFileSync(path.join(dir, "secret.txt"), `TOKEN: ${SECRET}\nother: [unclosed\n`);
  return dir;
}

/** Everything the command printed. */
const printed = (run: { stdout: string; stderr: string }) => `${run.stdout}\n${run.stderr}`;

function expectRefused(
  run: { status: number | null; stdout: string; stderr: string },
  link: RegExp,
  code = "UnsafeLink",
) {
  expect(run.status, printed(run)).toBe(1);
  // Text goes to stderr as "[Code]"; json and github formats go to stdout.
  expect(printed(run)).toMatch(new RegExp(`\\b${code}\\b`));
  expect(printed(run)).toMatch(link);
  expect(printed(run)).not.toContain(SECRET);
}

describe("links that leave the site are never read", () => {
  it("public -> a folder outside the project: refused, nothing published", () => {
    const project = makeProject();
    const dir = secrets();
    rmSync(path.join(project, "public"), { recursive: true });
    symlinkSync(dir, path.join(project, "public"));
    const run = runCli(project, ["build"]);
    expectRefused(run, new RegExp(`public is a symbolic link to ${dir}, outside the site`));
    expect(existsSync(path.join(project, "dist"))).toBe(false);
  });

  it("a partial -> a file outside the project: build and check refuse it and never quote it", () => {
    const project = makeProject();
    const dir = secrets();
    symlinkSync(path.join(dir, "secret.txt"), path.join(project, "templates/partials/leak.hbs"));
    expectRefused(
      runCli(project, ["build"]),
      /templates\/partials\/leak\.hbs is a symbolic link to .*secret\.txt, outside the site/,
    );
    for (const format of ["text", "json", "github"]) expectRefused(runCli(project, ["check", "--format", format]), /./);
  });

  it("site.yaml -> /proc/self/environ: check prints no environment variable", () => {
    const project = makeProject();
    rmSync(path.join(project, "content/site.yaml"));
    symlinkSync("/proc/self/environ", path.join(project, "content/site.yaml"));
    for (const args of [["check"], ["check", "--format", "json"], ["build"], ["new", "A headline"]]) {
      const run = runCli(project, args, { CI_DEPLOY_TOKEN: SECRET });
      expectRefused(run, /content\/site\.yaml is a symbolic link to \/proc\/self\/environ, outside the site/);
    }
  });

  it("a partial -> /proc/self/environ (a template with a syntax error would be quoted in a frame)", () => {
    const project = makeProject();
    symlinkSync("/proc/self/environ", path.join(project, "templates/partials/env.hbs"));
    expectRefused(
      runCli(project, ["check"], { CI_DEPLOY_TOKEN: SECRET }),
      /env\.hbs is a symbolic link to \/proc\/self\/environ/,
    );
  });

  it.each([
    ["content/articles", (dir: string) => dir],
    ["content/pages", (dir: string) => dir],
    ["content/articles/leak.md", (dir: string) => path.join(dir, "secret.txt")],
    ["content/articles/grid-data-format.md", (dir: string) => path.join(dir, "secret.txt")],
    ["templates/layouts/article.hbs", (dir: string) => path.join(dir, "secret.txt")],
    ["public/assets/extra", (dir: string) => dir],
  ])("%s -> outside the project: refused", (link, target) => {
    const project = makeProject();
    const dir = secrets();
    rmSync(path.join(project, link), { recursive: true, force: true });
    symlinkSync(target(dir), path.join(project, link));
    expectRefused(
      runCli(project, ["build"]),
      new RegExp(
        `${link.replace(/[./]/g, "\\$&")} is a symbolic link to ${target(dir).replace(/[./]/g, "\\$&")}, outside the site`,
      ),
    );
    expect(existsSync(path.join(project, "dist"))).toBe(false);
  });

  it("a file beside a bundled article -> outside the project: refused", () => {
    const project = makeProject();
    const dir = secrets();
    const bundle = path.join(project, "content/articles/dam");
    mkdirSync(bundle);
    writeFileSync(path.join(bundle, "index.md"), "---\ntitle: Dam\ndate: 2026-11-20\n---\n![The dam](photo.jpg)\n");
    symlinkSync(path.join(dir, "id_rsa"), path.join(bundle, "photo.jpg"));
    expectRefused(runCli(project, ["build"]), /content\/articles\/dam\/photo\.jpg is a symbolic link/);
  });
});

describe("links that stay inside the site are followed", () => {
  it("publishes a public/ folder, an article and a bundle file reached through links inside the project", async () => {
    const project = makeProject();
    mkdirSync(path.join(project, "shared/images"), { recursive: true });
    writeFileSync(path.join(project, "shared/images/logo.txt"), "shared logo");
    writeFileSync(
      path.join(project, "shared/story.md"),
      "---\ntitle: A shared story\ndate: 2026-11-20\n---\nFrom elsewhere in the repository.\n",
    );
    symlinkSync("../shared/images", path.join(project, "public/shared"));
    symlinkSync("../../shared/story.md", path.join(project, "content/articles/shared-story.md"));
    const run = runCli(project, ["build"]);
    expect(run.status, run.stderr).toBe(0);
    const files = await listFiles(path.join(project, "dist"));
    expect(files).toEqual(expect.arrayContaining(["shared/logo.txt", "articles/shared-story/index.html"]));
    expect(readFileSync(path.join(project, "dist/shared/logo.txt"), "utf8")).toBe("shared logo");
  });
});

describe("loops and unreadable folders are errors, and the live site stays whole", () => {
  it.each([
    [
      "public -> public",
      (project: string) => (
        rmSync(path.join(project, "public"), { recursive: true }), symlinkSync("public", path.join(project, "public"))
      ),
      /public is a symbolic link that leads back into itself/,
    ],
    [
      "public/assets/loop -> ..",
      (project: string) => symlinkSync("..", path.join(project, "public/assets/loop")),
      /public\/assets\/loop is a symbolic link that leads back into itself/,
    ],
    [
      "content/articles/again -> .",
      (project: string) => symlinkSync(".", path.join(project, "content/articles/again")),
      /content\/articles\/again is a symbolic link that leads back into itself/,
    ],
  ])("%s: LinkLoop, and the published site keeps its stylesheet", async (_name, plant, message) => {
    const project = makeProject();
    expect(runCli(project, ["build"]).status).toBe(0);
    const before = await listFiles(path.join(project, "dist"));
    expect(before).toContain("assets/site.css");
    plant(project);
    const run = runCli(project, ["build"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/\[LinkLoop\]/);
    expect(run.stderr).toMatch(message);
    expect(await listFiles(path.join(project, "dist"))).toEqual(before);
  });

  it("a folder named like a template is a ReadError, not a crash", () => {
    const project = makeProject();
    mkdirSync(path.join(project, "templates/partials/x.hbs"));
    const run = runCli(project, ["build"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/templates\/partials\/x\.hbs is a folder, not a template \[ReadError\]/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

/**
 * Permissions, as a user without them: root reads everything, so as root the build runs as
 * `nobody` (setpriv); otherwise the files are simply made unreadable.
 */
const asUser = process.getuid?.() === 0 ? (spawnSync("setpriv", ["--version"]).status === 0 ? "nobody" : null) : "self";
if (asUser === null)
  console.warn("SKIPPED: permission tests need setpriv when run as root (apt-get install util-linux)");

describe.skipIf(asUser === null)("files and folders the build may not read", () => {
  /** A project everyone may read and write, built once so there is a live site to keep. */
  function openProject(): string {
    const project = makeProject();
    chmodSync(path.dirname(project), 0o755);
    spawnSync("chmod", ["-R", "a+rwX", project]);
    const run = runAs(project, ["build"]);
    expect(run.status, run.stderr).toBe(0);
    return project;
  }
  function runAs(project: string, args: string[]) {
    const cli = [CLI, ...args, "--now", NOW, "--jobs", "1"];
    const command =
      asUser === "nobody"
        ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, ...cli]
        : [process.execPath, ...cli];
    return spawnSync(command[0]!, command.slice(1), {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, HOME: project },
    });
  }

  it.each([
    ["a folder in public/", "public/assets", /Cannot read folder public\/assets: permission denied \[ReadError\]/],
    [
      "a file in public/",
      "public/favicon.svg",
      /Cannot read file public\/favicon\.svg: permission denied \[ReadError\]/,
    ],
    [
      "a layout",
      "templates/layouts/article.hbs",
      /Cannot read file templates\/layouts\/article\.hbs: permission denied \[ReadError\]/,
    ],
    [
      "an article",
      "content/articles/grid-data-format.md",
      /Cannot read file content\/articles\/grid-data-format\.md: permission denied \[ReadError\]/,
    ],
  ])("%s: ReadError naming it, exit 1, the live site whole and no lock left", async (_name, rel, message) => {
    const project = openProject();
    const before = await listFiles(path.join(project, "dist"));
    chmodSync(path.join(project, rel), 0o000);
    const run = runAs(project, ["build"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await listFiles(path.join(project, "dist"))).toEqual(before);
    expect(existsSync(path.join(project, ".dist.lock"))).toBe(false);
    chmodSync(path.join(project, rel), 0o755);
  });

  it("a file beside a bundled article: ReadError", () => {
    const project = openProject();
    const bundle = path.join(project, "content/articles/dam");
    mkdirSync(bundle, { mode: 0o777 });
    writeFileSync(path.join(bundle, "index.md"), "---\ntitle: Dam\ndate: 2026-11-20\n---\n![The dam](photo.jpg)\n", {
      mode: 0o666,
    });
    cpSync(path.join(project, "public/favicon.svg"), path.join(bundle, "photo.jpg"));
    chmodSync(path.join(bundle, "photo.jpg"), 0o000);
    const run = runAs(project, ["build"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Cannot read file content\/articles\/dam\/photo\.jpg: permission denied \[ReadError\]/);
  });
});
