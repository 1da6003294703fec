/** I/O edge: the files of page bundles (`articles/<name>/index.md` and its images), read for output. */
import path from "node:path";
import type { Diagnostic } from "../errors.js";
import type { Article, OutputFile } from "../model.js";
import type { Bundle } from "../content/read-sources.js";
import { articlePath, outputPathFor } from "../pages/urls.js";
import { readBytes, shownPath } from "../io/read-policy.js";

/** A bundle file on its way to the site, remembering where it came from (for messages). */
export interface BundleFile extends OutputFile {
  readonly sourcePath: string;
}

/**
 * The files beside each article's index.md, placed beside the article's page
 * (`articles/<slug>/photo.jpg`), so relative image paths in the article work on the site. A file
 * that cannot be read (anymore) is a ReadError in `diagnostics`.
 */
export function readBundleFiles(
  articles: readonly Article[],
  bundles: ReadonlyMap<string, Bundle>,
  diagnostics: Diagnostic[] = [],
): BundleFile[] {
  const out: BundleFile[] = [];
  for (const article of articles) {
    const bundle = bundles.get(article.sourcePath);
    if (!bundle) continue;
    const folder = path.posix.dirname(outputPathFor(articlePath(article.slug)));
    for (const file of bundle.files) {
      const sourcePath = shownPath(path.join(bundle.dir, file));
      const contents = readBytes(bundle.paths.get(file) ?? path.join(bundle.dir, file), sourcePath, diagnostics);
      if (contents !== null) out.push({ path: `${folder}/${file}`, contents, sourcePath });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
