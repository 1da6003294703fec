import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DiskCache } from "../../../src/cache/disk-cache.js";
import { SiteError } from "../../../src/errors.js";

const newCache = async () => new DiskCache(await mkdtemp(path.join(tmpdir(), "cache-")));
const onlyEntry = (dir: string, ns = "ns") =>
  path.join(
    dir,
    ns,
    (readdirSync(path.join(dir, ns), { recursive: true }) as string[]).find((f) => f.endsWith(".txt"))!,
  );

describe("DiskCache", () => {
  it("returns what was stored under a key", async () => {
    const cache = await newCache();
    cache.writeJson("ns", "abc123", { html: "<p>x</p>" });
    expect(cache.readJson("ns", "abc123")).toEqual({ html: "<p>x</p>" });
    expect(cache.readJson("ns", "other")).toBeUndefined();
  });

  it.each([
    ["a changed payload", (t: string) => t.replace("<p>x</p>", "<p>y</p>")],
    ["a truncated file", (t: string) => t.slice(0, t.length - 5)],
    ["an entry stored under another key", (t: string) => t.replace(" abc123 ", " abc124 ")],
    ["a file without a header", (t: string) => t.slice(t.indexOf("\n") + 1)],
  ])("treats %s as missing and counts it as damaged", async (_name, damage) => {
    const cache = await newCache();
    cache.writeJson("ns", "abc123", { html: "<p>x</p>" });
    const file = onlyEntry(cache.dir!);
    writeFileSync(file, damage(readFileSync(file, "utf8")));
    expect(cache.readJson("ns", "abc123")).toBeUndefined();
    expect(cache.damaged).toBe(1);
  });

  it("does not trust an entry signed with another key, or re-checksummed after a change (a forged or committed cache)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cache-"));
    new DiskCache(dir, Buffer.from("someone else's key, 32 bytes....")).writeJson("html", "k1", {
      html: "<script src=chart.js></script>",
    });
    const mine = new DiskCache(dir, Buffer.from("my own key, kept outside the site"));
    expect(mine.readJson("html", "k1")).toBeUndefined();
    // The old format's checksum was a plain SHA-256 of the payload: anyone could recompute it.
    const payload = JSON.stringify({ html: "<script src=chart.js></script>" });
    const file = onlyEntry(dir, "html");
    writeFileSync(file, `broadsheet-cache-1 k1 ${createHash("sha256").update(payload).digest("hex")}\n${payload}`);
    expect(mine.readJson("html", "k1")).toBeUndefined();
    writeFileSync(file, `broadsheet-cache-2 k1 ${createHash("sha256").update(payload).digest("hex")}\n${payload}`);
    expect(mine.readJson("html", "k1")).toBeUndefined();
    expect(mine.damaged).toBe(3);
    // An entry moved to another namespace does not verify there either.
    mine.writeJson("page", "k2", { html: "<p>page</p>" });
    const pageFile = onlyEntry(dir, "page");
    const moved = path.join(dir, "html", "k2".slice(0, 2), "k2.txt");
    mkdirSync(path.dirname(moved), { recursive: true });
    writeFileSync(moved, readFileSync(pageFile));
    expect(mine.readJson("html", "k2")).toBeUndefined();
  });

  it("tags its folder with CACHEDIR.TAG on first write", async () => {
    const cache = await newCache();
    cache.writeJson("ns", "k", 1);
    expect(readFileSync(path.join(cache.dir!, "CACHEDIR.TAG"), "utf8")).toMatch(
      /^Signature: 8a477f597d28d172789f06886806bc55\n/,
    );
  });

  it("reads no entry through a link or from a FIFO, and writes nowhere through a linked folder", async () => {
    const cache = await newCache();
    const elsewhere = await mkdtemp(path.join(tmpdir(), "elsewhere-"));
    cache.writeJson("ns", "abc", { ok: true });
    const file = onlyEntry(cache.dir!);
    const copy = path.join(elsewhere, "entry.txt");
    writeFileSync(copy, readFileSync(file));
    rmSync(file);
    symlinkSync(copy, file);
    expect(cache.readJson("ns", "abc")).toBeUndefined();
    // A FIFO would block a plain read forever.
    rmSync(file);
    expect(spawnSync("mkfifo", [file]).status).toBe(0);
    expect(cache.readJson("ns", "abc")).toBeUndefined();
    // A folder of the cache that is a link (a restored cache with html -> /elsewhere) stops writes.
    symlinkSync(elsewhere, path.join(cache.dir!, "html"));
    expect(() => new DiskCache(cache.dir).writeJson("html", "ab12", 1)).toThrow(SiteError);
    expect(readdirSync(elsewhere)).toEqual(["entry.txt"]);
  });

  it("removes its temporary file and throws a WriteError naming the entry when the write fails", async () => {
    const cache = await newCache();
    cache.writeJson("ns", "abc", 1);
    const folder = path.dirname(onlyEntry(cache.dir!));
    // The entry's name taken by a folder makes the rename fail after the temporary file is written.
    rmSync(onlyEntry(cache.dir!));
    mkdirSync(path.join(folder, "abc.txt", "x"), { recursive: true });
    let thrown: unknown;
    try {
      cache.writeJson("ns", "abc", 2);
    } catch (cause) {
      thrown = cause;
    }
    expect(thrown).toBeInstanceOf(SiteError);
    expect((thrown as SiteError).diagnostics).toEqual([
      expect.objectContaining({ code: "WriteError", message: expect.stringMatching(/abc\.txt/) }),
    ]);
    expect(readdirSync(folder)).toEqual(["abc.txt"]);
  });

  it("keeps a journal of signed lines: a torn or forged line is skipped, the lines before and after are kept", async () => {
    const cache = await newCache();
    cache.appendJournal("index", "summaries", '["one"]');
    cache.appendJournal("index", "summaries", '["two"]');
    const file = path.join(cache.dir!, "index", "summaries.journal");
    // A kill mid-write leaves half a line; someone else appends an unsigned one.
    writeFileSync(file, `${readFileSync(file, "utf8")}abc123 ["forged"]\n${readFileSync(file, "utf8").slice(0, 20)}\n`);
    cache.appendJournal("index", "summaries", '["three"]');
    expect(cache.readJournal("index", "summaries")).toEqual(['["one"]', '["two"]', '["three"]']);
    expect(cache.damaged).toBe(2);
    expect(
      new DiskCache(cache.dir, Buffer.from("another key, another machine....")).readJournal("index", "summaries"),
    ).toEqual([]);
    cache.removeJournal("index", "summaries");
    expect(cache.readJournal("index", "summaries")).toEqual([]);
  });

  it("stores nothing and finds nothing without a folder (--no-cache)", () => {
    const cache = new DiskCache(null);
    cache.writeJson("ns", "k", 1);
    expect(cache.readJson("ns", "k")).toBeUndefined();
  });
});
