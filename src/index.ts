/** Public API: build() and the model types. */
export { build, type BuildOptions, type BuildResult } from "./build.js";
export { resolveConfig, type ConfigOverrides } from "./config/resolve-config.js";
export { FsWriter, MemoryWriter, type Writer, type PlannedOutput, type WriteReport, type SiteStamp } from "./output/site-writer.js";
export { formatDiagnostics } from "./report.js";
export type { Diagnostic, DiagnosticCode, Severity } from "./errors.js";
export type * from "./model.js";
