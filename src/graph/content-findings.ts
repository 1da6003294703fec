/** Findings in rendered bodies → diagnostics: links that go nowhere, images without alt, shortcodes, bodies too deep to render. */
import { warning, type Diagnostic } from "../errors.js";
import type { ContentFinding } from "../model.js";
import { articlePath, outputPathFor } from "../pages/urls.js";
import { slugify } from "../content/slugify.js";

/** A body's findings and where its first line is in its file. */
export interface FindingSource {
  readonly sourcePath: string;
  readonly bodyLine: number;
  readonly findings: readonly ContentFinding[];
}

/**
 * One warning per finding (one per file for shortcodes), at its line in the source file. A link
 * or image is fine when `files` (output paths of the site, "articles/x/index.html") has its target.
 */
export function findingDiagnostics(sources: readonly FindingSource[], files: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const source of sources) {
    for (const f of source.findings) {
      const at = { file: source.sourcePath, line: source.bodyLine - 1 + f.line, column: f.column };
      if (f.kind === "missing-alt") {
        out.push(warning("MissingAlt", "Image has no alt text, so screen readers skip it", { ...at, hint: "Describe the picture: ![What the picture shows](photo.jpg)." }));
      } else if (f.kind === "too-deep") {
        out.push(warning("NestingTooDeep", "The body nests quotes, lists, emphasis or HTML elements too deeply to render, so it is shown as plain text", { ...at, hint: "Flatten the nesting: a few levels of quotes or lists are enough." }));
      } else if (f.kind === "shortcode") {
        const more = f.count > 1 ? ` (${f.count} template tags in this file)` : "";
        out.push(warning("Shortcode", `\`${f.text}\` is a Hugo shortcode or Liquid tag that Broadsheet cannot run; it is shown as text${more}`, { ...at, hint: "Replace it with Markdown or HTML: a link, an image, or the HTML the shortcode produced." }));
      } else if (!exists(f.sitePath, files)) {
        out.push(
          f.isImage
            ? warning("BrokenLink", `Image ${f.sitePath} is not part of the site`, { ...at, hint: "Put the file in public/ (e.g. public/images/) or beside the article in its folder (articles/<name>/index.md)." })
            : warning("BrokenLink", `Link to ${f.sitePath} goes to no page of the site`, { ...at, hint: guess(f.sitePath, files) ?? "Check the address; an article's address is /articles/<slug>/, a tag's /tags/<tag>/." }),
        );
      }
    }
  }
  return out;
}

function exists(sitePath: string, files: ReadonlySet<string>): boolean {
  const rel = sitePath.replace(/^\/+/, "");
  return files.has(outputPathFor(sitePath)) || files.has(rel) || files.has(`${rel.replace(/\/$/, "")}/index.html`);
}

/** An archive's old address (/blog/release/v20.20.0/) often names an article we have: suggest it. */
function guess(sitePath: string, files: ReadonlySet<string>): string | undefined {
  const last = sitePath.split("/").filter(Boolean).pop()?.replace(/\.(html?|md|markdown)$/i, "");
  if (last === undefined) return undefined;
  const candidate = articlePath(slugify(last));
  return candidate !== sitePath && exists(candidate, files) ? `Did you mean ${candidate}?` : undefined;
}
