/** Findings in rendered bodies and front-matter pictures → diagnostics: links that go nowhere, images without alt, shortcodes, bodies too deep to render. */
import { error, warning, type Diagnostic } from "../errors.js";
import type { ContentFinding } from "../model.js";
import type { FrontMatterImage } from "../content/article-notes.js";
import { articlePath, outputPathFor } from "../pages/urls.js";
import { slugify } from "../content/slugify.js";
import { didYouMean } from "../text/did-you-mean.js";

/** A body's findings and where its first line is in its file. */
export interface FindingSource {
  readonly sourcePath: string;
  readonly bodyLine: number;
  readonly findings: readonly ContentFinding[];
  /** The front-matter picture as a site path, at its line in the file (see withImage). */
  readonly image?: { readonly sitePath: string; readonly line: number; readonly column: number } | null;
}

/**
 * `source` with the article's front-matter picture to check: a local src, resolved against the
 * article's page (`x.jpg` → /articles/<slug>/x.jpg) as a browser on that page resolves it. An
 * http(s) or protocol-relative URL is another site's business.
 */
export function withImage(
  source: FindingSource,
  slug: string,
  image: FrontMatterImage | null | undefined,
): FindingSource {
  if (!image || /^[a-z][a-z\d+.-]*:|^[/\\]{2}/i.test(image.src)) return source;
  const page = new URL(articlePath(slug), "https://site.invalid");
  let target: URL;
  try {
    target = new URL(image.src, page);
  } catch {
    return source;
  }
  if (target.origin !== page.origin) return source;
  let sitePath = target.pathname;
  try {
    sitePath = decodeURI(sitePath);
  } catch {
    // A stray "%" stays as written: the file cannot have that name anyway.
  }
  return { ...source, image: { sitePath, line: image.line, column: image.column } };
}

/**
 * One warning per finding (one per file for shortcodes), at its line in the source file. A link
 * or image is fine when `files` (output paths of the site, "articles/x/index.html") has its target.
 * A link to an article's old address (`aliases`: old site path → article path) is fine too: its
 * redirect page is among `files`, and it is not worth a warning on every link of an imported
 * archive; a broken link near an old address is told the article's own address.
 */
export function findingDiagnostics(
  sources: readonly FindingSource[],
  files: ReadonlySet<string>,
  aliases: ReadonlyMap<string, string> = new Map(),
  missingImages: "error" | "warn" = "error",
): Diagnostic[] {
  // A picture that is not there is an error (a page would show a hole), or a warning in an
  // imported archive that asks for it (`missingImages: warn`): then it is left as written.
  const imageProblem = missingImages === "warn" ? warning : error;
  const out: Diagnostic[] = [];
  for (const source of sources) {
    const image = source.image;
    if (image && !exists(image.sitePath, files)) {
      out.push(
        imageProblem("BrokenLink", `Image ${image.sitePath} is not part of the site`, {
          file: source.sourcePath,
          line: image.line,
          column: image.column,
          field: "image",
          hint: "Fix `image` in the front-matter, or put the file in public/ (e.g. public/images/) or beside the article in its folder (articles/<name>/index.md); for an imported archive, `missingImages: warn` in site.yaml makes this a warning.",
        }),
      );
    }
    for (const f of source.findings) {
      const at = { file: source.sourcePath, line: source.bodyLine - 1 + f.line, column: f.column };
      if (f.kind === "missing-alt") {
        out.push(
          warning("MissingAlt", "Image has no alt text, so screen readers skip it", {
            ...at,
            hint: "Describe the picture: ![What the picture shows](photo.jpg).",
          }),
        );
      } else if (f.kind === "too-deep") {
        out.push(
          warning(
            "NestingTooDeep",
            "The body nests quotes, lists, emphasis or HTML elements too deeply to render, so it is shown as plain text",
            { ...at, hint: "Flatten the nesting: a few levels of quotes or lists are enough." },
          ),
        );
      } else if (f.kind === "shortcode") {
        const more = f.count > 1 ? ` (${f.count} template tags in this file)` : "";
        out.push(
          warning(
            "Shortcode",
            `\`${f.text}\` is a Hugo shortcode or Liquid tag that Broadsheet cannot run; it is shown as text${more}`,
            { ...at, hint: "Replace it with Markdown or HTML: a link, an image, or the HTML the shortcode produced." },
          ),
        );
      } else if (!exists(f.sitePath, files)) {
        out.push(
          f.isImage
            ? imageProblem("BrokenLink", `Image ${f.sitePath} is not part of the site`, {
                ...at,
                hint: "Put the file in public/ (e.g. public/images/) or beside the article in its folder (articles/<name>/index.md); for an imported archive, `missingImages: warn` in site.yaml makes this a warning.",
              })
            : warning("BrokenLink", `Link to ${f.sitePath} goes to no page of the site`, {
                ...at,
                hint:
                  guess(f.sitePath, files, aliases) ??
                  "Check the address; an article's address is /articles/<slug>/, a tag's /tags/<tag>/.",
              }),
        );
      }
    }
  }
  return out;
}

const MAX_FUZZY_ALIASES = 5000;

function exists(sitePath: string, files: ReadonlySet<string>): boolean {
  const rel = sitePath.replace(/^\/+/, "");
  return files.has(outputPathFor(sitePath)) || files.has(rel) || files.has(`${rel.replace(/\/$/, "")}/index.html`);
}

/**
 * An archive's old address (/blog/release/v20.20.0/) often names an article we have: suggest it.
 * A near miss of a known old address (a typo, a missing slash) suggests that article's address.
 */
function guess(
  sitePath: string,
  files: ReadonlySet<string>,
  aliases: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  // Edit distances cost a table each: past a large archive's worth of old addresses, skip the near misses.
  const near = aliases.size <= MAX_FUZZY_ALIASES ? didYouMean(sitePath, [...aliases.keys()]) : null;
  if (near !== null) return `Did you mean ${aliases.get(near)}? (${near} is an old address of that article)`;
  const last = sitePath
    .split("/")
    .filter(Boolean)
    .pop()
    ?.replace(/\.(html?|md|markdown)$/i, "");
  if (last === undefined) return undefined;
  const candidate = articlePath(slugify(last));
  return candidate !== sitePath && exists(candidate, files) ? `Did you mean ${candidate}?` : undefined;
}
