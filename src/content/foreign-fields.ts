/**
 * Front-matter written for Hugo, Jekyll, Eleventy or Astro → our field names, so an archive builds
 * without editing a file. Our own field always wins; a foreign one is used only when ours is absent.
 * The README's "Coming from Hugo, Jekyll or Eleventy" documents this table.
 */

/** Front-matter with our field names, and which foreign key each mapped field came from. */
export interface MappedFields {
  readonly data: Record<string, unknown>;
  /** Our field → the key the editor wrote (for messages pointing at the right line). */
  readonly origin: Readonly<Record<string, string>>;
}

/** Our field ← foreign keys, first present wins. */
const ALIASES: readonly (readonly [string, readonly string[]])[] = [
  ["summary", ["description", "excerpt"]],
  ["tags", ["categories", "category"]],
  ["enhanced", ["lastmod", "updated", "last_modified_at"]],
  ["date", ["pubDate"]],
  ["canonical", ["canonicalURL", "canonicalUrl", "canonical_url"]],
  ["expires", ["expiryDate", "expiry_date"]],
  ["aliases", ["redirect_from"]],
];

/** Every foreign key mapForeignFields reads: known keys, never "unknown field" warnings. */
export const FOREIGN_KEYS: readonly string[] = [
  ...ALIASES.flatMap(([, keys]) => keys),
  "publishDate",
  "published",
  "images",
  "image_alt",
  "imageAlt",
  "alt",
];

/**
 * Keys other generators' sites use for their own purposes that happen to be within two edits of
 * one of ours (`data` and `date`, `math` and `date`, `time` and `title`): kept for templates
 * without a "did you mean" warning. Keys farther from ours (`layout`, `weight`, `permalink`) need
 * no entry; mistyped keys of ours (`tag`, `slugs`, `titles`, `publishdate`) must not have one.
 */
export const QUIET_KEYS: readonly string[] = ["data", "math", "name", "note", "path", "time", "ogImage"];

/** Maps foreign fields; never fails (the schema then judges the values). */
export function mapForeignFields(input: Readonly<Record<string, unknown>>): MappedFields {
  const data: Record<string, unknown> = { ...input };
  const origin: Record<string, string> = {};
  const take = (field: string, key: string, value: unknown) => {
    data[field] = value;
    origin[field] = key;
  };
  // Hugo's publishDate is when the article goes public: it is the publication date when given.
  if (input.publishDate != null) take("date", "publishDate", input.publishDate);
  for (const [field, keys] of ALIASES) {
    if (data[field] != null) continue;
    const key = keys.find((k) => input[k] != null);
    if (key !== undefined) take(field, key, input[key]);
  }
  // Jekyll writes `categories: release security` as one space-separated string.
  if (origin.tags === "categories" && typeof data.tags === "string")
    data.tags = data.tags.split(/[\s,]+/).filter(Boolean);
  if (input.draft == null && input.published === false) take("draft", "published", true);
  // Jekyll's `author: { name }`, or a list of names under `author` (Hugo's key for that is `authors`).
  if (isRecord(input.author) && typeof input.author.name === "string") take("author", "author", input.author.name);
  if (input.authors == null && Array.isArray(input.author)) {
    data.author = undefined;
    take("authors", "author", input.author);
  }
  // `image: /img/x.jpg` (Jekyll themes) or `images: [x.jpg]` (Hugo): a picture without alt text.
  const imageKey =
    typeof input.image === "string"
      ? "image"
      : input.image == null && Array.isArray(input.images) && typeof input.images[0] === "string"
        ? "images"
        : null;
  if (imageKey !== null) {
    const src = imageKey === "image" ? (input.image as string) : (input.images as string[])[0]!;
    const alt = [input.image_alt, input.imageAlt, input.alt].find((a) => typeof a === "string") ?? "";
    take("image", imageKey, { src, alt });
  }
  return { data, origin };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
