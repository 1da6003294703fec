/** Printing diagnostics at the CLI's edge: code frames come from the files on disk. */
import { readFileSync } from "node:fs";
import type { Diagnostic } from "../errors.js";
import { formatDiagnostics, withCodeFrames, type TextOptions } from "../report.js";

/** Reads a file for a code frame; null when it cannot be read. */
export function readForFrame(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** Diagnostics as terminal text, errors with their code frames. */
export function diagnosticsText(diagnostics: readonly Diagnostic[], options?: TextOptions): string {
  return formatDiagnostics(withCodeFrames(diagnostics, readForFrame), options);
}
