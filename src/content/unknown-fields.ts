/** Front-matter keys that look like a mistyped field of ours (`sumary:`, `tag:`): warned about, never refused. */
import { warning, type Diagnostic } from "../errors.js";
import type { ParsedSource } from "../model.js";
import { didYouMean } from "../text/did-you-mean.js";
import { QUIET_KEYS } from "./foreign-fields.js";

const QUIET = new Set(QUIET_KEYS.map((k) => k.toLowerCase()));

/**
 * One `UnknownField` warning per key of `parsed` that is not in `known` but within two edits of a
 * known key (case aside), at the key's line. Keys far from all of ours (`layout`, `weight`) are
 * silent: templates may use them, and a site imported from another generator is full of them.
 * `extra` names where templates find unknown keys (`article.extra`).
 */
export function unknownFieldWarnings(parsed: ParsedSource, known: readonly string[], extra: string): Diagnostic[] {
  const knownSet = new Set(known);
  const out: Diagnostic[] = [];
  for (const key of Object.keys(parsed.data)) {
    if (knownSet.has(key) || QUIET.has(key.toLowerCase())) continue;
    const meant = didYouMean(key, known);
    if (meant === null) continue;
    const at = parsed.locate([key]) ?? { line: 1, column: 1 };
    out.push(
      warning("UnknownField", `Unknown field "${key}": did you mean "${meant}"?`, {
        file: parsed.file.path,
        ...at,
        field: key,
        hint: `Keys we do not know are kept for templates as ${extra}; rename it if it was meant to be ${meant}.`,
      }),
    );
  }
  return out;
}
