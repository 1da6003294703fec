import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MemoryWriter, resolveInside, type PlannedOutput } from "../../../src/output/writer.js";
import { LinkWriter } from "../../../src/output/link-writer.js";

const file = (p: string, contents: string, fingerprint: string | null = null): PlannedOutput => ({
  path: p,
  fingerprint,
  produce: () => contents,
});
const STAMP = { inputKey: "k", articles: 0, pages: 0 };
const write = async (out: string, outputs: PlannedOutput[]) =>
  (await new LinkWriter(out).prepare(outputs, STAMP)).commit();
const tempOut = async () => path.join(await mkdtemp(path.join(tmpdir(), "writer-")), "dist");

describe("resolveInside", () => {
  it.each(["../escape.html", "a/../../escape.html", "/etc/passwd", "", "a/\0b"])("refuses %j", (p) => {
    expect(() => resolveInside("/srv/out", p)).toThrow(/escapes the output folder/);
  });

  it("accepts nested paths inside the root", () => {
    expect(resolveInside("/srv/out", "tags/café/index.html")).toBe("/srv/out/tags/café/index.html");
  });
});

describe("LinkWriter", () => {
  it("publishes the site as a link to a complete tree, replacing an empty folder", async () => {
    const out = await tempOut();
    mkdirSync(out);
    const report = await write(out, [file("index.html", "new"), file("a/b/c.txt", "deep")]);
    expect(report.changed).toEqual(["a/b/c.txt", "index.html"]);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readdirSync(out).sort()).toEqual(["a", "index.html"]);
    expect(readFileSync(path.join(out, "a/b/c.txt"), "utf8")).toBe("deep");
    expect(readdirSync(path.dirname(out)).sort()).toEqual([".dist.builds", "dist"]);
    expect(readdirSync(path.join(path.dirname(out), ".dist.builds")).sort()).toEqual(["BROADSHEET", "a", "a.manifest"]);
  });

  it("never replaces a folder that holds files (the build refuses it earlier; the writer fails rather than delete)", async () => {
    const out = await tempOut();
    mkdirSync(out);
    writeFileSync(path.join(out, "mine.txt"), "the user's");
    await expect(write(out, [file("index.html", "new")])).rejects.toThrow(/Cannot write/);
    expect(readFileSync(path.join(out, "mine.txt"), "utf8")).toBe("the user's");
  });

  it("writes nothing at all when no byte changed", async () => {
    const out = await tempOut();
    await write(out, [file("index.html", "same")]);
    const target = readlinkSync(out);
    const mtime = statSync(path.join(out, "index.html")).mtimeMs;
    const report = await write(out, [file("index.html", "same")]);
    expect(report).toMatchObject({ changed: [], deleted: [] });
    expect(readlinkSync(out)).toBe(target);
    expect(statSync(path.join(out, "index.html")).mtimeMs).toBe(mtime);
  });

  it("swaps in a tree where only changed files are new, unchanged ones keep their mtime, and gone ones are deleted", async () => {
    const out = await tempOut();
    await write(out, [file("keep.html", "k"), file("edit.html", "v1"), file("gone/x.html", "x")]);
    const keptMtime = statSync(path.join(out, "keep.html")).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const report = await write(out, [file("keep.html", "k"), file("edit.html", "v2"), file("new.html", "n")]);
    expect(report.changed).toEqual(["edit.html", "new.html"]);
    expect(report.deleted).toEqual(["gone/x.html"]);
    expect(readdirSync(out).sort()).toEqual(["edit.html", "keep.html", "new.html"]);
    expect(readFileSync(path.join(out, "edit.html"), "utf8")).toBe("v2");
    expect(statSync(path.join(out, "keep.html")).mtimeMs).toBe(keptMtime);
    // A third build goes back to the first tree and still ends up exact.
    await write(out, [file("keep.html", "k"), file("edit.html", "v3")]);
    expect(readdirSync(out).sort()).toEqual(["edit.html", "keep.html"]);
    expect(readFileSync(path.join(out, "edit.html"), "utf8")).toBe("v3");
    expect(statSync(path.join(out, "keep.html")).mtimeMs).toBe(keptMtime);
  });

  it("does not produce an output whose fingerprint is unchanged, and links its bytes from the live tree", async () => {
    const out = await tempOut();
    await write(out, [file("a.html", "A", "fp-a"), file("b.html", "B1", "fp-b1")]);
    let producedA = 0;
    const report = await write(out, [
      { path: "a.html", fingerprint: "fp-a", produce: () => (producedA++, "A") },
      file("b.html", "B2", "fp-b2"),
    ]);
    expect(producedA).toBe(0);
    expect(report.produced).toBe(1);
    expect(readFileSync(path.join(out, "a.html"), "utf8")).toBe("A");
  });

  it("mirrorLive fills the standby tree with links, so the next build writes only what changed", async () => {
    const out = await tempOut();
    const builds = path.join(path.dirname(out), ".dist.builds");
    await write(out, [file("a.html", "A"), file("dir/b.html", "B"), file("c.html", "C")]);
    const live = readlinkSync(out).endsWith("a") ? "a" : "b";
    const standby = live === "a" ? "b" : "a";
    await new LinkWriter(out).mirrorLive();
    const linked = statSync(path.join(builds, standby, "dir/b.html"));
    expect(linked.ino).toBe(statSync(path.join(builds, live, "dir/b.html")).ino);
    // The next build: one file changes, one goes; the rest stay the very same links.
    const report = await write(out, [file("a.html", "A2"), file("dir/b.html", "B")]);
    expect(report.changed).toEqual(["a.html"]);
    expect(readlinkSync(out).endsWith(standby)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(["a.html", "dir"]);
    expect(statSync(path.join(out, "dir/b.html")).ino).toBe(linked.ino);
    // Mirroring again only touches what differs, and leaves an exact copy.
    await new LinkWriter(out).mirrorLive();
    expect(readdirSync(path.join(builds, live)).sort()).toEqual(["a.html", "dir"]);
    expect(readFileSync(path.join(builds, live, "a.html"), "utf8")).toBe("A2");
  });

  it("leaves the live site untouched when an output path escapes the folder", async () => {
    const out = await tempOut();
    await write(out, [file("index.html", "old")]);
    await expect(new LinkWriter(out).prepare([file("ok.html", "x"), file("../evil.html", "x")], STAMP)).rejects.toThrow(
      /escapes/,
    );
    expect(readdirSync(out)).toEqual(["index.html"]);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("old");
  });
});

