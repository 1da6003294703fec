/** I/O edge: finds the file a request path names inside the served folder, never outside it. */
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { encodeSitePath } from "./request-path.js";

/** What a site path leads to. */
export type Located =
  | { readonly kind: "file"; readonly file: string }
  | { readonly kind: "redirect"; readonly location: string }
  | { readonly kind: "missing" }
  | { readonly kind: "forbidden" };

const MISSING: Located = { kind: "missing" };
const FORBIDDEN: Located = { kind: "forbidden" };

/**
 * Looks `segments` up under `root` (a folder or a link to one, resolved on every call because the
 * writer swaps it between builds). Links are followed only when the real target stays inside the
 * real root; `dir/` serves `dir/index.html` and `dir` redirects to `dir/`.
 */
export async function locateFile(
  root: string,
  segments: readonly string[],
  hasTrailingSlash: boolean,
): Promise<Located> {
  const realRoot = await realpath(root).catch(() => null);
  if (realRoot === null) return MISSING;
  const target = await realInside(realRoot, path.join(realRoot, ...segments));
  if (typeof target !== "string") return target;
  const stats = await stat(target);
  if (stats.isDirectory()) {
    if (!hasTrailingSlash && segments.length > 0) return { kind: "redirect", location: encodeSitePath(segments, true) };
    const index = await realInside(realRoot, path.join(target, "index.html"));
    if (typeof index !== "string") return index;
    return (await stat(index)).isFile() ? { kind: "file", file: index } : MISSING;
  }
  return stats.isFile() && !hasTrailingSlash ? { kind: "file", file: target } : MISSING;
}

/** The real path of `candidate` when it exists and lies inside `realRoot` (or is it). */
async function realInside(realRoot: string, candidate: string): Promise<string | Located> {
  const real = await realpath(candidate).catch(() => null);
  if (real === null) return MISSING;
  const rel = path.relative(realRoot, real);
  return rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? FORBIDDEN : real;
}
