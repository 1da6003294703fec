/**
 * I/O edge: where the build report goes. Always `report.json` in the output's state folder, beside
 * the manifests (Broadsheet never reads it back, so it is not signed); and with `--report FILE`,
 * FILE too, which is refused before anything is read where it would become part of the site (in
 * content/, templates/, public/, the theme), be replaced or deleted by a build (the output, its
 * state and lock, the cache), or stop the next build (a file the state folder must not hold).
 */
import { statSync } from "node:fs";
import path from "node:path";
import { error, type Diagnostic } from "../errors.js";
import type { GuardedPaths } from "../io/guard-paths.js";
import { isInside, realPathOf, shownPath } from "../io/read-policy.js";
import { writeOwnFileAtomic } from "../io/own-files.js";
import { BuildState } from "./build-state.js";
import { lockPathFor } from "./build-lock.js";
import { lstatOrNull } from "../io/stat.js";

/** Its name in the state folder (build-state.ts allows it there). */
const REPORT_NAME = "report.json";

/** Why `file` cannot take the report (UnsafeOutput, or WriteError when its folder is missing), or null. */
export function reportFileProblem(file: string, paths: GuardedPaths): Diagnostic | null {
  const full = path.resolve(file);
  const shown = shownPath(full);
  const folder = path.dirname(full);
  if (!isFolder(folder))
    return error(
      "WriteError",
      `Cannot write the build report ${shown}: the folder ${shownPath(folder)} does not exist`,
      {
        file: shown,
        hint: "Make the folder first, or pass --report with a file in an existing folder.",
      },
    );
  // Where the write lands: the folder's real path (links resolved), the name itself as given.
  const real = path.join(realPathOf(folder), path.basename(full));
  const out = paths.out && path.resolve(paths.out);
  const places: { role: string; dir: string | null | undefined }[] = [
    { role: "content folder", dir: paths.content },
    { role: "templates folder", dir: paths.templates },
    { role: "public folder", dir: paths.public },
    { role: "theme folder", dir: paths.theme },
    { role: "output folder", dir: paths.out },
    // `.<out>.builds` and `.<out>.lock`: the output's state and lock, written and removed by builds.
    { role: "output's build state", dir: out && path.join(path.dirname(out), `.${path.basename(out)}.builds`) },
    { role: "output's lock", dir: out && lockPathFor(out) },
    { role: "cache folder", dir: paths.cache },
  ];
  for (const { role, dir } of places) {
    if (!dir) continue;
    const otherReal = realPathOf(path.resolve(dir));
    if (isInside(real, otherReal))
      return unsafe(shown, `${real === otherReal ? "is" : "is inside"} the ${role} (${shownPath(otherReal)})`);
  }
  if (lstatOrNull(full)?.isDirectory()) return unsafe(shown, "is a folder");
  return null;
}

/** Writes the report text into the state folder of `out` (unless null) and into `file` (unless null), each atomically. */
export function writeBuildReport(
  text: string,
  places: { readonly out: string | null; readonly key: Buffer; readonly file: string | null },
): void {
  if (places.out !== null)
    writeOwnFileAtomic(new BuildState(path.resolve(places.out), places.key).entry(REPORT_NAME), text);
  if (places.file !== null) writeOwnFileAtomic(path.resolve(places.file), text);
}

function unsafe(shown: string, where: string): Diagnostic {
  return error("UnsafeOutput", `Refusing ${shown} as the build report: it ${where}`, {
    file: shown,
    hint: "Pass --report with a file outside the site's folders, e.g. --report build-report.json.",
  });
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
