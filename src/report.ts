/** Prints diagnostics one per line, grouped by file: `file:line:col severity message [Code]`, hint below. */
import type { Diagnostic } from "./errors.js";

/** Formats diagnostics for a terminal; ends with a count line. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = d.file ?? "";
    byFile.set(key, [...(byFile.get(key) ?? []), d]);
  }
  const lines: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const list = byFile.get(file)!.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    for (const d of list) {
      const where = file === "" ? "" : `${file}${d.line ? `:${d.line}:${d.column ?? 1}` : ""} `;
      lines.push(`${where}${d.severity} ${d.message} [${d.code}]`);
      if (d.hint) lines.push(`    ${d.hint}`);
    }
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  lines.push(`${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`);
  return lines.join("\n");
}
