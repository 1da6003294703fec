/**
 * I/O edge: refuses output and cache folders that would make a build destroy the user's files. A
 * build replaces its output folder and `clean` deletes its cache folder, so a mistyped `--out
 * content` or `--cache .` must fail before anything is touched, naming the path and what to do.
 */
import { lstatSync, readdirSync, readlinkSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { error, type Diagnostic } from "../errors.js";
import { isTaggedCache, isUntaggedOldCache } from "../cache/cache-dir.js";
import { isInside, realPathOf, shownPath } from "./read-policy.js";
import { lstatOrNull } from "./stat.js";

/** The folders of a build, as given (relative to the working folder or absolute). */
export interface GuardedPaths {
  readonly content: string;
  readonly templates: string;
  readonly public: string;
  /** The output folder, or null when the command writes none (`check`). */
  readonly out: string | null;
  readonly cache: string | null;
  /** The theme folder (read from, never written), or null. */
  readonly theme?: string | null;
}

/** Where the command runs, for tests. */
export interface GuardPlace {
  readonly cwd: string;
  readonly home: string;
}

const here = (): GuardPlace => ({ cwd: process.cwd(), home: homedir() });

/**
 * Every problem with the output and cache folders: each must not be a file, the file-system root,
 * the home folder, the working folder or a parent of it, nor equal to, inside or around another
 * folder of the build (real paths compared). An existing output must be Broadsheet's (its link
 * into `.<name>.builds/`) or empty; an existing cache must be tagged, empty or an old cache.
 * `isDevOutput`: the output is the dev server's, which lives inside the cache by design.
 */
export function checkWritablePaths(
  paths: GuardedPaths,
  { isDevOutput = false, place = here() }: { isDevOutput?: boolean; place?: GuardPlace } = {},
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const inputs = [
    { role: "content folder", dir: paths.content },
    { role: "templates folder", dir: paths.templates },
    { role: "public folder", dir: paths.public },
    ...(paths.theme ? [{ role: "theme folder", dir: paths.theme }] : []),
  ];
  if (paths.out !== null) {
    const others =
      isDevOutput || paths.cache === null ? inputs : [...inputs, { role: "cache folder", dir: paths.cache }];
    const role = isDevOutput ? "dev output folder" : "output folder";
    const hint = isDevOutput
      ? "Pass --cache with a folder of its own (the dev site is built inside it)."
      : "Pass --out with a new or empty folder, or one an earlier build made (the default is dist).";
    const where = placeProblem(paths.out, others, place) ?? outputContentProblem(paths.out);
    if (where) problems.push(unsafe(paths.out, role, where, hint));
  }
  if (paths.cache !== null) {
    const others = paths.out === null || isDevOutput ? inputs : [...inputs, { role: "output folder", dir: paths.out }];
    const where = placeProblem(paths.cache, others, place) ?? cacheContentProblem(paths.cache);
    if (where)
      problems.push(
        unsafe(
          paths.cache,
          "cache folder",
          where,
          "Pass --cache with a new or empty folder, or leave it out to use .cache.",
        ),
      );
  }
  return problems;
}

/** Why `broadsheet clean` must not delete `dir`, or null when it is a cache Broadsheet tagged. */
export function cleanProblem(dir: string, inputs: readonly string[], place: GuardPlace = here()): Diagnostic | null {
  const others = inputs.map((d) => ({ role: "folder of the site", dir: d }));
  let where = placeProblem(dir, others, place);
  if (!where) {
    const stats = lstatSync(dir);
    if (stats.isSymbolicLink()) where = `is a symbolic link (to ${readlinkSync(dir)}), not a folder Broadsheet made`;
    else if (!stats.isDirectory()) where = "is not a folder";
    else if (!isTaggedCache(dir)) where = "has no Broadsheet CACHEDIR.TAG, so it is not a cache Broadsheet made";
  }
  return where
    ? unsafe(
        dir,
        "cache folder",
        where,
        "`broadsheet clean` only removes a cache a build made; check --cache, or delete the folder yourself if you are sure.",
      )
    : null;
}

/** Where a folder is not allowed to be, or null. */
function placeProblem(dir: string, others: readonly { role: string; dir: string }[], place: GuardPlace): string | null {
  const real = realPathOf(path.resolve(place.cwd, dir));
  if (real === path.parse(real).root) return "is the root of the file system";
  if (real === realPathOf(place.home)) return "is your home folder";
  const cwd = realPathOf(place.cwd);
  if (real === cwd) return "is the working folder (the whole site and its repository)";
  if (isInside(cwd, real)) return "contains the working folder (the whole site and its repository)";
  for (const other of others) {
    const otherReal = realPathOf(path.resolve(place.cwd, other.dir));
    if (real === otherReal) return `is the ${other.role}`;
    if (isInside(real, otherReal)) return `is inside the ${other.role} (${shownPath(otherReal)})`;
    if (isInside(otherReal, real)) return `contains the ${other.role} (${shownPath(otherReal)})`;
  }
  return null;
}

/** Why an existing output path is not Broadsheet's, or null. */
function outputContentProblem(out: string): string | null {
  const stats = lstatOrNull(out);
  if (stats === null) return null;
  if (stats.isSymbolicLink()) {
    const target = path.resolve(path.dirname(path.resolve(out)), readlinkSync(out));
    const builds = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.builds`);
    return path.dirname(target) === builds && /^[ab]$/.test(path.basename(target))
      ? null
      : `is a symbolic link to ${target}, which Broadsheet did not make`;
  }
  if (!stats.isDirectory()) return "is a file, not a folder";
  // A folder an earlier build published has Broadsheet's state folder beside it.
  const state = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.builds`, "BROADSHEET");
  return isEmptyFolder(out) || lstatOrNull(state)?.isFile()
    ? null
    : "is a folder Broadsheet did not make (it holds files, and there is no .builds folder of Broadsheet's beside it; a build would replace them)";
}

/** Why an existing cache path cannot hold the cache, or null. */
function cacheContentProblem(cache: string): string | null {
  let stats = lstatOrNull(cache);
  if (stats === null) return null;
  // A link to the cache (on a bigger disk, say) is fine; what it points at must qualify.
  if (stats.isSymbolicLink()) stats = lstatOrNull(realPathOf(path.resolve(cache)));
  if (stats === null) return null;
  if (!stats.isDirectory()) return "is a file, not a folder";
  return isEmptyFolder(cache) || isTaggedCache(cache) || isUntaggedOldCache(cache)
    ? null
    : "is a folder Broadsheet did not make (it holds files and no Broadsheet CACHEDIR.TAG)";
}

function unsafe(dir: string, role: string, where: string, hint: string): Diagnostic {
  return error("UnsafeOutput", `Refusing ${shownPath(path.resolve(dir))} as the ${role}: it ${where}`, {
    file: shownPath(path.resolve(dir)),
    hint,
  });
}

function isEmptyFolder(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}
