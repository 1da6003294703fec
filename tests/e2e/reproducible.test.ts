/**
 * Reproducibility: the same content, templates and --now give byte-identical sites across runs,
 * cold and warm caches, one or more threads, any file-system listing order, any process time zone,
 * locale and working directory.
 */
import { spawnSync } from "node:child_process";
import fs, { utimesSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { cp, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { build } from "../../src/build.js";
import { fixture, NOW, readTree, ROOT } from "../helpers/site.js";
import { generateCorpus } from "../helpers/corpus.js";

const CLI = path.join(ROOT, "bin/broadsheet.js");
let content: string;

/** Builds `contentDir` into a fresh folder with its own cache; resolves to the site's bytes. */
async function buildFresh(contentDir: string, extra: { threads?: number; cache?: string } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), "repro-"));
  const out = path.join(dir, "dist");
  const result = await build({
    now: NOW,
    threads: extra.threads ?? 2,
    paths: {
      content: contentDir,
      templates: path.join(ROOT, "templates"),
      public: path.join(ROOT, "public"),
      out,
      cache: extra.cache ?? path.join(dir, "cache"),
    },
  });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return { out, result, tree: await readTree(out) };
}

/** Files of the tree whose bytes differ (for a readable failure). */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => !a.get(p)?.equals(b.get(p) ?? Buffer.alloc(0)) || !a.has(p) || !b.has(p)).sort();
}

beforeAll(async () => {
  // A generated archive plus the basic fixture's articles (dated names, sub-folders, a page).
  content = await generateCorpus(60);
  await cp(path.join(fixture("basic"), "content/articles"), path.join(content, "articles"), { recursive: true });
  await cp(path.join(fixture("basic"), "content/pages"), path.join(content, "pages"), { recursive: true });
  await cp(path.join(fixture("basic"), "content/site.yaml"), path.join(content, "site.yaml"));
});

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

describe("the same inputs give the same bytes", () => {
  it("across two cold builds, one thread or two, and a warm build after every file was touched", async () => {
    const first = await buildFresh(content, { threads: 2 });
    const second = await buildFresh(content, { threads: 1 });
    expect(first.tree.size).toBeGreaterThan(100);
    expect(differences(first.tree, second.tree)).toEqual([]);

    // Warm: same cache and output, every source touched (new mtimes, same bytes).
    const later = new Date("2030-01-01T00:00:00Z");
    for (const f of await readdir(path.join(content, "articles"), { recursive: true })) {
      if (String(f).endsWith(".md")) utimesSync(path.join(content, "articles", String(f)), later, later);
    }
    const cache = path.join(path.dirname(first.out), "cache");
    const warm = await build({
      now: NOW,
      paths: {
        content,
        templates: path.join(ROOT, "templates"),
        public: path.join(ROOT, "public"),
        out: first.out,
        cache,
      },
    });
    expect(warm.write!.changed).toEqual([]);
    expect(differences(first.tree, await readTree(first.out))).toEqual([]);
  });

  it("whatever order the file system lists files in", async () => {
    const reference = await buildFresh(content);
    // Every folder listing comes back reversed, then shuffled with a fixed seed. The readers list
    // folders with readdirSync; the ES module bindings of node:fs follow the spy once synced.
    const realReaddir = fs.readdirSync.bind(fs);
    let seed = 7;
    const shuffle = <T>(list: T[]): T[] => {
      const out = [...list].reverse();
      for (let i = out.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const j = seed % (i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    };
    let reordered = 0;
    const spy = vi.spyOn(fs, "readdirSync").mockImplementation(((...args: Parameters<typeof fs.readdirSync>) => {
      const real = realReaddir(...args) as unknown[];
      const mixed = shuffle(real);
      if (mixed.some((entry, i) => entry !== real[i])) reordered++;
      return mixed;
    }) as typeof fs.readdirSync);
    syncBuiltinESMExports();
    const shuffled = await buildFresh(content);
    expect(spy).toHaveBeenCalled();
    // The articles folder, its sub-folders and public/ really came back in another order.
    expect(reordered).toBeGreaterThanOrEqual(3);
    expect(differences(reference.tree, shuffled.tree)).toEqual([]);
  });

  it("whatever the time zone, locale and working directory of the process", async () => {
    const reference = await buildFresh(content);
    const dir = await mkdtemp(path.join(tmpdir(), "repro-env-"));
    const out = path.join(dir, "dist");
    const run = spawnSync(
      process.execPath,
      [
        CLI,
        "build",
        "--content",
        content,
        "--templates",
        path.join(ROOT, "templates"),
        "--public",
        path.join(ROOT, "public"),
        "--out",
        out,
        "--cache",
        path.join(dir, "cache"),
        "--now",
        NOW,
      ],
      {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(differences(reference.tree, await readTree(out))).toEqual([]);
  });

  it("after an edit is made and undone (cold content, warm cache)", async () => {
    const { out, tree } = await buildFresh(content);
    const cache = path.join(path.dirname(out), "cache");
    const file = path.join(content, "articles", "grid-data-format.md");
    const original = await fs.promises.readFile(file, "utf8");
    const options = {
      now: NOW,
      paths: { content, templates: path.join(ROOT, "templates"), public: path.join(ROOT, "public"), out, cache },
    };
    try {
      await fs.promises.writeFile(file, original.replace("title:", "title: Edited —"));
      expect((await build(options)).write!.changed.length).toBeGreaterThan(0);
    } finally {
      await fs.promises.writeFile(file, original);
    }
    await build(options);
    expect(isDeepStrictEqual(await readTree(out), tree)).toBe(true);
  });
});
