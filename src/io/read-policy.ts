/**
 * I/O edge: the one symbolic-link policy of every reader (content, site.yaml, templates, public/,
 * bundle files, code frames). A link whose real path stays inside the site is followed; one that
 * leaves it is never read, and the build names the link and its target. This is what makes it
 * safe to build a contributor's pull request: a committed `public -> ~/.ssh` or
 * `partials/x.hbs -> /proc/self/environ` can neither publish nor print what it points at.
 */
import {
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from "node:fs";
import path from "node:path";
import { error, type Diagnostic } from "../errors.js";

/** Where files may be read from: real paths of folders. */
export interface ReadPolicy {
  /** Real paths: the site folder (the working folder) and folders named outside it on the command line. */
  readonly roots: readonly string[];
}

/**
 * The policy of a build run from `cwd`: the site is the working folder. An input folder given as a
 * path outside it (`--content /srv/news/content`) was chosen by whoever ran the command, so its
 * real path is trusted too; one inside it (the default `content`, `public`, `templates`) must
 * really be inside it, which a committed link to elsewhere is not.
 */
export function readPolicyFor(inputDirs: readonly string[], cwd: string = process.cwd()): ReadPolicy {
  const site = realOrResolved(cwd);
  const roots = [site];
  for (const dir of inputDirs) {
    const lexical = path.resolve(cwd, dir);
    if (!isInside(lexical, path.resolve(cwd))) roots.push(realOrResolved(lexical));
  }
  return { roots: [...new Set(roots)] };
}

/** True when `child` is `parent` or lies below it (both absolute, normalised). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** True when a real path lies inside one of the policy's roots. */
function isAllowed(policy: ReadPolicy, real: string): boolean {
  return policy.roots.some((root) => isInside(real, root));
}

/** What a path is, once links are resolved under the policy. */
export type Resolved =
  | { readonly kind: "file" | "dir" /** The real path, to read from. */; readonly real: string }
  | { readonly kind: "missing" }
  | { readonly kind: "other" }
  | { readonly kind: "refused"; readonly diagnostic: Diagnostic };

/**
 * Resolves `file` (shown in messages as `shown`): missing, refused (a link out of the site, a link
 * loop, an unreadable path), or a file or folder with its real path.
 */
export function resolveUnderPolicy(policy: ReadPolicy, file: string, shown: string = shownPath(file)): Resolved {
  try {
    lstatSync(file);
  } catch (cause) {
    if (isMissing(cause)) return { kind: "missing" };
    return { kind: "refused", diagnostic: readError(shown, cause) };
  }
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { kind: "refused", diagnostic: loopError(shown) };
    // A dangling link: the file it names does not exist.
    if (code === "ENOENT")
      return {
        kind: "refused",
        diagnostic: error("ReadError", `${shown} is a symbolic link to ${linkTarget(file)}, which does not exist`, {
          file: shown,
          hint: "Fix or remove the link.",
        }),
      };
    return { kind: "refused", diagnostic: readError(shown, cause) };
  }
  if (!isAllowed(policy, real)) return { kind: "refused", diagnostic: outsideError(shown, file, real) };
  let stats: Stats;
  try {
    stats = statSync(real);
  } catch (cause) {
    return isMissing(cause) ? { kind: "missing" } : { kind: "refused", diagnostic: readError(shown, cause) };
  }
  return stats.isDirectory() ? { kind: "dir", real } : stats.isFile() ? { kind: "file", real } : { kind: "other" };
}

/** One entry of a folder listing, links resolved. */
export interface ListedEntry {
  readonly name: string;
  readonly kind: "file" | "dir";
  /** Where to read it: the entry's path, or its real path when reached through a link. */
  readonly path: string;
  /** Real path of a folder (to follow loops), else the same as `path`. */
  readonly real: string;
}

/**
 * Lists a folder whose real path is `dirReal` (`shown` in messages). Links are followed under the
 * policy; a link out of the site, a loop (a link to a folder that contains it) and an unreadable
 * entry are diagnostics, never silently skipped. `ancestors` holds the real paths of the folders
 * being walked above. Returns null when the folder itself cannot be read.
 */
