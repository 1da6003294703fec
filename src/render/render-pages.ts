/** PageSpecs → HTML files. A template error is reported once per template and message, not per page. */
import type { Diagnostic } from "../errors.js";
import type { OutputFile, PageSpec } from "../model.js";
import { TemplateRenderError, type TemplateEnv } from "./handlebars-env.js";

/** Renders every planned page; returns the files and any template problems. */
export function renderPages(specs: readonly PageSpec[], env: TemplateEnv): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files: OutputFile[] = [];
  const problems = new Map<string, Diagnostic>();
  for (const spec of specs) {
    try {
      files.push({ path: spec.outputPath, contents: env.renderPage(spec.layout, spec.context) });
    } catch (cause) {
      if (!(cause instanceof TemplateRenderError)) throw cause;
      const d = cause.diagnostic;
      problems.set(`${d.file}:${d.line}:${d.message}`, d);
    }
  }
  return { files, diagnostics: [...problems.values()] };
}
