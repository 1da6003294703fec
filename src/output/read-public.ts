/** I/O edge: reads public/ and the theme's public/ (copied as is) into output files, sorted by path. */
import type { Diagnostic } from "../errors.js";
import type { OutputFile } from "../model.js";
import {
  listFolder,
  readBytes,
  readPolicyFor,
  resolveUnderPolicy,
  shownPath,
  type ReadPolicy,
} from "../io/read-policy.js";

/**
 * Every file of the site's public/ and, for paths it does not have, of the theme's (`dirs` in that
 * order: the first to have a path wins), sorted by path; none when no folder exists; dot-files are
 * skipped. A folder or file that cannot be read, a link out of the site and a link loop are
 * diagnostics: a site that silently lost its stylesheet would be published.
 */
export function readPublic(
  dirs: string | readonly string[],
  policy: ReadPolicy = readPolicyFor(typeof dirs === "string" ? [dirs] : dirs),
): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files = new Map<string, OutputFile>();
  const diagnostics: Diagnostic[] = [];
  for (const dir of typeof dirs === "string" ? [dirs] : dirs) {
    const root = resolveUnderPolicy(policy, dir);
    if (root.kind === "refused") diagnostics.push(root.diagnostic);
    if (root.kind !== "dir") continue;
    const walk = (folder: string, real: string, shown: string, rel: string, ancestors: ReadonlySet<string>): void => {
      const below = new Set([...ancestors, real]);
      for (const e of listFolder(policy, folder, real, shown, diagnostics, ancestors) ?? []) {
        if (e.name.startsWith(".")) continue;
        const relPath = rel === "" ? e.name : `${rel}/${e.name}`;
        if (e.kind === "dir") walk(e.path, e.real, `${shown}/${e.name}`, relPath, below);
        else if (!files.has(relPath)) {
          const contents = readBytes(e.path, `${shown}/${e.name}`, diagnostics);
          if (contents !== null) files.set(relPath, { path: relPath, contents });
        }
      }
    };
    walk(dir, root.real, shownPath(dir), "", new Set());
  }
  return { files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)), diagnostics };
}