export function listFolder(
  policy: ReadPolicy,
  dir: string,
  dirReal: string,
  shown: string,
  diagnostics: Diagnostic[],
  ancestors: ReadonlySet<string> = new Set(),
): ListedEntry[] | null {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (cause) {
    diagnostics.push(readError(shown, cause, "folder"));
    return null;
  }
  const out: ListedEntry[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const entryPath = path.join(dir, entry.name);
    const entryShown = `${shown}/${entry.name}`;
    if (entry.isFile())
      out.push({ name: entry.name, kind: "file", path: entryPath, real: path.join(dirReal, entry.name) });
    else if (entry.isDirectory())
      out.push({ name: entry.name, kind: "dir", path: entryPath, real: path.join(dirReal, entry.name) });
    else if (entry.isSymbolicLink()) {
      const resolved = resolveUnderPolicy(policy, entryPath, entryShown);
      if (resolved.kind === "refused") diagnostics.push(resolved.diagnostic);
      else if (resolved.kind === "dir" && [...ancestors, dirReal].some((a) => isInside(a, resolved.real)))
        diagnostics.push(loopError(entryShown));
      else if (resolved.kind === "file" || resolved.kind === "dir")
        out.push({ name: entry.name, kind: resolved.kind, path: resolved.real, real: resolved.real });
      else if (resolved.kind === "missing")
        diagnostics.push(
          error("ReadError", `${entryShown} is a symbolic link to ${linkTarget(entryPath)}, which does not exist`, {
            file: entryShown,
            hint: "Fix or remove the link.",
          }),
        );
    }
    // Sockets, FIFOs and devices are not content (git cannot even store them).
  }
  return out;
}

/** Reads a file that was resolved or listed under the policy; a ReadError diagnostic on failure. */
export function readBytes(file: string, shown: string, diagnostics: Diagnostic[]): Buffer | null {
  try {
    return readFileSync(file);
  } catch (cause) {
    diagnostics.push(readError(shown, cause));
    return null;
  }
}

/** Reads a file under the policy: a link out of the site is refused; null when missing (with no diagnostic). */
export function readUnderPolicy(
  policy: ReadPolicy,
  file: string,
  shown: string,
  diagnostics: Diagnostic[],
): Buffer | null {
  const resolved = resolveUnderPolicy(policy, file, shown);
  if (resolved.kind === "missing") return null;
  if (resolved.kind === "refused") {
    diagnostics.push(resolved.diagnostic);
    return null;
  }
  if (resolved.kind !== "file") {
    const what = resolved.kind === "dir" ? "a folder" : "not a regular file";
    diagnostics.push(
      error("ReadError", `${shown} is ${what}, not a file`, { file: shown, hint: "Rename or remove it." }),
    );
    return null;
  }
  return readBytes(resolved.real, shown, diagnostics);
}

/** A ReadError naming the path and the system's reason in words a user can act on. */
function readError(shown: string, cause: unknown, what: "file" | "folder" = "file"): Diagnostic {
  const code = (cause as NodeJS.ErrnoException)?.code;
  const reason =
    code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "EISDIR"
        ? "it is a folder"
        : code === "ENOTDIR"
          ? "a part of its path is not a folder"
          : code === "ENOENT"
            ? "it disappeared while the site was being built"
            : code === "ELOOP"
              ? "symbolic links loop"
              : ((cause as Error)?.message ?? String(cause));
  const hint =
    code === "EACCES" || code === "EPERM"
      ? `Give the user running Broadsheet read access to it (chmod), or move it out of the site.`
      : code === "ENOENT"
        ? "Build again once the files stop changing."
        : "Check the path and its permissions.";
  return error("ReadError", `Cannot read ${what} ${shown}: ${reason}`, { file: shown, hint });
}

function loopError(shown: string): Diagnostic {
  return error("LinkLoop", `${shown} is a symbolic link that leads back into itself`, {
    file: shown,
    hint: "Remove the link or point it at a folder that does not contain it.",
  });
}

function outsideError(shown: string, file: string, real: string): Diagnostic {
  const target = linkTarget(file);
  const via = target === null ? ` lies, through a symbolic link, at ${real}` : ` is a symbolic link to ${target}`;
  return error("UnsafeLink", `${shown}${via}, outside the site: Broadsheet never reads files outside the site folder`, {
    file: shown,
    hint: "Put the file itself in the site (replace the link with a copy), or, if you trust that folder, name it on the command line (--content, --templates or --public).",
  });
}

/** What a link says it points at (null when `file` is not a link but one of its parents is). */
function linkTarget(file: string): string | null {
  try {
    return lstatSync(file).isSymbolicLink() ? path.resolve(path.dirname(file), readlinkSync(file)) : null;
  } catch {
    return null;
  }
}

function isMissing(cause: unknown): boolean {
  const code = (cause as NodeJS.ErrnoException)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function realOrResolved(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** A path as the user knows it: relative to the working folder (absolute when that is shorter to say). */
export function shownPath(full: string): string {
  return path.relative(process.cwd(), full) || full;
}

/** The real path of `p`; for a path that does not exist yet, its nearest existing parent's real path joined with the rest. */
export function realPathOf(p: string): string {
  const rest: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync.native(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(p);
      rest.push(path.basename(at));
      at = parent;
    }
  }
}
