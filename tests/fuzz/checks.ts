/** Invariants shared by the fuzz properties and the regression tests. */
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import type { Diagnostic, DiagnosticCode } from "../../src/errors.js";

/** Every permanent diagnostic code (src/errors.ts); a Record, so a new code fails the type-check until it is listed. */
const CODES: Record<DiagnosticCode, true> = {
  YamlSyntax: true,
  TomlSyntax: true,
  MissingField: true,
  InvalidField: true,
  InvalidDate: true,
  DateOrder: true,
  InvalidSlug: true,
  DuplicateSlug: true,
  InvalidUrl: true,
  InvalidConfig: true,
  InvalidEncoding: true,
  ReadError: true,
  MissingContent: true,
  TemplateSyntax: true,
  TemplateRender: true,
  MissingTemplate: true,
  UnknownLayout: true,
  OutputConflict: true,
  WriteError: true,
  MissingAlt: true,
  BrokenLink: true,
  Shortcode: true,
  FileExists: true,
  BuildLocked: true,
  FileTooLarge: true,
  NestingTooDeep: true,
  InvalidFileName: true,
  UnsafeOutput: true,
  UnsafeLink: true,
  LinkLoop: true,
  RenderTimeout: true,
  FrontMatterTooLarge: true,
  CacheTracked: true,
  CacheKey: true,
  UnknownField: true,
  EmptyBody: true,
  LocalBaseUrl: true,
  SubPathRobots: true,
  AuthorProfile: true,
  SearchIndex: true,
};
const DIAGNOSTIC_CODES: ReadonlySet<string> = new Set(Object.keys(CODES));

/** What is wrong with a diagnostic (empty when it is well-formed); `needsPosition` asks for file, line and column. */
export function diagnosticProblems(d: Diagnostic, needsPosition: boolean): string[] {
  const problems: string[] = [];
  if (!DIAGNOSTIC_CODES.has(d.code)) problems.push(`unknown code ${String(d.code)}`);
  if (d.severity !== "error" && d.severity !== "warning") problems.push(`severity ${String(d.severity)}`);
  if (typeof d.message !== "string" || d.message.trim() === "") problems.push("empty message");
  if (typeof d.message === "string" && d.message.startsWith("Internal error"))
    problems.push(`internal error: ${d.message}`);
  if (needsPosition) {
    if (typeof d.file !== "string" || d.file === "") problems.push("no file");
    if (!(Number.isInteger(d.line) && d.line! >= 1)) problems.push(`line ${String(d.line)}`);
    if (!(Number.isInteger(d.column) && d.column! >= 1)) problems.push(`column ${String(d.column)}`);
  }
  return problems.map((p) => `${d.code} "${String(d.message).slice(0, 80)}": ${p}`);
}

/**
 * The first character XML 1.0 forbids (its Char production: #x9 | #xA | #xD | [#x20-#xD7FF] |
 * [#xE000-#xFFFD] | [#x10000-#x10FFFF], so no lone surrogate either), as "U+XXXX at N", or null.
 */
function firstNonXmlChar(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd)) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return `U+${c.toString(16).toUpperCase().padStart(4, "0")} at ${i}`;
  }
  return null;
}

/** The index of the first lone surrogate, or -1. */
function loneSurrogateAt(text: string): number {
  return text.search(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
}

/** What is wrong with an XML output: not well-formed, or a character outside XML 1.0. */
export function xmlProblems(name: string, xml: string): string[] {
  const problems: string[] = [];
  const bad = firstNonXmlChar(xml);
  if (bad) problems.push(`${name}: ${bad} is not an XML 1.0 character`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    problems.push(`${name}: not well-formed: ${valid.err.code} ${valid.err.msg} (line ${valid.err.line})`);
  return problems;
}

/** What is wrong with an HTML output: a lone surrogate (it would be written as U+FFFD, not as the text). */
export function htmlProblems(name: string, html: string): string[] {
  const at = loneSurrogateAt(html);
  // Without lone surrogates, the text is exactly what UTF-8 writes to disk.
  if (at !== -1)
    return [
      `${name}: lone surrogate U+${html.charCodeAt(at).toString(16).toUpperCase()} at ${at}: …${JSON.stringify(html.slice(Math.max(0, at - 40), at + 10))}`,
    ];
  return [];
}

/** What is wrong with an output path: not relative, not normalized, `..`, NUL or a backslash. */
export function outputPathProblems(p: string): string[] {
  const problems: string[] = [];
  if (p === "" || p.startsWith("/") || path.isAbsolute(p)) problems.push("absolute or empty");
  if (path.posix.normalize(p) !== p) problems.push("not normalized");
  if (p.split("/").some((s) => s === ".." || s === "." || s === "")) problems.push("has a '..', '.' or empty segment");
  if (p.includes("\0")) problems.push("has a NUL");
  if (p.includes("\\")) problems.push("has a backslash");
  if (/[\u0001-\u001F\u007F]/.test(p)) problems.push("has a control character");
  if (loneSurrogateAt(p) !== -1) problems.push("has a lone surrogate");
  return problems.map((x) => `output path ${JSON.stringify(p)}: ${x}`);
}

/** A short, printable description of a generated input for failure messages. */
export function describe(value: unknown, max = 2000): string {
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
