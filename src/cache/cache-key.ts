/**
 * I/O edge: the secret that authenticates the build cache and the output manifests. Entries are
 * signed with it (HMAC-SHA256), and it lives outside the site repository — in the user's own cache
 * folder, or in BROADSHEET_CACHE_KEY (a CI secret) — so a cache that was committed, restored from
 * a CI cache a pull request could write, or forged with a recomputed checksum, simply does not
 * verify and is rebuilt. A checksum alone proves nothing: whoever forges the entry recomputes it.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { homedir } from "node:os";
import path from "node:path";
import { warning, type Diagnostic } from "../errors.js";
import { isInside, realPathOf } from "../io/read-policy.js";

/** The environment variable that gives the key (CI: a repository secret). */
const CACHE_KEY_ENV = "BROADSHEET_CACHE_KEY";

/** The key, and a warning when it could only be made for this process. */
export interface CacheKey {
  readonly key: Buffer;
  /** Where it came from, for messages. */
  readonly source: string;
  readonly warning: Diagnostic | null;
}

let cached: CacheKey | undefined;

/**
 * The cache key: BROADSHEET_CACHE_KEY (at least 16 characters), else the key file in the user's cache
 * folder (`$XDG_CACHE_HOME/broadsheet/cache-key`, default `~/.cache/…`), made on first use with
 * mode 0600. A key file inside the site (`siteRoot`) is not secret and is not used. Without a usable
 * key, a fresh one is made for this process: the build works, but reuses nothing from earlier builds.
 */
export function cacheKey(siteRoot: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): CacheKey {
  if (cached !== undefined && env === process.env) return cached;
  const made = findKey(siteRoot, env);
  if (env === process.env) cached = made;
  return made;
}

function findKey(siteRoot: string, env: NodeJS.ProcessEnv): CacheKey {
  const fromEnv = env[CACHE_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length >= 16) return { key: Buffer.from(fromEnv, "utf8"), source: CACHE_KEY_ENV, warning: null };
    return ephemeral(
      `${CACHE_KEY_ENV} is shorter than 16 characters`,
      `Set ${CACHE_KEY_ENV} to a long random value, e.g. the output of \`openssl rand -hex 32\`.`,
    );
  }
  const base =
    env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
      ? env.XDG_CACHE_HOME
      : path.join(env.HOME || homedir(), ".cache");
  const file = path.join(base, "broadsheet", "cache-key");
  if (isInside(realPathOf(file), realPathOf(siteRoot))) {
    return ephemeral(
      `the key file ${file} would be inside the site, where anyone who can commit can read it`,
      `Set XDG_CACHE_HOME or HOME to a folder outside the site, or set ${CACHE_KEY_ENV}.`,
    );
  }
  try {
    return { key: readOrMakeKeyFile(file), source: file, warning: null };
  } catch (cause) {
    return ephemeral(
      `the key file ${file} cannot be read or made (${(cause as Error).message})`,
      `Make ${path.dirname(file)} writable, or set ${CACHE_KEY_ENV}.`,
    );
  }
}

function readOrMakeKeyFile(file: string): Buffer {
  const existing = readKeyFile(file);
  if (existing !== null) return existing;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const text = randomBytes(32).toString("hex");
  // "wx": of two builds making the key at once, one wins and the other reads its key.
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw cause;
    const theirs = readKeyFile(file);
    if (theirs === null) throw new Error("it holds something that is not a Broadsheet key; remove it to get a new one");
    return theirs;
  }
  try {
    writeSync(fd, `${text}\n`);
  } finally {
    closeSync(fd);
  }
  return Buffer.from(text, "utf8");
}

/** The key in `file`, null when there is no file; a file that is not a key is left alone (and throws). */
function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw cause;
  }
  if (!/^[0-9a-f]{64}$/.test(text))
    throw new Error("it holds something that is not a Broadsheet key; remove it to get a new one");
  return Buffer.from(text, "utf8");
}

function ephemeral(why: string, hint: string): CacheKey {
  return {
    key: randomBytes(32),
    source: "this process",
    warning: warning("CacheKey", `No lasting cache key: ${why}. This build reuses nothing from earlier builds`, {
      hint,
    }),
  };
}
