/**
 * I/O edge: the persistent, content-addressed build cache (`.cache/` by default).
 * Every entry carries its key and an HMAC of its namespace, key and payload made with the cache key
 * (src/cache/cache-key.ts), which lives outside the site: an entry that fails either check — damaged,
 * made by another machine, committed, or forged with a recomputed checksum — is treated as missing
 * (and rewritten), never trusted. Writes go through a temp file and a rename, so a crash leaves
 * either the old entry or the new one; a failed write removes its temp file and stops the build.
 */
import {
  appendFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { createHash, createHmac } from "node:crypto";
import path from "node:path";
import { error, SiteError } from "../errors.js";
import { crashPoint } from "../output/crash-points.js";
import { readOwnFile, writeError, writeOwnFileAtomic } from "../io/own-files.js";
import { shownPath } from "../io/read-policy.js";
import { tagCache } from "./cache-dir.js";
import { cacheKey } from "./cache-key.js";
import { lstatOrNull } from "../io/stat.js";

/** Bump when the layout of cache files changes. */
const FORMAT = "broadsheet-cache-2";

/** Where cached values live; `null` directory = no persistence (--no-cache). */
export class DiskCache {
  /** Entries that failed verification during this build (for reports and tests). */
  damaged = 0;
  /** Folders known to be real folders of this cache (checked once per build). */
  private readonly checkedDirs = new Set<string>();

  /** The cache folder (absolute), or null. */
  readonly dir: string | null;

  /** `key` signs and verifies entries. @default the user's cache key (cache-key.ts) */
  constructor(
    dir: string | null,
    private readonly key: Buffer = cacheKey().key,
  ) {
    this.dir = dir === null ? null : path.resolve(dir);
  }

  /** The payload stored under `key` in `namespace`, or undefined when absent, damaged or not signed with our key. */
  read(namespace: string, key: string): string | undefined {
    if (this.dir === null) return undefined;
    const bytes = readOwnFile(this.entryPath(namespace, key));
    if (bytes === null) return undefined;
    const text = bytes.toString("utf8");
    const newline = text.indexOf("\n");
    const [format, storedKey, mac] = text.slice(0, newline).split(" ");
    const payload = text.slice(newline + 1);
    if (newline < 0 || format !== FORMAT || storedKey !== key || mac !== this.sign(namespace, key, payload)) {
      this.damaged++;
      return undefined;
    }
    return payload;
  }

  /** Stores `payload` under `key` in `namespace` (atomically); a failure is a SiteError with a WriteError. */
  write(namespace: string, key: string, payload: string): void {
    if (this.dir === null) return;
    const file = this.entryPath(namespace, key);
    this.ensureFolder(path.dirname(file));
    writeOwnFileAtomic(file, `${FORMAT} ${key} ${this.sign(namespace, key, payload)}\n${payload}`, () =>
      crashPoint("cache-temp-written"),
    );
  }

  /** Removes the entry under `key` in `namespace`, if there is one (an entry no longer needed). */
  remove(namespace: string, key: string): void {
    if (this.dir !== null) rmSync(this.entryPath(namespace, key), { force: true });
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

  /**
   * Appends `payload` (one line of text) to the journal `name` in `namespace`, signed like an entry:
   * a build killed mid-write loses at most the line being written, never what was appended before.
   */
  appendJournal(namespace: string, name: string, payload: string): void {
    if (this.dir === null) return;
    const file = this.journalPath(namespace, name);
    this.ensureFolder(path.dirname(file));
    const size = lstatOrNull(file)?.size ?? null;
    try {
      appendFileSync(file, `${this.sign(namespace, `journal:${name}`, payload)} ${payload}\n`);
    } catch (cause) {
      // A torn line would glue itself to the next one: the journal goes back to what it was.
      try {
        if (size === null) rmSync(file, { force: true });
        else truncateSync(file, size);
      } catch {
        // The next build skips a line that does not verify.
      }
      throw new SiteError([writeError(file, cause)]);
    }
  }

  /** The lines of a journal that verify, in order (a torn or forged line is skipped and counted as damaged). */
  readJournal(namespace: string, name: string): string[] {
    if (this.dir === null) return [];
    const text = readOwnFile(this.journalPath(namespace, name))?.toString("utf8");
    if (text === undefined) return [];
    const lines: string[] = [];
    for (const line of text.split("\n")) {
      if (line === "") continue;
      const space = line.indexOf(" ");
      const payload = line.slice(space + 1);
      if (space > 0 && line.slice(0, space) === this.sign(namespace, `journal:${name}`, payload)) lines.push(payload);
      else this.damaged++;
    }
    return lines;
  }

  /**
   * The names of the journals in `namespace` whose names pass `isWanted` (regular files only: a
   * link or a folder in the cache is no journal of ours), sorted so every machine reads them in one order.
   */
  journalNames(namespace: string, isWanted: (name: string) => boolean): string[] {
    if (this.dir === null) return [];
    let names: string[];
    try {
      names = readdirSync(path.join(this.dir, namespace));
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith(".journal"))
      .map((n) => n.slice(0, -".journal".length))
      .filter((name) => /^[a-zA-Z0-9_-]+$/.test(name) && isWanted(name))
      .filter((name) => lstatOrNull(this.journalPath(namespace, name))?.isFile() === true)
      .sort();
  }

  /** Removes a journal (its lines are now in an entry). */
  removeJournal(namespace: string, name: string): void {
    if (this.dir !== null) rmSync(this.journalPath(namespace, name), { force: true });
  }

  /**
   * Keeps the file `from` (a finished output) as the blob with SHA-256 `hash`: a hard link where the
   * file system allows (no bytes copied), else a copy. A blob already there is left as it is.
   */
  keepBlob(namespace: string, hash: string, from: string): void {
    if (this.dir === null || !/^[0-9a-f]{64}$/.test(hash)) return;
    const file = this.blobPath(namespace, hash);
    this.ensureFolder(path.dirname(file));
    if (lstatOrNull(file)) return;
    try {
      linkSync(from, file);
    } catch {
      // Another file system, or links not allowed: a copy through a temp file.
      writeOwnFileAtomic(file, readFileSync(from));
    }
  }

  /**
   * Puts the blob with SHA-256 `hash` at `to` (a hard link, else a copy) after checking its bytes
   * hash to `hash`: a blob changed since it was kept (or planted) is never used. False when it is
   * absent or does not verify.
   */
  placeBlob(namespace: string, hash: string, to: string): boolean {
    if (this.dir === null || !/^[0-9a-f]{64}$/.test(hash)) return false;
    const file = this.blobPath(namespace, hash);
    const bytes = readOwnFile(file);
    if (bytes === null) return false;
    if (createHash("sha256").update(bytes).digest("hex") !== hash) {
      this.damaged++;
      return false;
    }
    try {
      linkSync(file, to);
      // A blob swapped for a link after it was read would be linked as that link: never publish one.
      const placed = lstatSync(to);
      if (!placed.isFile() || placed.size !== bytes.length) throw new Error("not the blob read");
    } catch {
      rmSync(to, { force: true });
      writeFileSync(to, bytes);
    }
    return true;
  }

  /** Removes every blob of `namespace` whose hash is not in `keep` (what the latest build published). */
  pruneBlobs(namespace: string, keep: ReadonlySet<string>): void {
    if (this.dir === null) return;
    const root = path.join(this.dir, namespace);
    if (!lstatOrNull(root)?.isDirectory()) return;
    for (const fan of readdirSync(root)) {
      const dir = path.join(root, fan);
      if (!lstatOrNull(dir)?.isDirectory()) continue;
      for (const name of readdirSync(dir)) if (!keep.has(name)) rmSync(path.join(dir, name), { force: true });
    }
  }

  private blobPath(namespace: string, hash: string): string {
    return path.join(this.dir!, namespace, hash.slice(0, 2), hash);
  }

  private journalPath(namespace: string, name: string): string {
    return path.join(this.dir!, namespace, `${name.replace(/[^a-zA-Z0-9_-]/g, "_")}.journal`);
  }

  private sign(namespace: string, key: string, payload: string): string {
    return createHmac("sha256", this.key).update(`${namespace}\0${key}\0`).update(payload).digest("hex");
  }

  /**
   * Makes the entry's folder, tagging the cache on first use, and makes sure no folder between the
   * cache root and the entry is a link: a restored cache with `html -> /elsewhere` must not make
   * the build write elsewhere.
   */
  private ensureFolder(dir: string): void {
    if (this.checkedDirs.has(dir)) return;
    const root = this.dir!;
    try {
      mkdirSync(root, { recursive: true });
      tagCache(root);
    } catch (cause) {
      throw new SiteError([writeError(root, cause)]);
    }
    // One level at a time, each checked before anything is made inside it: mkdir -p would follow a link.
    let at = root;
    for (const part of path.relative(root, dir).split(path.sep)) {
      at = path.join(at, part);
      if (this.checkedDirs.has(at)) continue;
      try {
        mkdirSync(at);
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw new SiteError([writeError(at, cause)]);
      }
      if (!lstatSync(at).isDirectory()) {
        throw new SiteError([
          error(
            "UnsafeOutput",
            `${shownPath(at)} in the cache is not a folder (a symbolic link?); Broadsheet never makes one there`,
            { file: shownPath(at), hint: `Delete the cache folder ${shownPath(root)}; the next build rebuilds it.` },
          ),
        ]);
      }
      this.checkedDirs.add(at);
    }
  }

  private entryPath(namespace: string, key: string): string {
    // Keys are hex hashes or fixed names; two-level fan-out keeps folders small.
    const safe = key.replace(/[^a-zA-Z0-9_-]/g, "_");
    return path.join(this.dir!, namespace, safe.slice(0, 2), `${safe}.txt`);
  }
}
