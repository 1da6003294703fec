/** Test helpers: build fixture sites into temp folders and walk the result. */
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "../../src/build.js";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** A fixture site's folder. */
export const fixture = (name: string): string => path.join(ROOT, "tests/fixtures/sites", name);
/** The build clock every test uses, so output is reproducible. */
export const NOW = "2026-11-26T12:00:00Z";

/** Builds a content folder with the repository's templates and public/ into a fresh temp folder. */
export async function buildInto(contentDir: string, extra: BuildOptions = {}) {
  const out = path.join(await mkdtemp(path.join(tmpdir(), "broadsheet-test-")), "dist");
  const cache = path.join(path.dirname(out), "cache");
  const result = await build({
    now: NOW,
    ...extra,
    paths: {
      content: contentDir,
      templates: path.join(ROOT, "templates"),
      public: path.join(ROOT, "public"),
      out,
      cache,
      ...extra.paths,
    },
  });
  return { out, result };
}

/** Every file under `dir`, as sorted "/"-separated relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** Reads every file under `dir` into a map of relative path → bytes. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f))] as const)));
}
