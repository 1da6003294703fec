/** `broadsheet check [--format text|json|github] [--strict]`. */
import { check } from "../check.js";
import { formatGithub, formatJson, withCodeFrames } from "../report.js";
import { overridesFrom, type CliIo, type CliValues } from "./options.js";
import { diagnosticsText } from "./print.js";
import { frameReaderFor } from "../read-for-frame.js";
import { scheduleLines } from "../build-report.js";

const FORMATS = ["text", "json", "github"] as const;

/** Checks the site without writing it; exit 1 on errors (with --strict, on warnings too). */
export async function runCheck(values: CliValues, _args: readonly string[], { out, err }: CliIo): Promise<number> {
  const format = (values.format ?? "text") as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    err(`--format must be one of ${FORMATS.join(", ")} (got "${values.format}").`);
    return 2;
  }
  const overrides = overridesFrom(values);
  const result = await check(overrides);
  const failed = !result.isOk || (values.strict === true && result.diagnostics.length > 0);
  if (format === "json") out(formatJson(withCodeFrames(result.diagnostics, frameReaderFor(overrides.paths))));
  else if (format === "github") {
    if (result.diagnostics.length > 0) out(formatGithub(result.diagnostics));
  } else {
    if (result.diagnostics.length > 0) err(diagnosticsText(result.diagnostics, { paths: overrides.paths }));
    const { articles, pages, ms } = result.stats;
    out(
      `${failed ? "Check failed" : "Checked"}: ${articles} articles, ${pages} pages in ${(ms / 1000).toFixed(2)} s; nothing was written.`,
    );
    // Checked like the rest, but not on the published site yet (or any more): named as `build` names them.
    if (result.schedule && result.config) for (const line of scheduleLines(result.schedule, result.config)) out(line);
  }
  return failed ? 1 : 0;
}
