/** `broadsheet clean`. */
import { DEFAULT_PATHS } from "../config/resolve-config.js";
import { DiskCache } from "../cache/disk-cache.js";
import type { CliIo, CliValues } from "./options.js";

/** Removes the build cache. */
export async function runClean(values: CliValues, _args: readonly string[], { out }: CliIo): Promise<number> {
  const dir = values.cache ?? DEFAULT_PATHS.cache!;
  new DiskCache(dir).clear();
  out(`Removed the build cache ${dir}`);
  return 0;
}
