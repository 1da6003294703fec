/** Slug rules: one place for what an article slug may be and how file names become slugs. */

/** What a slug may contain: lowercase ASCII letters, digits and single hyphens. */
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longest slug we accept: keeps every output path well under file-name limits. */
export const MAX_SLUG_LENGTH = 120;

/** True when `slug` is safe to use as a URL segment and a folder name. */
export function isValidSlug(slug: string): boolean {
  return slug.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(slug);
}

/** Turns free text ("Café déjà vu: 2.0!") into a slug ("cafe-deja-vu-2-0"); may return "". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
}

const DATED_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)$/;

/**
 * What a file's path says about its article: `2024-05-01-title.md` gives a date and the slug
 * "title"; `name/index.md` (a page bundle) gives the slug "name".
 */
export function readFileName(relPath: string): { slug: string; date: string | null } {
  const parts = relPath.split("/");
  let base = parts[parts.length - 1]!.replace(/\.(md|markdown)$/i, "");
  if (base.toLowerCase() === "index" && parts.length > 1) base = parts[parts.length - 2]!;
  const dated = DATED_NAME.exec(base);
  return dated ? { slug: slugify(dated[2]!), date: dated[1]! } : { slug: slugify(base), date: null };
}
