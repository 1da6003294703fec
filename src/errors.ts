/** Permanent names of every problem a user can cause; documented in README "Error codes". */
export type DiagnosticCode =
  | "YamlSyntax"
  | "TomlSyntax"
  | "MissingField"
  | "InvalidField"
  | "InvalidDate"
  | "DateOrder"
  | "InvalidSlug"
  | "DuplicateSlug"
  | "InvalidUrl"
  | "InvalidConfig"
  | "InvalidEncoding"
  | "ReadError"
  | "MissingContent"
  | "TemplateSyntax"
  | "TemplateRender"
  | "MissingTemplate"
  | "UnknownLayout"
  | "OutputConflict"
  | "WriteError"
  | "MissingAlt"
  | "BrokenLink"
  | "Shortcode"
  | "FileExists"
  | "BuildLocked"
  | "FileTooLarge"
  | "NestingTooDeep"
  | "InvalidFileName"
  | "UnsafeOutput"
  | "UnsafeLink"
  | "LinkLoop"
  | "RenderTimeout"
  | "FrontMatterTooLarge"
  | "CacheTracked"
  | "CacheKey"
  | "UnknownField"
  | "EmptyBody"
  | "LocalBaseUrl"
  | "SubPathRobots"
  | "AuthorProfile"
  | "SearchIndex";

/** How bad a diagnostic is: errors fail the build, warnings are printed and the build goes on. */
export type Severity = "error" | "warning";

/** One problem, located as precisely as we can: file, 1-based line and column, field. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** What happened and why. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
  /** Path as the user knows it (relative to the working directory when possible). */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Front-matter or settings field, dotted (`source.url`). */
  readonly field?: string;
  /** The offending source lines with a caret under the column (added by `withCodeFrames`). */
  readonly frame?: string;
}

/** Builds an error-severity diagnostic. */
export function error(
  code: DiagnosticCode,
  message: string,
  rest: Omit<Diagnostic, "code" | "message" | "severity"> = {},
): Diagnostic {
  return { code, severity: "error", message, ...rest };
}

/** Builds a warning-severity diagnostic. */
export function warning(
  code: DiagnosticCode,
  message: string,
  rest: Omit<Diagnostic, "code" | "message" | "severity"> = {},
): Diagnostic {
  return { code, severity: "warning", message, ...rest };
}

/** Thrown by a stage that cannot go on; carries every problem found so far. */
export class SiteError extends Error {
  /** The diagnostics that stopped the build (at least one has severity "error"). */
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0];
    super(first ? `${diagnostics.length} problem(s); first: ${first.message} [${first.code}]` : "Build failed");
    this.name = "SiteError";
    this.diagnostics = diagnostics;
  }
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
