/** Printing diagnostics at the CLI's edge: code frames come from the files on disk. */
import type { Diagnostic } from "../errors.js";
import { formatDiagnostics, withCodeFrames, type TextOptions } from "../report.js";
import { readForFrame } from "../read-for-frame.js";

/** Diagnostics as terminal text, errors with their code frames. */
export function diagnosticsText(diagnostics: readonly Diagnostic[], options?: TextOptions): string {
  return formatDiagnostics(withCodeFrames(diagnostics, readForFrame), options);
}
