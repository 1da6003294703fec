/** I/O edge for code frames: the text of a file named in a diagnostic, read only inside the site. */
import { resolveUnderPolicy, readPolicyFor, type ReadPolicy } from "./io/read-policy.js";
import { readOwnFile } from "./io/own-files.js";
import { DEFAULT_PATHS } from "./config/resolve-config.js";
import type { SitePaths } from "./model.js";

// Frames show a few lines; a bigger file is not what a diagnostic points into.
const MAX_FRAME_SOURCE = 8 * 1024 * 1024;

/**
 * A reader for code frames under the site's link policy: a file whose real path is outside the
 * site (a `site.yaml -> /proc/self/environ` link) is never quoted, whatever the diagnostic says.
 */
function frameReader(policy: ReadPolicy): (file: string) => string | null {
  return (file) => {
    const resolved = resolveUnderPolicy(policy, file);
    if (resolved.kind !== "file") return null;
    return readOwnFile(resolved.real, MAX_FRAME_SOURCE)?.toString("utf8") ?? null;
  };
}

/** The frame reader of a build with these folders (defaults where not given). */
export function frameReaderFor(paths: Partial<SitePaths> = {}): (file: string) => string | null {
  const all = { ...DEFAULT_PATHS, ...paths };
  return frameReader(
    readPolicyFor([all.content, all.templates, all.public, ...(all.theme === null ? [] : [all.theme])]),
  );
}