describe("LinkWriter with planted build state (a committed .dist.builds, a shared CI cache)", () => {
  /** A folder outside the site with a file the attacker would like deleted or overwritten. */
  async function victim() {
    const dir = await mkdtemp(path.join(tmpdir(), "victim-"));
    writeFileSync(path.join(dir, "precious.txt"), "keep me");
    return dir;
  }
  const forgedManifest = (rows: [string, string, string | null][]) =>
    `broadsheet-manifest-3 ${"0".repeat(64)}\n${JSON.stringify(STAMP)}\n${JSON.stringify(rows)}`;

  it("refuses a standby tree that is a link to another folder, and writes or deletes nothing there", async () => {
    const out = await tempOut();
    const elsewhere = await victim();
    const builds = path.join(path.dirname(out), ".dist.builds");
    // As committed: dist -> .dist.builds/a, and the standby tree b -> the victim, with manifests
    // (in the older, unsigned format as well) that list the victim's file.
    mkdirSync(path.join(builds, "a"), { recursive: true });
    symlinkSync(".dist.builds/a", out);
    symlinkSync(elsewhere, path.join(builds, "b"));
    const rows = JSON.stringify([["precious.txt", "x", null]]);
    writeFileSync(path.join(builds, "a.manifest"), `broadsheet-manifest-2\n${JSON.stringify(STAMP)}\n${rows}`);
    writeFileSync(path.join(builds, "b.manifest"), `broadsheet-manifest-2\n${JSON.stringify(STAMP)}\n${rows}`);
    await expect(write(out, [file("index.html", "site")])).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({ code: "UnsafeOutput", message: expect.stringMatching(/b is a symbolic link/) }),
      ],
    });
    writeFileSync(path.join(builds, "b.manifest"), forgedManifest([["precious.txt", "x", null]]));
    await expect(write(out, [file("index.html", "site")])).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: "UnsafeOutput" })],
    });
    expect(readdirSync(elsewhere)).toEqual(["precious.txt"]);
    expect(readFileSync(path.join(elsewhere, "precious.txt"), "utf8")).toBe("keep me");
  });

  it("refuses a builds folder that is a link", async () => {
    const out = await tempOut();
    const elsewhere = await victim();
    symlinkSync(elsewhere, path.join(path.dirname(out), ".dist.builds"));
    await expect(write(out, [file("index.html", "site")])).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: "UnsafeOutput" })],
    });
    expect(readdirSync(elsewhere)).toEqual(["precious.txt"]);
  });

  it("does not trust a manifest that is not signed with the cache key: the tree is rebuilt from empty, never through a planted link", async () => {
    const out = await tempOut();
    const elsewhere = await victim();
    await write(out, [file("index.html", "v1")]);
    const builds = path.join(path.dirname(out), ".dist.builds");
    // The standby tree "b" gets a link to the victim and a manifest listing the victim's file: in
    // the older unsigned format, then in the current format with a signature made without the key.
    mkdirSync(path.join(builds, "b"));
    symlinkSync(elsewhere, path.join(builds, "b", "x"));
    writeFileSync(
      path.join(builds, "b.manifest"),
      `broadsheet-manifest-2\n${JSON.stringify(STAMP)}\n${JSON.stringify([["x/precious.txt", "h", null]])}`,
    );
    await write(out, [file("index.html", "v2"), file("x/new.html", "new")]);
    expect(readdirSync(elsewhere)).toEqual(["precious.txt"]);
    mkdirSync(path.join(builds, "a", "y"));
    rmSync(path.join(builds, "a", "y"), { recursive: true });
    symlinkSync(elsewhere, path.join(builds, "a", "y"));
    writeFileSync(path.join(builds, "a.manifest"), forgedManifest([["y/precious.txt", "h", null]]));
    await write(out, [file("index.html", "v3"), file("x/new.html", "new")]);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("v3");
    expect(lstatSync(path.join(out, "x")).isDirectory()).toBe(true);
    expect(readdirSync(elsewhere)).toEqual(["precious.txt"]);
  });

  it("never writes, links or deletes through a link planted inside a tree it trusts", async () => {
    const out = await tempOut();
    const elsewhere = await victim();
    await write(out, [file("a.html", "A"), file("dir/b.html", "B")]);
    const live = readlinkSync(out);
    // After the build, the live tree's folder is swapped for a link to the victim.
    const liveDir = path.resolve(path.dirname(out), live, "dir");
    rmSync(liveDir, { recursive: true });
    symlinkSync(elsewhere, liveDir);
    await expect(write(out, [file("a.html", "A2"), file("dir/b.html", "B")])).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({
          code: "UnsafeOutput",
          message: expect.stringMatching(/leads outside the output tree/),
        }),
      ],
    });
    expect(readdirSync(elsewhere)).toEqual(["precious.txt"]);
    expect(readFileSync(path.join(elsewhere, "precious.txt"), "utf8")).toBe("keep me");
  });

  it("refuses an entry in the builds folder that it never makes", async () => {
    const out = await tempOut();
    await write(out, [file("a.html", "A")]);
    writeFileSync(path.join(path.dirname(out), ".dist.builds", "notes.txt"), "?");
    await expect(write(out, [file("a.html", "B")])).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({
          code: "UnsafeOutput",
          message: expect.stringMatching(/notes\.txt is not a file Broadsheet makes/),
        }),
      ],
    });
    expect(readFileSync(path.join(out, "a.html"), "utf8")).toBe("A");
  });
});

describe("MemoryWriter", () => {
  it("keeps the files of the last site written", async () => {
    const w = new MemoryWriter();
    await (await w.prepare([file("a", "1")], STAMP)).commit();
    const report = await (await w.prepare([file("b", "2")], STAMP)).commit();
    expect([...w.files.keys()]).toEqual(["b"]);
    expect(report).toMatchObject({ changed: ["b"], deleted: ["a"] });
  });
});
