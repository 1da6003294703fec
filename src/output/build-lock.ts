/**
 * I/O edge: one build at a time per output folder. The lock is a file beside the output
 * (`.dist.lock`) naming its holder; a lock whose holder is gone — the process died, or the machine
 * rebooted — is stale and taken over, so a killed build never blocks the next one.
 */
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { error, SiteError } from "../errors.js";
import { lstatOrNull } from "../io/stat.js";

/** Who holds a lock. */
interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** Linux boot id: a lock from before a reboot is stale whatever its pid. */
  readonly boot: string | null;
  /** ISO time the lock was taken. */
  readonly since: string;
  readonly token: string;
}

/** A held lock. */
export interface BuildLock {
  readonly path: string;
  /** Removes the lock if it is still ours. */
  release(): void;
}

/** The lock is held by a live build. */
export interface LockBusy {
  readonly path: string;
  /** The holder, or null when the lock file is being written right now. */
  readonly holder: LockHolder | null;
}

/** Where the lock of an output folder lives. */
export function lockPathFor(outDir: string): string {
  const out = path.resolve(outDir);
  return path.join(path.dirname(out), `.${path.basename(out)}.lock`);
}

// A lock file is written in one call right after it is created; an empty or unreadable one older
// than this belongs to a process that died in between.
const HALF_WRITTEN_GRACE_MS = 5_000;

/** Takes the lock of `outDir`, taking over a stale one; or says who holds it. */
export function acquireBuildLock(outDir: string, now: () => number = Date.now): BuildLock | LockBusy {
  const file = lockPathFor(outDir);
  mkdirSync(path.dirname(file), { recursive: true });
  // Only a regular file is a lock: reading a planted link to /dev/zero would never end.
  const existing = lstatOrNull(file);
  if (existing !== null && !existing.isFile()) {
    throw new SiteError([
      error(
        "UnsafeOutput",
        `${file} is not a lock file Broadsheet made (${existing.isSymbolicLink() ? "a symbolic link" : "not a regular file"})`,
        { file, hint: "Remove it and build again." },
      ),
    ]);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const me: LockHolder = {
      pid: process.pid,
      host: hostname(),
      boot: bootId(),
      since: new Date(now()).toISOString(),
      token: randomBytes(8).toString("hex"),
    };
    try {
      const fd = openSync(file, "wx");
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return { path: file, release: () => releaseIfOurs(file, me.token) };
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw cause;
    }
    const holder = readHolder(file);
    if (!isStale(file, holder, now)) return { path: file, holder };
    // Move the stale lock aside before removing it: of two builds recovering at once, one wins.
    const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
    try {
      renameSync(file, aside);
      rmSync(aside, { force: true });
    } catch {
      // Someone else moved it first: try again.
    }
  }
  return { path: file, holder: readHolder(file) };
}

function readHolder(file: string): LockHolder | null {
  try {
    if (!lstatSync(file).isFile()) return null;
    const value = JSON.parse(readFileSync(file, "utf8")) as LockHolder;
    return typeof value.pid === "number" && typeof value.host === "string" && typeof value.token === "string"
      ? value
      : null;
  } catch {
    return null;
  }
}

function isStale(file: string, holder: LockHolder | null, now: () => number): boolean {
  if (holder === null) {
    try {
      return now() - statSync(file).mtimeMs > HALF_WRITTEN_GRACE_MS;
    } catch {
      return true;
    }
  }
  // A lock taken on another machine (a shared folder) cannot be checked from here.
  if (holder.host !== hostname()) return false;
  const boot = bootId();
  if (holder.boot !== null && boot !== null && holder.boot !== boot) return true;
  return !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === "EPERM";
  }
}

let cachedBoot: string | null | undefined;
function bootId(): string | null {
  if (cachedBoot !== undefined) return cachedBoot;
  try {
    cachedBoot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    cachedBoot = null;
  }
  return cachedBoot;
}

function releaseIfOurs(file: string, token: string): void {
  if (readHolder(file)?.token === token) rmSync(file, { force: true });
}
