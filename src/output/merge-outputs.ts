/**
 * Joins public/ files and page-bundle files with generated ones; a file that would hide another, or
 * whose name no site can carry, is an error. Paths are compared as a case-insensitive disk compares
 * them (macOS and Windows, where most sites are edited): `public/Index.html` and the generated
 * `index.html` are one file there, and one would silently overwrite the other.
 */
import { error, type Diagnostic } from "../errors.js";
import type { OutputFile } from "../model.js";
import type { PlannedOutput, SiteOutput } from "./writer.js";
import type { BundleFile } from "./read-bundles.js";
import { fastHash } from "../cache/hash.js";
import { portablePathKey } from "../pages/urls.js";

// Generated paths come from validated slugs and tag segments; copied files keep the names they have on disk.
const UNPORTABLE = /[\\\u0000-\u001F\u007F]/;

/** All outputs sorted by path, or a diagnostic per conflicting path. */
export function mergeOutputs(
  publicFiles: readonly OutputFile[],
  generated: readonly SiteOutput[],
  publicDir: string,
  bundleFiles: readonly BundleFile[] = [],
): { outputs: SiteOutput[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // Each output path as a case-insensitive disk sees it → the path as written, and where it comes from.
  const taken = new Map<string, { path: string; from: string }>();
  const sameAs = (other: { path: string; from: string }, path: string) =>
    other.path === path
      ? `${other.from} has the same path`
      : `${other.from} ("${other.path}") is the same file on a case-insensitive disk (macOS, Windows)`;
  for (const f of generated) {
    const key = portablePathKey(f.path);
    const other = taken.get(key);
    if (other)
      diagnostics.push(
        error(
          "OutputConflict",
          `The generated page "${f.path}" and ${sameAs(other, f.path).replace(/ has the same path$/, " have the same path")}`,
          { hint: "Rename one of the tags, slugs or pages involved." },
        ),
      );
    else taken.set(key, { path: f.path, from: "a generated page" });
  }
  const isPortable = (f: OutputFile, file: string) => {
    if (!UNPORTABLE.test(f.path)) return true;
    diagnostics.push(
      error("InvalidFileName", `"${f.path}" has a backslash or a control character in its name`, {
        file,
        hint: "Rename the file: Windows reads a backslash as a folder separator, and no URL or file system carries control characters the same way.",
      }),
    );
    return false;
  };
  // Bundle files go beside their article page; a bundle's own index.html would replace the page.
  const claim = (f: OutputFile, file: string, kind: string, hint: string): boolean => {
    if (!isPortable(f, file)) return false;
    const key = portablePathKey(f.path);
    const other = taken.get(key);
    if (other === undefined) {
      taken.set(key, { path: f.path, from: file });
      return true;
    }
    diagnostics.push(
      error("OutputConflict", `${kind} "${f.path}" would overwrite another output: ${sameAs(other, f.path)}`, {
        file,
        hint,
      }),
    );
    return false;
  };
  const bundled = bundleFiles.filter((f) =>
    claim(f, f.sourcePath, "The file beside the article", "Rename or remove the file in the article's folder."),
  );
  const copiedPublic = publicFiles.filter((f) =>
    claim(f, `${publicDir}/${f.path}`, "The public/ file", "Rename or remove the file in public/."),
  );
  // A copied file's fingerprint is its content hash: unchanged files are linked, not copied.
  const copied: PlannedOutput[] = [...copiedPublic, ...bundled].map((f) => ({
    path: f.path,
    fingerprint: `public:${fastHash(f.contents)}`,
    produce: () => f.contents,
  }));
  const outputs = [...copied, ...generated].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { outputs, diagnostics };
}
