/**
 * The output folder as deploy tools see it: a real folder of regular files, so tar, cp -r, rsync,
 * zip, GitHub's Pages artifact and Netlify's publish folder all get the whole site, and a rebuild
 * leaves unchanged files (and their mtimes) alone. Link mode (--atomic-link) stays for servers
 * that serve from a link.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, readdirSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeProject, removeProjects, runCli } from "../helpers/project.js";
import { readTree } from "../helpers/site.js";

afterAll(removeProjects);

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
for (const tool of ["tar", "rsync", "zip", "unzip"])
  if (!has(tool)) console.warn(`SKIPPED: the ${tool} case needs ${tool} (apt-get install -y ${tool})`);

/** A built project and the bytes of its site. */
async function built() {
  const project = makeProject();
  const run = runCli(project, ["build"]);
  expect(run.status, run.stderr).toBe(0);
  const site = await readTree(path.join(project, "dist"));
  expect(site.size).toBeGreaterThan(30);
  return { project, site };
}

const sh = (cwd: string, command: string, ...args: string[]) => execFileSync(command, args, { cwd, stdio: "pipe" });

describe("the output folder, as deploy tools see it", () => {
  it("is a real folder of regular files, nothing else (Netlify's publish folder, a static host's upload)", async () => {
    const { project, site } = await built();
    const dist = path.join(project, "dist");
    expect(lstatSync(dist).isDirectory()).toBe(true);
    for (const rel of readdirSync(dist, { recursive: true }) as string[]) {
      const stats = lstatSync(path.join(dist, rel));
      expect(stats.isFile() || stats.isDirectory(), `${rel} is a link or special file`).toBe(true);
    }
    expect(site.has("index.html") && site.has("feed.xml") && site.has("assets/site.css")).toBe(true);
  });

  it.skipIf(!has("tar"))("tar czf site.tgz dist holds the whole site", async () => {
    const { project, site } = await built();
    sh(project, "tar", "czf", "site.tgz", "dist");
    mkdirSync(path.join(project, "unpacked"));
    sh(path.join(project, "unpacked"), "tar", "xzf", "../site.tgz");
    expect(await readTree(path.join(project, "unpacked/dist"))).toEqual(site);
  });

  it("cp -r dist copy holds the whole site", async () => {
    const { project, site } = await built();
    sh(project, "cp", "-r", "dist", "copy");
    expect(await readTree(path.join(project, "copy"))).toEqual(site);
  });

  it.skipIf(!has("rsync"))("rsync -a dist/ host/ holds the whole site", async () => {
    const { project, site } = await built();
    sh(project, "rsync", "-a", "dist/", "host/");
    expect(await readTree(path.join(project, "host"))).toEqual(site);
  });

  it.skipIf(!has("zip") || !has("unzip"))("zip -r site.zip dist holds the whole site", async () => {
    const { project, site } = await built();
    sh(project, "zip", "-qr", "site.zip", "dist");
    mkdirSync(path.join(project, "unzipped"));
    sh(path.join(project, "unzipped"), "unzip", "-q", "../site.zip");
    expect(await readTree(path.join(project, "unzipped/dist"))).toEqual(site);
  });

  it.skipIf(!has("tar"))(
    "GitHub's Pages artifact (actions/upload-pages-artifact's tar command) holds the whole site",
    async () => {
      const { project, site } = await built();
      // The command the action runs (upload-pages-artifact v3, action.yml).
      sh(
        project,
        "tar",
        "--dereference",
        "--hard-dereference",
        "--directory",
        "dist",
        "-cf",
        "artifact.tar",
        "--exclude=.git",
        "--exclude=.github",
        ".",
      );
      mkdirSync(path.join(project, "pages"));
      sh(path.join(project, "pages"), "tar", "xf", "../artifact.tar");
      expect(await readTree(path.join(project, "pages"))).toEqual(site);
    },
  );

  it("a rebuild after one edit rewrites only what changed: the other files keep their mtime (rsync and CDN uploads skip them)", async () => {
    const { project } = await built();
    const dist = path.join(project, "dist");
    const before = new Map(
      (readdirSync(dist, { recursive: true }) as string[])
        .filter((f) => statSync(path.join(dist, f)).isFile())
        .map((f) => [f, statSync(path.join(dist, f)).mtimeMs]),
    );
    await new Promise((r) => setTimeout(r, 30));
    appendFileSync(path.join(project, "content/pages/about.md"), "\nOne more line.\n");
    const run = runCli(project, ["build"]);
    expect(run.stdout).toMatch(/\(0 rendered, 1 changed, 0 deleted\)/);
    const touched = [...before].filter(([f, mtime]) => statSync(path.join(dist, f)).mtimeMs !== mtime).map(([f]) => f);
    expect(touched).toEqual(["about/index.html"]);
  });

  it("--atomic-link publishes a link to a complete tree instead, switched at once", async () => {
    const project = makeProject();
    expect(runCli(project, ["build", "--atomic-link"]).status).toBe(0);
    expect(lstatSync(path.join(project, "dist")).isSymbolicLink()).toBe(true);
    writeFileSync(path.join(project, "content/pages/about.md"), "---\ntitle: About\n---\nChanged.\n");
    expect(runCli(project, ["build"]).status).toBe(0);
    expect(lstatSync(path.join(project, "dist")).isDirectory()).toBe(true);
  });
});
