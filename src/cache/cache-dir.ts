/**
 * I/O edge: how a folder is known to be Broadsheet's cache. It carries a CACHEDIR.TAG (the Cache
 * Directory Tagging Specification, https://bford.info/cachedir/, which backup tools also honour)
 * naming Broadsheet. Only such a folder is ever emptied by `broadsheet clean`, and a build writes
 * its cache only into a folder that is tagged, empty, new, or an untagged cache of an older version.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";

/** The tag's file name and first line, fixed by the specification. */
const CACHEDIR_TAG = "CACHEDIR.TAG";
const SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55";
const TAG_TEXT = `${SIGNATURE}\n# This file is a cache directory tag created by Broadsheet (https://bford.info/cachedir/).\n# Everything in this folder can be rebuilt; \`broadsheet clean\` removes it.\n`;

/** Folders a Broadsheet cache holds (namespaces of DiskCache, and the dev server's site). */
const OWN_ENTRIES = new Set([
  "html",
  "page",
  "index",
  "related",
  "dev-site",
  ".dev-site.builds",
  ".dev-site.lock",
  CACHEDIR_TAG,
]);

/** True when `dir` carries Broadsheet's cache tag. */
export function isTaggedCache(dir: string): boolean {
  try {
    const text = readFileSync(path.join(dir, CACHEDIR_TAG), "utf8");
    return text.startsWith(SIGNATURE) && text.includes("Broadsheet");
  } catch {
    return false;
  }
}

/**
 * True when `dir` is a cache Broadsheet made before caches were tagged: only its own folders, and
 * an entry in its own format. A user's folder that merely has an `html/` in it is not one.
 */
export function isUntaggedOldCache(dir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  if (names.length === 0 || !names.every((n) => OWN_ENTRIES.has(n))) return false;
  for (const ns of names.filter((n) => n === "index" || n === "html" || n === "page")) {
    try {
      const fan = readdirSync(path.join(dir, ns))[0];
      const entry = fan === undefined ? undefined : readdirSync(path.join(dir, ns, fan))[0];
      if (entry !== undefined && readFileSync(path.join(dir, ns, fan!, entry), "utf8").startsWith("broadsheet-cache-"))
        return true;
    } catch {
      // Not ours after all.
    }
  }
  return false;
}

/** Writes the tag into `dir` (which exists) unless it is there. */
export function tagCache(dir: string): void {
  let fd: number;
  try {
    fd = openSync(path.join(dir, CACHEDIR_TAG), "wx");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "EEXIST") return;
    throw cause;
  }
  try {
    writeSync(fd, TAG_TEXT);
  } finally {
    closeSync(fd);
  }
}

/**
 * True when git tracks files in `dir`: a committed cache is a place where anyone who can open a
 * pull request can put entries. They would not verify (they are signed with a key kept outside the
 * site), but the folder belongs in .gitignore. Asks git only inside a work tree, with a time limit.
 */
export function isTrackedByGit(dir: string): boolean {
  const full = path.resolve(dir);
  // Asked once per process: the dev server builds on every save.
  const known = tracked.get(full);
  if (known !== undefined) return known;
  const isTracked =
    existsSync(full) &&
    hasGitAbove(full) &&
    spawnSync("git", ["ls-files", "--error-unmatch", "--", "."], { cwd: full, stdio: "ignore", timeout: 5_000 })
      .status === 0;
  tracked.set(full, isTracked);
  return isTracked;
}

const tracked = new Map<string, boolean>();

function hasGitAbove(dir: string): boolean {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, ".git"))) return true;
    if (path.dirname(at) === at) return false;
  }
}
