/**
 * Pages from the cache: a build into an empty output folder with a warm cache (a CI build with a
 * restored `.cache`) takes every page and feed from the cache by fingerprint instead of rendering it,
 * and publishes the same bytes; an entry that does not verify, or was kept for another fingerprint,
 * is rendered again.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeProject, removeProjects, runCli } from "../helpers/project.js";

afterAll(removeProjects);

/** Every file of a built site, by path. */
function siteFiles(dir: string, prefix = ""): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const d of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, d.name);
    if (d.isDirectory()) for (const [f, b] of siteFiles(dir, rel)) files.set(f, b);
    else files.set(rel, readFileSync(path.join(dir, rel)));
  }
  return files;
}

function emptyOutput(project: string): void {
  rmSync(path.join(project, "dist"), { recursive: true });
  rmSync(path.join(project, ".dist.builds"), { recursive: true });
}

/** The kept outputs (blobs named by their SHA-256), with their text. */
function keptOutputs(project: string): [string, string][] {
  return [...siteFiles(path.join(project, ".cache/output"))].map(([f, b]) => [
    path.join(project, ".cache/output", f),
    b.toString("utf8"),
  ]);
}

const builtLine = (stdout: string) => stdout.split("\n").find((l) => l.startsWith("Built ")) ?? stdout;

describe("pages from the cache", () => {
  it("fills an empty output folder from a warm cache without rendering a page, byte for byte", () => {
    const project = makeProject();
    const first = runCli(project, ["build"]);
    expect(first.status, first.stderr).toBe(0);
    expect(builtLine(first.stdout)).not.toMatch(/from the cache/);
    const cold = siteFiles(path.join(project, "dist"));

    emptyOutput(project);
    const ci = runCli(project, ["build"]);
    expect(ci.status, ci.stderr).toBe(0);
    const line = builtLine(ci.stdout);
    // No Markdown rendered, and every page and feed (pages + feeds + crawler files) from the cache.
    expect(line).toMatch(/\(0 rendered, /);
    const pages = Number(/ (\d+) pages,/.exec(line)![1]);
    const reused = Number(/(\d+) files from the cache/.exec(line)?.[1] ?? 0);
    expect(reused).toBeGreaterThanOrEqual(pages);
    const warm = siteFiles(path.join(project, "dist"));
    // Placed as hard links to the kept blobs (one file system here): nothing was copied.
    expect(statSync(path.join(project, "dist/about/index.html")).nlink).toBe(2);
    expect([...warm.keys()].sort()).toEqual([...cold.keys()].sort());
    for (const [file, bytes] of cold) expect(warm.get(file)?.equals(bytes), file).toBe(true);
  });

  it("keeps nothing a failed build made: a page a template failed on is not placed by the next build", () => {
    const project = makeProject();
    const footer = path.join(project, "templates/partials/site-footer.hbs");
    const good = readFileSync(footer, "utf8");
    writeFileSync(footer, good.replace("</footer>", "{{#each}}{{/each}}</footer>"));
    const failed = runCli(project, ["build"]);
    expect(failed.status).not.toBe(0);
    const again = runCli(project, ["build"]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/site-footer/);
    writeFileSync(footer, good);
    expect(runCli(project, ["build"]).status).toBe(0);
  });

  it("renders again a page whose kept entry was forged, or kept for other templates", () => {
    const project = makeProject();
    expect(runCli(project, ["build"]).status).toBe(0);
    const about = readFileSync(path.join(project, "dist/about/index.html"), "utf8");
    // A kept page changed in place (a planted script): its bytes no longer hash to its name.
    const [entry, text] = keptOutputs(project).find(([, t]) => t.includes("<h1") && t.includes("About us"))!;
    emptyOutput(project);
    writeFileSync(entry, text.replace("</h1>", '</h1><script>alert("kept")</script>'));
    expect(runCli(project, ["build"]).status).toBe(0);
    expect(readFileSync(path.join(project, "dist/about/index.html"), "utf8")).toBe(about);

    // A template edit changes every page's fingerprint: no kept page is used (feeds are not templated).
    const base = path.join(project, "templates/partials/site-footer.hbs");
    writeFileSync(base, readFileSync(base, "utf8").replace("</footer>", "<p>Edition of the day</p></footer>"));
    emptyOutput(project);
    const run = runCli(project, ["build"]);
    expect(run.status, run.stderr).toBe(0);
    const footed = [...siteFiles(path.join(project, "dist"))].filter(
      ([f, b]) => f.endsWith(".html") && b.includes("site-footer"),
    );
    expect(footed.length).toBeGreaterThan(10);
    for (const [file, bytes] of footed) expect(bytes.includes("Edition of the day"), file).toBe(true);
    expect(readFileSync(path.join(project, "dist/about/index.html"), "utf8")).toContain("Edition of the day");
  });
});
