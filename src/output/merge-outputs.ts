/** Joins public/ files with generated ones; a public file that would hide a generated one is an error. */
import { error, type Diagnostic } from "../errors.js";
import type { OutputFile } from "../model.js";

/** All output files sorted by path, or a diagnostic per conflicting path. */
export function mergeOutputs(publicFiles: readonly OutputFile[], generated: readonly OutputFile[], publicDir: string): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const generatedPaths = new Set(generated.map((f) => f.path));
  const diagnostics = publicFiles
    .filter((f) => generatedPaths.has(f.path))
    .map((f) => error("OutputConflict", `public/ file "${f.path}" has the same path as a generated page`, { file: `${publicDir}/${f.path}`, hint: "Rename or remove the file in public/." }));
  const files = [...publicFiles.filter((f) => !generatedPaths.has(f.path)), ...generated].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics };
}
