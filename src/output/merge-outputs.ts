/** Joins public/ files and page-bundle files with generated ones; a file that would hide another, or whose name no site can carry, is an error. */
import { error, type Diagnostic } from "../errors.js";
import type { OutputFile } from "../model.js";
import type { PlannedOutput } from "./site-writer.js";
import type { BundleFile } from "./read-bundles.js";
import { fastHash } from "../cache/hash.js";

// Generated paths come from validated slugs and tag segments; copied files keep the names they have on disk.
const UNPORTABLE = /[\\\u0000-\u001F\u007F]/;

/** All outputs sorted by path, or a diagnostic per conflicting path. */
export function mergeOutputs(publicFiles: readonly OutputFile[], generated: readonly PlannedOutput[], publicDir: string, bundleFiles: readonly BundleFile[] = []): { outputs: PlannedOutput[]; diagnostics: Diagnostic[] } {
  const taken = new Set(generated.map((f) => f.path));
  const diagnostics: Diagnostic[] = [];
  const isPortable = (f: OutputFile, file: string) => {
    if (!UNPORTABLE.test(f.path)) return true;
    diagnostics.push(error("InvalidFileName", `"${f.path}" has a backslash or a control character in its name`, { file, hint: "Rename the file: Windows reads a backslash as a folder separator, and no URL or file system carries control characters the same way." }));
    return false;
  };
  // Bundle files go beside their article page; a bundle's own index.html would replace the page.
  const bundled = bundleFiles.filter((f) => {
    if (!isPortable(f, f.sourcePath)) return false;
    if (!taken.has(f.path)) return true;
    diagnostics.push(error("OutputConflict", `"${f.path}" beside the article has the same path as a generated page`, { file: f.sourcePath, hint: "Rename or remove the file in the article's folder." }));
    return false;
  });
  for (const f of bundled) taken.add(f.path);
  const copiedPublic = publicFiles.filter((f) => {
    if (!isPortable(f, `${publicDir}/${f.path}`)) return false;
    if (!taken.has(f.path)) return true;
    diagnostics.push(error("OutputConflict", `public/ file "${f.path}" has the same path as a generated page or an article's file`, { file: `${publicDir}/${f.path}`, hint: "Rename or remove the file in public/." }));
    return false;
  });
  // A copied file's fingerprint is its content hash: unchanged files are linked, not copied.
  const copied: PlannedOutput[] = [...copiedPublic, ...bundled].map((f) => ({ path: f.path, fingerprint: `public:${fastHash(f.contents)}`, produce: () => f.contents }));
  const outputs = [...copied, ...generated].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { outputs, diagnostics };
}
