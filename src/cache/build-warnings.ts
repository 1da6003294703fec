/**
 * The warnings a successful build found once its pages were planned (links that go nowhere,
 * missing pictures, shortcodes), with the input key they belong to: a build with nothing to do
 * skips that stage, and would otherwise report a site full of broken links as clean.
 */
import path from "node:path";
import type { Diagnostic } from "../errors.js";
import type { DiskCache } from "./disk-cache.js";
import { hashOf } from "./hash.js";

const NAMESPACE = "warnings";

// One entry per output folder, replaced by each build: the dev server saves on every keystroke's
// rebuild, and an entry per input key would pile up (350 warnings are ~100 KB).
const slotOf = (out: string) => hashOf(path.resolve(out));

/** Remembers the `warnings` of the site built from `inputKey` into `out`. */
export function saveBuildWarnings(
  cache: DiskCache,
  out: string,
  inputKey: string,
  warnings: readonly Diagnostic[],
): void {
  cache.writeJson(NAMESPACE, slotOf(out), { inputKey, warnings });
}

/**
 * The warnings saved for the site built from `inputKey` into `out`, or null when there are none to
 * trust (no cache, no entry, another input key, a damaged or foreign entry): the caller must then
 * find them again rather than report none.
 */
export function loadBuildWarnings(cache: DiskCache, out: string, inputKey: string): Diagnostic[] | null {
  const saved = cache.readJson<{ inputKey?: unknown; warnings?: unknown }>(NAMESPACE, slotOf(out));
  if (saved?.inputKey !== inputKey || !Array.isArray(saved.warnings) || !saved.warnings.every(isWarning)) return null;
  return saved.warnings;
}

function isWarning(value: unknown): value is Diagnostic {
  const d = value as Partial<Diagnostic> | null;
  return (
    typeof d === "object" &&
    d !== null &&
    d.severity === "warning" &&
    typeof d.code === "string" &&
    typeof d.message === "string"
  );
}
