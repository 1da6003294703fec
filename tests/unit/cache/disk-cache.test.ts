import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DiskCache } from "../../../src/cache/disk-cache.js";

const newCache = async () => new DiskCache(await mkdtemp(path.join(tmpdir(), "cache-")));
const onlyEntry = (dir: string) => path.join(dir, "ns", (readdirSync(path.join(dir, "ns"), { recursive: true }) as string[]).find((f) => f.endsWith(".txt"))!);

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

  it("stores nothing and finds nothing without a folder (--no-cache)", () => {
    const cache = new DiskCache(null);
    cache.writeJson("ns", "k", 1);
    expect(cache.readJson("ns", "k")).toBeUndefined();
  });
});
