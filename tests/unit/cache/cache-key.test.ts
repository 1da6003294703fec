import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cacheKey } from "../../../src/cache/cache-key.js";

const made: string[] = [];
const temp = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "cache-key-"));
  made.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("cacheKey", () => {
  it("takes BROADSHEET_CACHE_KEY when it is long enough", async () => {
    const got = cacheKey(await temp(), { BROADSHEET_CACHE_KEY: "a secret of the CI, long enough" });
    expect(got).toMatchObject({ source: "BROADSHEET_CACHE_KEY", warning: null });
    expect(got.key.toString()).toBe("a secret of the CI, long enough");
  });

  it("makes a key file in the user's cache folder on first use (mode 0600) and reads the same key later", async () => {
    const home = await temp();
    const env = { XDG_CACHE_HOME: path.join(home, "xdg") };
    const first = cacheKey(await temp(), env);
    const file = path.join(home, "xdg/broadsheet/cache-key");
    expect(first).toMatchObject({ source: file, warning: null });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    expect(cacheKey(await temp(), env).key.equals(first.key)).toBe(true);
    // Without XDG_CACHE_HOME: ~/.cache.
    expect(cacheKey(await temp(), { HOME: home }).source).toBe(path.join(home, ".cache/broadsheet/cache-key"));
  });

  it("never uses a key file inside the site, where anyone who can commit can read it", async () => {
    const site = await temp();
    const got = cacheKey(site, { XDG_CACHE_HOME: path.join(site, ".cache") });
    expect(got.source).toBe("this process");
    expect(got.warning).toMatchObject({
      code: "CacheKey",
      severity: "warning",
      message: expect.stringMatching(/would be inside the site/),
    });
  });

  it("falls back to a key for this process, with a warning, when the key cannot be kept or is too short", async () => {
    const home = await temp();
    writeFileSync(path.join(home, "file"), "");
    const blocked = cacheKey(await temp(), { XDG_CACHE_HOME: path.join(home, "file") });
    expect(blocked.warning).toMatchObject({
      code: "CacheKey",
      message: expect.stringMatching(/cannot be read or made/),
    });
    expect(cacheKey(await temp(), { BROADSHEET_CACHE_KEY: "short" }).warning).toMatchObject({
      code: "CacheKey",
      message: expect.stringMatching(/shorter than 16/),
    });
    // Two fallback keys differ: nothing made with one verifies with the other.
    expect(cacheKey(await temp(), { BROADSHEET_CACHE_KEY: "short" }).key.equals(blocked.key)).toBe(false);
  });

  it("leaves a key file that holds something else alone, and says so", async () => {
    const home = await temp();
    mkdirSync(path.join(home, "broadsheet"));
    writeFileSync(path.join(home, "broadsheet/cache-key"), "not hex");
    chmodSync(path.join(home, "broadsheet/cache-key"), 0o600);
    // Not a key we made: a fresh key for this process, and the file is left alone.
    const got = cacheKey(await temp(), { XDG_CACHE_HOME: home });
    expect(got.warning).toMatchObject({
      code: "CacheKey",
      message: expect.stringMatching(/not a Broadsheet key; remove it/),
    });
    expect(readFileSync(path.join(home, "broadsheet/cache-key"), "utf8")).toBe("not hex");
  });
});
