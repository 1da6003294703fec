/** Joins public/ files with generated ones; a public file that would hide a generated one is an error. */
import { error, type Diagnostic } from "../errors.js";
import type { OutputFile } from "../model.js";
import type { PlannedOutput } from "./site-writer.js";
import { fastHash } from "../cache/hash.js";

/** All outputs sorted by path, or a diagnostic per conflicting path. */
export function mergeOutputs(publicFiles: readonly OutputFile[], generated: readonly PlannedOutput[], publicDir: string): { outputs: PlannedOutput[]; diagnostics: Diagnostic[] } {
  const generatedPaths = new Set(generated.map((f) => f.path));
  const diagnostics = publicFiles
    .filter((f) => generatedPaths.has(f.path))
    .map((f) => error("OutputConflict", `public/ file "${f.path}" has the same path as a generated page`, { file: `${publicDir}/${f.path}`, hint: "Rename or remove the file in public/." }));
  // A public file's fingerprint is its content hash: unchanged files are linked, not copied.
  const copied: PlannedOutput[] = publicFiles.filter((f) => !generatedPaths.has(f.path)).map((f) => ({ path: f.path, fingerprint: `public:${fastHash(f.contents)}`, produce: () => f.contents }));
  const outputs = [...copied, ...generated].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { outputs, diagnostics };
}
