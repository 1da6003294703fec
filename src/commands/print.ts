/** Printing diagnostics at the CLI's edge: code frames come from the files on disk, inside the site only. */
import type { Diagnostic } from "../errors.js";
import type { SitePaths } from "../model.js";
import { formatDiagnostics, withCodeFrames, type TextOptions } from "../report.js";
import { frameReaderFor } from "../read-for-frame.js";

/** Diagnostics as terminal text, errors with their code frames (read under the link policy of `paths`). */
export function diagnosticsText(
  diagnostics: readonly Diagnostic[],
  options?: TextOptions & { readonly paths?: Partial<SitePaths> },
): string {
  return formatDiagnostics(withCodeFrames(diagnostics, frameReaderFor(options?.paths)), options);
}
