/**
 * The build cache is not trusted: a cache committed to the repository, restored from a CI cache a
 * pull request could write, or forged with a recomputed checksum, never puts its entries on a page.
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeProject, removeProjects, runCli } from "../helpers/project.js";

afterAll(removeProjects);

/** Every cache entry file under `dir`. */
function entries(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".txt"))
    .map((f) => path.join(dir, f));
}

/** A project with a bundled article whose folder also holds a script, as a page bundle may. */
function projectWithChart(): string {
  const project = makeProject();
  const bundle = path.join(project, "content/articles/charts");
  mkdirSync(bundle);
  writeFileSync(
    path.join(bundle, "index.md"),
    "---\ntitle: Charts of the week\ndate: 2026-11-20\n---\nThe week in charts, below.\n",
  );
  writeFileSync(path.join(bundle, "chart.js"), "window.pwned = true;\n");
  return project;
}

describe("a forged cache entry", () => {
  it.each([
    [
      "with its SHA-256 recomputed (the old checksum)",
      (payload: string, key: string) =>
        `broadsheet-cache-1 ${key} ${createHash("sha256").update(payload).digest("hex")}\n${payload}`,
    ],
    [
      "in the current format with a checksum instead of the HMAC",
      (payload: string, key: string) =>
        `broadsheet-cache-2 ${key} ${createHash("sha256").update(payload).digest("hex")}\n${payload}`,
    ],
  ])("%s never reaches a page: a CI build (restored cache, empty output) renders the body again", (_name, forge) => {
    const project = projectWithChart();
    expect(runCli(project, ["build"]).status).toBe(0);
    const entry = entries(path.join(project, ".cache/html")).find((f) =>
      readFileSync(f, "utf8").includes("The week in charts"),
    )!;
    const [header] = readFileSync(entry, "utf8").split("\n");
    const key = header!.split(" ")[1]!;
    const evil = '<p>The week in charts, below.</p>\n<script src="chart.js"></script>';
    writeFileSync(entry, forge(JSON.stringify({ html: evil, absoluteHtml: evil }), key));
    rmSync(path.join(project, "dist"), { recursive: true });
    rmSync(path.join(project, ".dist.builds"), { recursive: true });
    const run = runCli(project, ["build"]);
    expect(run.status, run.stderr).toBe(0);
    const page = readFileSync(path.join(project, "dist/articles/charts/index.html"), "utf8");
    expect(page).toContain("The week in charts");
    expect(page).not.toMatch(/<script src="chart\.js"/);
    expect(readFileSync(path.join(project, "dist/feed.xml"), "utf8")).not.toMatch(/chart\.js/);
  });

  it("a cache made with another key (another machine, a committed cache) is rebuilt, never used", () => {
    const project = projectWithChart();
    expect(runCli(project, ["build"], { BROADSHEET_CACHE_KEY: "the key of some other machine!" }).status).toBe(0);
    rmSync(path.join(project, "dist"), { recursive: true });
    rmSync(path.join(project, ".dist.builds"), { recursive: true });
    const run = runCli(project, ["build"]);
    expect(run.status).toBe(0);
    // Every published body is rendered again: nothing of the other key's cache was used.
    expect(run.stdout).toMatch(/^Built 5 articles, \d+ pages, \d+ files \(5 rendered,/);
  });
});

describe("a cache folder tracked by git", () => {
  it("is named in a CacheTracked warning on every build", () => {
    const project = projectWithChart();
    expect(runCli(project, ["build"]).status).toBe(0);
    const git = (...args: string[]) =>
      spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
        cwd: project,
        encoding: "utf8",
      });
    git("init", "-q");
    git("add", "-f", ".cache", "content");
    git("commit", "-qm", "oops");
    for (const command of ["build", "check"]) {
      const run = runCli(project, [command]);
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/\.cache warning The cache folder \.cache is tracked by git \[CacheTracked\]/);
      expect(run.stderr).toMatch(/git rm -r --cached \.cache/);
    }
    git("rm", "-rq", "--cached", ".cache");
    expect(runCli(project, ["build"]).stderr).not.toMatch(/CacheTracked/);
  });
});
