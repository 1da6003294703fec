/** How diagnostics are shown: terminal text with code frames, JSON, and GitHub workflow annotations. */
import type { Diagnostic } from "./errors.js";

/** Options for terminal output. */
export interface TextOptions {
  /** Print at most this many warnings, then a line saying how many were left out. @default all */
  readonly maxWarnings?: number;
}

/** Formats diagnostics for a terminal, grouped by file; each hint and code frame below; ends with a count line. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: TextOptions = {}): string {
  const shown = limitWarnings(diagnostics, options.maxWarnings ?? Infinity);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of shown) {
    const key = d.file ?? "";
    byFile.set(key, [...(byFile.get(key) ?? []), d]);
  }
  const lines: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const list = byFile.get(file)!.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    for (const d of list) {
      const where = file === "" ? "" : `${file}${d.line ? `:${d.line}:${d.column ?? 1}` : ""} `;
      lines.push(`${where}${d.severity} ${d.message} [${d.code}]`);
      if (d.frame) lines.push(...d.frame.split("\n").map((l) => `    ${l}`));
      if (d.hint) lines.push(`    ${d.hint}`);
    }
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const hidden = diagnostics.length - shown.length;
  if (hidden > 0)
    lines.push(`… and ${hidden} more ${hidden === 1 ? "warning" : "warnings"}: \`broadsheet check\` lists them all.`);
  lines.push(`${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`);
  return lines.join("\n");
}

function limitWarnings(diagnostics: readonly Diagnostic[], max: number): Diagnostic[] {
  let warnings = 0;
  return diagnostics.filter((d) => d.severity === "error" || ++warnings <= max);
}

/**
 * The lines around `line` of `text` with a caret under `column`, as rustc and Astro show them:
 *
 *       2 | title: Dam opens
 *     > 3 | date: 2024-13-01
 *         |       ^
 */
export function codeFrame(text: string, line: number, column = 1, context = 1): string | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  if (line < 1 || line > lines.length) return undefined;
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const content = printable(lines[n - 1]!);
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${content}`.trimEnd());
    if (n === line) {
      // Tabs stay tabs under the caret so it lines up in any terminal.
      const lead = [...content.slice(0, Math.max(0, column - 1))].map((c) => (c === "\t" ? "\t" : " ")).join("");
      out.push(`  ${" ".repeat(width)} | ${lead}^`);
    }
  }
  return out.join("\n");
}

// Long lines are cut and control characters shown as symbols, so a frame never garbles a terminal.
function printable(line: string): string {
  const clean = line.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "\ufffd");
  return clean.length > 160 ? `${clean.slice(0, 157)}…` : clean;
}

/** Adds a code frame to every error that has a file and line; `read` returns a file's text or null. */
export function withCodeFrames(
  diagnostics: readonly Diagnostic[],
  read: (file: string) => string | null,
): Diagnostic[] {
  const texts = new Map<string, string | null>();
  return diagnostics.map((d) => {
    if (d.severity !== "error" || d.frame || !d.file || !d.line) return d;
    if (!texts.has(d.file)) texts.set(d.file, read(d.file));
    const text = texts.get(d.file);
    const frame = text == null ? undefined : codeFrame(text, d.line, d.column);
    return frame ? { ...d, frame } : d;
  });
}

/** Diagnostics as JSON: a stable document for editors and scripts. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return JSON.stringify({ ok: errors === 0, errors, warnings: diagnostics.length - errors, diagnostics }, null, 2);
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), one per
 * diagnostic, so a pull request shows each problem on its line.
 */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [
        d.file && `file=${escapeProperty(d.file)}`,
        d.line && `line=${d.line}`,
        d.line && `col=${d.column ?? 1}`,
        `title=${escapeProperty(`Broadsheet ${d.code}`)}`,
      ]
        .filter(Boolean)
        .join(",");
      return `::${d.severity} ${props}::${escapeData(d.hint ? `${d.message}\n${d.hint}` : d.message)}`;
    })
    .join("\n");
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
