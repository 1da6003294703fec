/** `broadsheet clean [--cache DIR]`. */
import { existsSync, rmSync } from "node:fs";
import { DEFAULT_PATHS } from "../config/resolve-config.js";
import { cleanProblem } from "../io/guard-paths.js";
import { overridesFrom, type CliIo, type CliValues } from "./options.js";
import { diagnosticsText } from "./print.js";

/** Removes the build cache: only a folder a build tagged as Broadsheet's cache, never anything else. */
export async function runClean(values: CliValues, _args: readonly string[], { out, err }: CliIo): Promise<number> {
  const dir = values.cache ?? DEFAULT_PATHS.cache!;
  if (!existsSync(dir)) {
    out(`No build cache at ${dir}; nothing to remove.`);
    return 0;
  }
  const paths = { ...DEFAULT_PATHS, ...overridesFrom(values).paths };
  const problem = cleanProblem(dir, [paths.content, paths.templates, paths.public, paths.out]);
  if (problem) {
    err(diagnosticsText([problem]));
    return 1;
  }
  rmSync(dir, { recursive: true, force: true });
  out(`Removed the build cache ${dir}`);
  return 0;
}
