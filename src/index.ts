/** Public API: build() and the model types. */
export {
  build,
  type BuildOptions,
  type BuildResult,
  type BuiltSite,
  type FailedBuild,
  type BuildStats,
} from "./build.js";
export { resolveConfig, type ConfigOverrides } from "./config/resolve-config.js";
export { MemoryWriter, type Writer, type PlannedOutput, type WriteReport, type SiteStamp } from "./output/writer.js";
export { FolderWriter } from "./output/folder-writer.js";
export { LinkWriter } from "./output/link-writer.js";
export { formatDiagnostics } from "./report.js";
export type { Diagnostic, DiagnosticCode, Severity } from "./errors.js";
export type * from "./model.js";
