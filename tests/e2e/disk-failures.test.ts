/**
 * Failures of the disk in the middle of a build — a file that vanishes, a full disk — are errors that
 * name the path: exit 1, the lock released, no temporary file or half-written tree left, the live
 * site untouched. The failures are injected by wrapping node:fs (its ES module bindings follow once
 * synced), so they happen at a known moment whoever runs the tests (root reads everything).
 */
import fs, { existsSync, readdirSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { build } from "../../src/build.js";
import { makeProject, removeProjects } from "../helpers/project.js";
import { listFiles, NOW } from "../helpers/site.js";

afterAll(removeProjects);
afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

const buildProject = (project: string, extra: { threads?: number } = {}) =>
  build({
    now: NOW,
    threads: extra.threads ?? 2,
    paths: {
      content: path.join(project, "content"),
      templates: path.join(project, "templates"),
      public: path.join(project, "public"),
      out: path.join(project, "dist"),
      cache: path.join(project, ".cache"),
    },
  });

const systemError = (code: string, file: string) =>
  Object.assign(new Error(`${code}: injected, '${file}'`), { code, path: file });

/** Every file and folder beside and inside the output: no lock, temp file or stray tree may be left. */
function leftovers(project: string): string[] {
  const found = (readdirSync(project, { recursive: true }) as string[]).filter((f) =>
    /\.tmp$|\.lock$|\.old-|\.link-/.test(f),
  );
  return found.sort();
}

describe("disk failures during a build", () => {
  it("an article deleted while the site is built: ReadError naming it, the live site untouched", async () => {
    const project = makeProject();
    expect((await buildProject(project)).isOk).toBe(true);
    const before = await listFiles(path.join(project, "dist"));
    // The article is edited, so its body must be read again to render it… and it is gone by then.
    const file = path.join(project, "content/articles/grid-data-format.md");
    fs.appendFileSync(file, "\nOne more paragraph.\n");
    const realRead = fs.readFileSync.bind(fs);
    let reads = 0;
    vi.spyOn(fs, "readFileSync").mockImplementation(((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (typeof p === "string" && p.endsWith("grid-data-format.md") && ++reads > 1) throw systemError("ENOENT", p);
      return (realRead as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readFileSync);
    syncBuiltinESMExports();
    const result = await buildProject(project);
    expect(reads).toBeGreaterThan(1);
    expect(result.isOk).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "ReadError",
        message: expect.stringMatching(
          /Cannot read file .*grid-data-format\.md: it disappeared while the site was being built/,
        ),
      }),
    ]);
    vi.restoreAllMocks();
    syncBuiltinESMExports();
    expect(await listFiles(path.join(project, "dist"))).toEqual(before);
    expect(leftovers(project)).toEqual([]);
  });

  it.each([
    ["a body's cache entry", (p: string) => p.includes(`${path.sep}html${path.sep}`)],
    ["the content index", (p: string) => p.includes(`${path.sep}index${path.sep}`)],
    ["a page of the site", (p: string) => p.endsWith(`about${path.sep}index.html`)],
    ["the build report", (p: string) => p.includes(`.dist.builds${path.sep}report.json`)],
  ])(
    "ENOSPC while writing %s: WriteError naming it, no temporary file or half-written tree, the live site untouched",
    async (_name, isTarget) => {
      const project = makeProject();
      expect((await buildProject(project)).isOk).toBe(true);
      const before = await listFiles(path.join(project, "dist"));
      // Every article changes (new bodies, new index, new pages), then the disk fills up.
      const articles = path.join(project, "content/articles");
      for (const name of readdirSync(articles, { recursive: true }) as string[])
        if (name.endsWith(".md")) fs.appendFileSync(path.join(articles, name), "\nEdited.\n");
      fs.appendFileSync(path.join(project, "content/pages/about.md"), "\nEdited.\n");
      const realWrite = fs.writeFileSync.bind(fs);
      let failed = "";
      vi.spyOn(fs, "writeFileSync").mockImplementation(((
        p: fs.PathOrFileDescriptor,
        data: string | NodeJS.ArrayBufferView,
        ...rest: unknown[]
      ) => {
        if (typeof p === "string" && failed === "" && isTarget(p)) {
          // As a full disk does: part of the file is written, then the write fails.
          realWrite(p, typeof data === "string" ? data.slice(0, 10) : "");
          failed = p;
          throw systemError("ENOSPC", p);
        }
        return (realWrite as (...a: unknown[]) => unknown)(p, data, ...rest);
      }) as typeof fs.writeFileSync);
      syncBuiltinESMExports();
      const result = await buildProject(project);
      vi.restoreAllMocks();
      syncBuiltinESMExports();
      expect(failed).not.toBe("");
      expect(result.isOk).toBe(false);
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([
        expect.objectContaining({ code: "WriteError", message: expect.stringMatching(/the disk is full/) }),
      ]);
      expect(await listFiles(path.join(project, "dist"))).toEqual(before);
      expect(leftovers(project)).toEqual([]);
      expect(existsSync(failed), failed).toBe(false);
      // Nothing staged is left in the state folder: only its marker, the published site's manifest and
      // the build report of the build that published it.
      expect(readdirSync(path.join(project, ".dist.builds")).sort()).toEqual([
        "BROADSHEET",
        "folder.manifest",
        "report.json",
      ]);
      // And the next build, with room on the disk, is whole.
      const again = await buildProject(project);
      expect(again.isOk).toBe(true);
    },
  );
});
