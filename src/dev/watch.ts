/** I/O edge: watches source folders (recursively) and reports changed files, minus editor litter. */
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";

/** Watchers that can be stopped. */
export interface FolderWatch {
  close(): void;
}

/**
 * True for files editors and tools write next to the real ones: dot-files and dot-folders (swap
 * files, `.git`), backups ending in `~`, Vim's swap files and its `4913` write probe. Pure.
 */
export function isEditorLitter(relPath: string): boolean {
  const parts = relPath.split(/[/\\]/);
  const name = parts[parts.length - 1] ?? "";
  return parts.some((p) => p.startsWith(".")) || name.endsWith("~") || /\.sw[a-p]$/i.test(name) || name === "4913";
}

/**
 * Watches each folder that exists (a missing one, such as an absent public/, is skipped) and calls
 * `onChange` with the absolute path of every change that is not litter and not `isIgnored`. Never
 * throws: a folder that cannot be watched, or whose watcher fails later (the folder deleted), goes
 * to `onError` and the other folders keep being watched.
 */
export function watchFolders(
  dirs: readonly string[],
  onChange: (file: string) => void,
  isIgnored: (file: string) => boolean,
  onError: (error: Error) => void,
): FolderWatch {
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { recursive: true }, (_event, name) => {
        const file = name === null ? dir : path.resolve(dir, name.toString());
        if (name !== null && isEditorLitter(name.toString())) return;
        if (!isIgnored(file)) onChange(file);
      });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "ENOENT") onError(cause as Error);
      continue;
    }
    watcher.on("error", onError);
    watchers.push(watcher);
  }
  return {
    close: () => {
      for (const w of watchers) w.close();
    },
  };
}
