/** `broadsheet build`. */
import path from "node:path";
import { build } from "../build.js";
import { createProgress } from "../progress.js";
import { overridesFrom, type CliIo, type CliValues } from "./options.js";
import { diagnosticsText } from "./print.js";

/** Builds the site; prints problems (at most 20 warnings) and one summary line. */
export async function runBuild(values: CliValues, _args: readonly string[], { out, err }: CliIo): Promise<number> {
  const progress = createProgress({ isTTY: process.stderr.isTTY === true, write: (t) => process.stderr.write(t) });
  const overrides = overridesFrom(values);
  const result = await build({ ...overrides, onProgress: progress.onProgress });
  progress.finish();
  if (result.diagnostics.length > 0) err(diagnosticsText(result.diagnostics, { maxWarnings: 20, paths: overrides.paths }));
  if (!result.isOk) {
    err(`Build failed; ${result.config ? path.relative(process.cwd(), path.resolve(result.config.paths.out)) || "." : "the output folder"} was left untouched.`);
    return 1;
  }
  if (values.timings) err(Object.entries(result.timings).map(([step, ms]) => `${step.padEnd(11)}${ms.toFixed(0).padStart(7)} ms`).join("\n"));
  const { articles, pages, files, rendered, ms } = result.stats;
  const w = result.write!;
  out(`Built ${articles} articles, ${pages} pages, ${files} files (${rendered} rendered, ${w.changed.length} changed, ${w.deleted.length} deleted) in ${(ms / 1000).toFixed(2)} s → ${result.config!.paths.out}`);
  return 0;
}
