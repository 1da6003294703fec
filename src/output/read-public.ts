/** I/O edge: reads public/ (copied as is) into output files, sorted by path. */
import type { Diagnostic } from "../errors.js";
import type { OutputFile } from "../model.js";
import { listFolder, readBytes, readPolicyFor, resolveUnderPolicy, shownPath, type ReadPolicy } from "../io/read-policy.js";

/**
 * Every file under `dir` (none when the folder is absent); dot-files are skipped. A folder or file
 * that cannot be read, a link out of the site and a link loop are diagnostics: a site that silently
 * lost its stylesheet would be published.
 */
export function readPublic(dir: string, policy: ReadPolicy = readPolicyFor([dir])): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const root = resolveUnderPolicy(policy, dir);
  if (root.kind === "refused") return { files, diagnostics: [root.diagnostic] };
  if (root.kind !== "dir") return { files, diagnostics };
  const walk = (folder: string, real: string, shown: string, rel: string, ancestors: ReadonlySet<string>): void => {
    const below = new Set([...ancestors, real]);
    for (const e of listFolder(policy, folder, real, shown, diagnostics, ancestors) ?? []) {
      if (e.name.startsWith(".")) continue;
      const relPath = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.kind === "dir") walk(e.path, e.real, `${shown}/${e.name}`, relPath, below);
      else {
        const contents = readBytes(e.path, `${shown}/${e.name}`, diagnostics);
        if (contents !== null) files.push({ path: relPath, contents });
      }
    }
  };
  walk(dir, root.real, shownPath(dir), "", new Set());
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), diagnostics };
}
