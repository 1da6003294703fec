/**
 * I/O edge: the persistent, content-addressed build cache (`.cache/` by default).
 * Every entry carries its key and a checksum of its payload; an entry that fails either check is
 * treated as missing (and rewritten), never trusted. Writes go through a temp file and a rename,
 * so a crash leaves either the old entry or the new one.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hashOf } from "./hash.js";
import { crashPoint } from "../output/crash-points.js";

/** Bump when the layout of cache files changes. */
const FORMAT = "broadsheet-cache-1";

/** Where cached values live; `null` directory = no persistence (--no-cache). */
export class DiskCache {
  /** Entries that failed verification during this build (for reports and tests). */
  damaged = 0;

  constructor(readonly dir: string | null) {}

  /** The payload stored under `key` in `namespace`, or undefined when absent or damaged. */
  read(namespace: string, key: string): string | undefined {
    if (this.dir === null) return undefined;
    let text: string;
    try {
      text = readFileSync(this.entryPath(namespace, key), "utf8");
    } catch {
      return undefined;
    }
    const newline = text.indexOf("\n");
    const [format, storedKey, checksum] = text.slice(0, newline).split(" ");
    const payload = text.slice(newline + 1);
    if (newline < 0 || format !== FORMAT || storedKey !== key || checksum !== hashOf(payload)) {
      this.damaged++;
      return undefined;
    }
    return payload;
  }

  /** Stores `payload` under `key` in `namespace` (atomically). */
  write(namespace: string, key: string, payload: string): void {
    if (this.dir === null) return;
    const file = this.entryPath(namespace, key);
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${FORMAT} ${key} ${hashOf(payload)}\n${payload}`);
    crashPoint("cache-temp-written");
    renameSync(temp, file);
  }

  /** Reads a JSON value; undefined when absent, damaged or unparsable. */
  readJson<T>(namespace: string, key: string): T | undefined {
    const payload = this.read(namespace, key);
    if (payload === undefined) return undefined;
    try {
      return JSON.parse(payload) as T;
    } catch {
      this.damaged++;
      return undefined;
    }
  }

  /** Stores a JSON value. */
  writeJson(namespace: string, key: string, value: unknown): void {
    this.write(namespace, key, JSON.stringify(value));
  }

  /** Removes the whole cache folder. */
  clear(): void {
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
  }

  private entryPath(namespace: string, key: string): string {
    // Keys are hex hashes or fixed names; two-level fan-out keeps folders small.
    const safe = key.replace(/[^a-zA-Z0-9_-]/g, "_");
    return path.join(this.dir!, namespace, safe.slice(0, 2), `${safe}.txt`);
  }
}
