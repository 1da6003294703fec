/** Test helper: a complete site project in a temp folder (content, templates, public), run through the CLI as a user would. */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fixture, NOW, ROOT } from "./site.js";

/** The CLI as installed (compiled lib/). */
export const CLI = path.join(ROOT, "bin/broadsheet.js");

/** Made projects, removed by `removeProjects()` (call it in afterAll). */
const made: string[] = [];

/** A temp folder holding `project/` with the basic fixture's content and the repository's templates and public/. */
export function makeProject(options: { git?: boolean; site?: string } = {}): string {
  const base = mkdtempSync(path.join(tmpdir(), "broadsheet-project-"));
  made.push(base);
  const project = path.join(base, "project");
  cpSync(path.join(fixture(options.site ?? "basic"), "content"), path.join(project, "content"), { recursive: true });
  cpSync(path.join(ROOT, "theme/templates"), path.join(project, "templates"), { recursive: true });
  cpSync(path.join(ROOT, "public"), path.join(project, "public"), { recursive: true });
  if (options.git) {
    const git = (...args: string[]) => spawnSync("git", args, { cwd: project, stdio: "ignore" });
    git("init", "-q");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "site");
  }
  return project;
}

/** Runs `broadsheet <args>` in `cwd` (the build clock pinned, one thread); never throws. */
export function runCli(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 120_000,
): SpawnSyncReturns<string> {
  const withNow = args[0] === "build" || args[0] === "check" ? [...args, "--now", NOW, "--jobs", "1"] : [...args];
  return spawnSync(process.execPath, [CLI, ...withNow], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: timeoutMs,
  });
}

/** Removes every project this file made. */
export function removeProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
