/** I/O edge of `broadsheet init`: checks the folder is free, then writes the starter files without overwriting anything. */
import { type Dirent, mkdirSync, readdirSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { StarterFile } from "./starter-files.js";

/** What writing the starter files came to. */
export type WriteOutcome =
  | { readonly isOk: true }
  | { readonly isOk: false /** The starter path that failed. */; readonly file: string; readonly reason: string };

// A folder holding only a repository (`git init news && broadsheet init news`) is still empty to us.
// `.git` may be a file, in a worktree or a submodule.
const ALLOWED_ENTRIES = [".git"];
// Entries named in the refusal; the rest are counted.
const ENTRIES_SHOWN = 5;

/** Why `dir` cannot hold a new site, or null when it is missing or holds nothing but `.git`. */
export function folderProblem(dir: string, shown: string): string | null {
  let entries: Dirent[];
  try {
    if (!statSync(dir).isDirectory()) return `Cannot start a site in ${shown}: it is a file, not a folder.`;
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return null;
    return `Cannot start a site in ${shown}: ${(cause as Error).message}`;
  }
  const blocking = entries
    .filter((entry) => !ALLOWED_ENTRIES.includes(entry.name))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort();
  if (blocking.length === 0) return null;
  const more = blocking.length > ENTRIES_SHOWN ? ` and ${blocking.length - ENTRIES_SHOWN} more` : "";
  return `Cannot start a site in ${shown}: the folder is not empty (it holds ${blocking.slice(0, ENTRIES_SHOWN).join(", ")}${more}). Choose a new or empty folder, e.g. broadsheet init my-site`;
}

/**
 * Writes `files` under `dir` with flag "wx", so nothing is ever overwritten. On a
 * failure the files written so far, and the folders made for them, are removed again: the folder
 * is left as it was found, and `init` can simply be run again.
 */
export function writeStarterFiles(dir: string, files: readonly StarterFile[]): WriteOutcome {
  const root = path.resolve(dir);
  const written: string[] = [];
  for (const file of files) {
    const full = path.join(root, ...file.path.split("/"));
    try {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, file.text, { flag: "wx" });
      written.push(full);
    } catch (cause) {
      undo(root, written, full);
      return { isOk: false, file: file.path, reason: (cause as Error).message };
    }
  }
  return { isOk: true };
}

function undo(root: string, written: readonly string[], failed: string): void {
  for (const file of written) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to undo.
    }
  }
  // Folders below `root` that now stand empty were made for these files (the folder held nothing
  // else when it was checked); rmdir removes only empty ones, deepest first.
  const folders = new Set<string>();
  for (const file of [...written, failed]) {
    for (let folder = path.dirname(file); folder.startsWith(root + path.sep); folder = path.dirname(folder))
      folders.add(folder);
  }
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty, or not a folder: not ours to remove.
    }
  }
}
