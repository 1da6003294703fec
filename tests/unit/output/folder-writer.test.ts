import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FolderWriter } from "../../../src/output/folder-writer.js";
import { LinkWriter } from "../../../src/output/link-writer.js";
import type { PlannedOutput } from "../../../src/output/writer.js";

const file = (p: string, contents: string, fingerprint: string | null = null): PlannedOutput => ({
  path: p,
  fingerprint,
  produce: () => contents,
});
const STAMP = { inputKey: "k", articles: 0, pages: 0 };
const write = async (out: string, outputs: PlannedOutput[], stamp = STAMP) =>
  (await new FolderWriter(out).prepare(outputs, stamp)).commit();
const tempOut = async () => path.join(await mkdtemp(path.join(tmpdir(), "folder-writer-")), "dist");
const state = (out: string) => path.join(path.dirname(out), ".dist.builds");
/** Every file under `dir`, with its bytes; fails on anything that is not a regular file or folder. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    const stats = lstatSync(path.join(dir, rel));
    if (stats.isSymbolicLink()) throw new Error(`${rel} is a link`);
    if (stats.isFile()) out[rel] = readFileSync(path.join(dir, rel), "utf8");
  }
  return out;
}

describe("FolderWriter", () => {
  it("publishes a real folder of regular files, its state beside it", async () => {
    const out = await tempOut();
    const report = await write(out, [file("index.html", "home"), file("a/b/c.txt", "deep")]);
    expect(report.changed).toEqual(["a/b/c.txt", "index.html"]);
    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(tree(out)).toEqual({ "index.html": "home", "a/b/c.txt": "deep" });
    expect(readdirSync(state(out)).sort()).toEqual(["BROADSHEET", "folder.manifest"]);
    expect(new FolderWriter(out).current()).toEqual({ stamp: STAMP, files: ["a/b/c.txt", "index.html"] });
  });

  it("touches only what changed: unchanged files keep their inode and mtime, gone ones and their empty folders go", async () => {
    const out = await tempOut();
    await write(out, [file("keep.html", "k"), file("edit.html", "v1"), file("gone/x.html", "x")]);
    const kept = statSync(path.join(out, "keep.html"));
    await new Promise((r) => setTimeout(r, 20));
    const report = await write(out, [file("keep.html", "k"), file("edit.html", "v2"), file("new.html", "n")]);
    expect(report).toMatchObject({ changed: ["edit.html", "new.html"], deleted: ["gone/x.html"] });
    expect(tree(out)).toEqual({ "keep.html": "k", "edit.html": "v2", "new.html": "n" });
    expect(existsSync(path.join(out, "gone"))).toBe(false);
    const after = statSync(path.join(out, "keep.html"));
    expect([after.ino, after.mtimeMs]).toEqual([kept.ino, kept.mtimeMs]);
  });

  it("does not produce an output whose fingerprint is unchanged", async () => {
    const out = await tempOut();
    await write(out, [file("a.html", "A", "fp-a"), file("b.html", "B1", "fp-b1")]);
    let producedA = 0;
    const report = await write(out, [
      { path: "a.html", fingerprint: "fp-a", produce: () => (producedA++, "A") },
      file("b.html", "B2", "fp-b2"),
    ]);
    expect(producedA).toBe(0);
    expect(report.produced).toBe(1);
    expect(tree(out)).toEqual({ "a.html": "A", "b.html": "B2" });
  });

  it("publishes nothing when the write is abandoned, and leaves no staged file", async () => {
    const out = await tempOut();
    await write(out, [file("index.html", "old")]);
    (await new FolderWriter(out).prepare([file("index.html", "new"), file("more.html", "m")], STAMP)).abandon();
    expect(tree(out)).toEqual({ "index.html": "old" });
    expect(readdirSync(state(out)).sort()).toEqual(["BROADSHEET", "folder.manifest"]);
  });

  it("replaces a link-mode output with a folder, and removes the link mode's trees", async () => {
    const out = await tempOut();
    await (await new LinkWriter(out).prepare([file("index.html", "linked")], STAMP)).commit();
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    await write(out, [file("index.html", "folder")]);
    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(tree(out)).toEqual({ "index.html": "folder" });
    expect(readdirSync(state(out)).sort()).toEqual(["BROADSHEET", "folder.manifest"]);
    // And back: link mode replaces the folder it published.
    await (await new LinkWriter(out).prepare([file("index.html", "linked again")], STAMP)).commit();
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("linked again");
  });

  it("empties and rebuilds an output whose manifest does not verify, never following a link planted in it", async () => {
    const out = await tempOut();
    const elsewhere = await mkdtemp(path.join(tmpdir(), "victim-"));
    writeFileSync(path.join(elsewhere, "precious.txt"), "keep me");
    await write(out, [file("index.html", "v1"), file("x/page.html", "p")]);
    // A forged manifest (signed with another key) and a link where a folder was.
    writeFileSync(
      path.join(state(out), "folder.manifest"),
      readFileSync(path.join(state(out), "folder.manifest"), "utf8").replace(/^(\S+) \S+/, `$1 ${"0".repeat(64)}`),
    );
    rmSync(path.join(out, "x"), { recursive: true });
    symlinkSync(elsewhere, path.join(out, "x"));
    expect(new FolderWriter(out).current()).toBeNull();
    await write(out, [file("index.html", "v2"), file("x/page.html", "p2")]);
    expect(tree(out)).toEqual({ "index.html": "v2", "x/page.html": "p2" });
    expect(readdirSync(elsewhere)).toEqual(["precious.txt"]);
  });

  it("never writes through a link planted inside an output it trusts", async () => {
    const out = await tempOut();
    const elsewhere = await mkdtemp(path.join(tmpdir(), "victim-"));
    await write(out, [file("index.html", "v1"), file("x/page.html", "p")]);
    rmSync(path.join(out, "x"), { recursive: true });
    symlinkSync(elsewhere, path.join(out, "x"));
    await expect(write(out, [file("index.html", "v1"), file("x/page.html", "p2")])).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({
          code: "UnsafeOutput",
          message: expect.stringMatching(/leads outside the output tree/),
        }),
      ],
    });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it("drops a plan it did not sign, and rebuilds the output whole", async () => {
    const out = await tempOut();
    await write(out, [file("index.html", "v1")]);
    writeFileSync(
      path.join(state(out), "apply.plan"),
      `broadsheet-plan-1 ${"0".repeat(64)}\n${JSON.stringify({ stamp: STAMP, manifest: [], moves: [], deletes: ["index.html"], clear: false, fromLink: false })}`,
    );
    mkdirSync(path.join(state(out), "stage"));
    await write(out, [file("index.html", "v1"), file("b.html", "b")]);
    expect(tree(out)).toEqual({ "index.html": "v1", "b.html": "b" });
    expect(readdirSync(state(out)).sort()).toEqual(["BROADSHEET", "folder.manifest"]);
  });
});
