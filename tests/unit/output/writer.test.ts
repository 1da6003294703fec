import { mkdtemp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FsWriter, MemoryWriter, resolveInside } from "../../../src/output/writer.js";

describe("resolveInside", () => {
  it.each(["../escape.html", "a/../../escape.html", "/etc/passwd", "", "a/\0b"])("refuses %j", (p) => {
    expect(() => resolveInside("/srv/out", p)).toThrow(/escapes the output folder/);
  });

  it("accepts nested paths inside the root", () => {
    expect(resolveInside("/srv/out", "tags/café/index.html")).toBe("/srv/out/tags/café/index.html");
  });
});

describe("FsWriter", () => {
  it("replaces the previous site as a whole and leaves no staging folder", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "writer-"));
    const out = path.join(parent, "dist");
    await mkdir(out);
    await writeFile(path.join(out, "stale.html"), "old");
    await new FsWriter(out).writeSite([{ path: "index.html", contents: "new" }, { path: "a/b/c.txt", contents: new Uint8Array([1, 2]) }]);
    expect((await readdir(out)).sort()).toEqual(["a", "index.html"]);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("new");
    expect(await readdir(parent)).toEqual(["dist"]);
  });

  it("leaves the previous site untouched when a file cannot be written", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "writer-"));
    const out = path.join(parent, "dist");
    await mkdir(out);
    await writeFile(path.join(out, "index.html"), "old");
    await expect(new FsWriter(out).writeSite([{ path: "ok.html", contents: "x" }, { path: "../evil.html", contents: "x" }])).rejects.toThrow(/escapes/);
    expect(await readdir(out)).toEqual(["index.html"]);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("old");
    expect(await readdir(parent)).toEqual(["dist"]);
  });
});

describe("MemoryWriter", () => {
  it("keeps the files of the last site written", async () => {
    const w = new MemoryWriter();
    await w.writeSite([{ path: "a", contents: "1" }]);
    await w.writeSite([{ path: "b", contents: "2" }]);
    expect([...w.files.keys()]).toEqual(["b"]);
  });
});
