/** Front-matter → Article: every problem in a file reported at once, each at its line. */
import { z } from "zod";
import { error, warning, type Diagnostic, type DiagnosticCode } from "../errors.js";
import type { Article, ArticleUpdate, ParsedSource } from "../model.js";
import { parseEditorDate } from "../time/zoned-time.js";
import { isValidSlug, readFileName, MAX_SLUG_LENGTH } from "./slugify.js";
import { FOREIGN_KEYS, mapForeignFields } from "./foreign-fields.js";
import { unknownFieldWarnings } from "./unknown-fields.js";
import { readAlias } from "./aliases.js";

/** Bump whenever validation gives a different result for the same file (cached results are keyed on it). */
export const VALIDATOR_VERSION = 12;

/**
 * Most tags one article may have. Every tag page shows the article's card with all its tags, so
 * n tags cost n² links (20,000 tags on one article exhausted memory); real articles have a handful.
 */
const MAX_TAGS_PER_ARTICLE = 100;

const text = (label: string) =>
  z.string({ error: (i) => (i.input === undefined ? `${label} is required` : `${label} must be text`) });
const optionalText = (label: string) =>
  z
    .union([z.string(), z.number()], { error: `${label} must be text` })
    .optional()
    .nullable();
const bool = (label: string) =>
  z
    .boolean({ error: `${label} must be true or false` })
    .optional()
    .nullable();
const dateValue = (label: string) =>
  z
    .union([z.string(), z.date()], { error: `${label} must be a date such as 2024-05-01 or 2024-05-01T10:00:00+02:00` })
    .optional()
    .nullable();

// A user name or password in a URL would be published in the page, the feed and every copy of them.
const credentials = (label: string) => ({
  message: `${label} contains a user name or password before the host (user:pass@), and the site would publish it`,
  abort: true,
  params: { hint: "Link the public address, without user name or password; keep credentials out of content." },
});

const absoluteUrl = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .refine(isHttpUrl, { message: `${label} must be an absolute http(s) URL`, abort: true })
    .refine((url) => !hasUserInfo(url), credentials(label));
const httpUrl = absoluteUrl("Source URL");

/** The article front-matter schema; unknown keys pass through to templates. */
const articleSchema = z.looseObject({
  title: text("Title").refine((t) => t.trim().length > 0, "Title is empty"),
  date: dateValue("Date"),
  enhanced: dateValue("Enhanced"),
  summary: optionalText("Summary"),
  tags: z
    .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()], { error: "Each tag must be text" }))], {
      error: "Tags must be a list of words, e.g. [energy, policy]",
    })
    .optional()
    .nullable(),
  source: z
    .object(
      {
        name: text("Source name").refine((t) => t.trim().length > 0, "Source name is empty"),
        url: httpUrl,
        feed: absoluteUrl("Source feed URL").optional().nullable(),
      },
      { error: "Source must have a name and a url" },
    )
    .optional()
    .nullable(),
  canonical: absoluteUrl("Canonical URL").optional().nullable(),
  expires: dateValue("Expires"),
  updates: z
    .array(
      z.object(
        {
          date: z.union([z.string(), z.date()], { error: "Each update needs a date" }),
          text: text("Update text").refine((t) => t.trim().length > 0, "Update text is empty"),
          kind: z.enum(["update", "correction"], { error: "kind must be update or correction" }).optional(),
        },
        { error: "Each update is { date, text, kind }" },
      ),
      { error: "updates must be a list of { date, text, kind: update | correction }" },
    )
    .optional()
    .nullable(),
  generated: bool("generated"),
  author: optionalText("Author"),
  authors: z
    .union([z.string(), z.array(z.union([z.string(), z.number()], { error: "Each author must be a name" }))], {
      error: "Authors must be a list of names, e.g. [Ana Ruiz, Ben Okafor]",
    })
    .optional()
    .nullable(),
  aliases: z
    .union([z.string(), z.array(z.string({ error: "Each alias must be a path, e.g. /2019/05/old-title/" }))], {
      error: "Aliases must be a list of paths, e.g. [/2019/05/old-title/]",
    })
    .optional()
    .nullable(),
  slug: z
    .string({ error: "Slug must be text" })
    .refine(
      isValidSlug,
      `Slug may only contain lowercase letters, digits and single hyphens (at most ${MAX_SLUG_LENGTH} characters)`,
    )
    .optional()
    .nullable(),
  image: z
    .object(
      {
        src: text("Image src")
          .refine((src) => !hasUserInfo(src), credentials("Image src"))
          .refine(isSafeImageSrc, "Image src must be an http(s) URL or path"),
        alt: text("Image alt text"),
        caption: optionalText("Image caption"),
        credit: optionalText("Image credit"),
      },
      { error: "Image must have src and alt" },
    )
    .optional()
    .nullable(),
  featured: bool("featured"),
  draft: bool("draft"),
});

const KNOWN = new Set(Object.keys(articleSchema.shape));
// What a mistyped key is compared with: our fields first (they win ties), then the foreign ones we read.
const KNOWN_AND_FOREIGN = [...KNOWN, ...FOREIGN_KEYS];

const HINTS: Record<string, string> = {
  title: "Add a line such as `title: Grid operators agree on a common data format`.",
  date: "Write the date as 2024-05-01, 2024-05-01T10:00:00+02:00 or 2024-05-01 10:00:00 -0700.",
  enhanced: "Write the date as 2024-05-01T10:00:00+02:00; it must not be before `date`.",
  source: "Write `source: { name: Outlet name, url: https://outlet.example/story }`.",
  slug: "Use lowercase letters, digits and hyphens, e.g. `slug: grid-data-format`, or remove it to use the file name.",
  image:
    "Write `image: { src: /images/photo.jpg, alt: What the picture shows, caption: Optional text under it, credit: Photo: Name }`.",
  tags: "Write `tags: [energy, policy]` or a single `tags: energy`.",
  summary: "Write the summary as one line of text, quoted if it contains ': '.",
  author: "Write the author's name as text, e.g. `author: Ana Ruiz`.",
  authors: "Write `authors: [Ana Ruiz, Ben Okafor]`, or one name as `author: Ana Ruiz`.",
  aliases: "Write the old addresses from the site's root, e.g. `aliases: [/2019/05/old-title/, /old-title.html]`.",
  generated: "Write `generated: true` or `generated: false`.",
  featured: "Write `featured: true` or `featured: false`.",
  draft: "Write `draft: true` or `draft: false`.",
  canonical: "Write the original's address, e.g. `canonical: https://outlet.example/story`.",
  expires: "Write the date as 2024-05-01T10:00:00+02:00; it must be after `date`.",
  updates: "Write `updates: [{ date: 2024-05-02T10:00:00+02:00, text: What changed, kind: correction }]`.",
};

function codeFor(path: readonly PropertyKey[], input: unknown): DiagnosticCode {
  const root = String(path[0]);
  if (input === undefined) return "MissingField";
  if (root === "date" || root === "enhanced" || root === "expires" || (root === "updates" && path[2] === "date"))
    return "InvalidDate";
  if (root === "canonical" || (root === "source" && path[1] === "feed")) return "InvalidUrl";
  if (root === "slug") return "InvalidSlug";
  if (root === "source" && path[1] === "url") return "InvalidUrl";
  return "InvalidField";
}

// Control characters (old browsers skipped NUL inside "java\0script:") and lone surrogates, which no URL can carry.
const CONTROL_OR_LONE_SURROGATE =
  /[\u0000-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for absolute http: and https: URLs. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * True when a URL carries user info before its host: `https://user:pass@host/`, `//user@cdn/x.jpg`,
 * even an empty `https://@host/` or `https://:@host/`. The URL parser gives those an empty username
 * and drops them, so the text itself is read as the parser reads it: the authority follows `//` (or
 * a special scheme and any slashes) and ends at `/`, `\`, `?` or `#`; an "@" in it means user info.
 * Checked as written and trimmed, as isSafeImageSrc does.
 */
export function hasUserInfo(value: string): boolean {
  return [value, value.trim()].some((v) => {
    // The parser strips leading C0 controls and spaces, and drops tabs and newlines anywhere.
    const text = v.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
    const authority = /^(?:(?:https?|wss?|ftp|file):[/\\]*|(?:[a-z][a-z\d+.-]*:)?[/\\]{2})([^/\\?#]*)/i.exec(text)?.[1];
    return authority?.includes("@") ?? false;
  });
}

/**
 * True for an http(s) URL or a path (`/images/x.jpg`, `x.jpg`, `//cdn.example/x.jpg`), read the way
 * a browser reads it, so leading spaces, tabs and newlines do not hide a `javascript:`, `data:` or
 * `vbscript:` scheme. Checked as written and trimmed: JavaScript's trim() also removes U+2028 and
 * U+00A0, which the URL parser keeps, so "\u2028javascript:…" would be a path until trimmed.
 * Control characters and lone surrogates are refused (percent-encoding one for the page throws),
 * and so are URLs with a user name or password (see hasUserInfo).
 */
export function isSafeImageSrc(value: string): boolean {
  if (hasUserInfo(value)) return false;
  return [value, value.trim()].every((v) => {
    if (v === "" || CONTROL_OR_LONE_SURROGATE.test(v)) return false;
    try {
      const { protocol } = new URL(v, "https://base.invalid/");
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  });
}

/**
 * Validates one parsed article; returns the Article or every problem found in the file. Problems
 * that do not stop the article (an imported picture without alt text, a key that looks like a
 * mistyped field) are added to `warnings`.
 */
export function validateArticle(
  parsed: ParsedSource,
  timeZone: string,
  warnings: Diagnostic[] = [],
): Article | Diagnostic[] {
  const problems: Diagnostic[] = [];
  warnings.push(...unknownFieldWarnings(parsed, KNOWN_AND_FOREIGN, "article.extra"));
  // Fields written for Hugo, Jekyll or Eleventy are read under our names; messages name the key the editor wrote.
  const { data, origin } = mapForeignFields(parsed.data);
  const report =
    (list: Diagnostic[], make: typeof error) =>
    (path: readonly (string | number)[], code: DiagnosticCode, message: string, hint?: string) => {
      const root = String(path[0] ?? "");
      const written = origin[root] === undefined ? path : [origin[root], ...path.slice(1)];
      const pos = parsed.locate(written) ?? parsed.locate(written.slice(0, 1)) ?? { line: 1, column: 1 };
      const field = written.join(".");
      const from = origin[root] === undefined || origin[root] === root ? "" : ` (read from \`${origin[root]}\`)`;
      list.push(
        make(code, message + from, {
          file: parsed.file.path,
          ...pos,
          field,
          hint: hint ?? HINTS[root] ?? `Check the value of \`${field}\`.`,
        }),
      );
    };
  const at = report(problems, error);

  const result = articleSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const input = "input" in issue ? issue.input : null;
      const hint = issue.code === "custom" && typeof issue.params?.hint === "string" ? issue.params.hint : undefined;
      at(issue.path as (string | number)[], codeFor(issue.path, input), issue.message, hint);
    }
  }
  const fm = result.success ? result.data : (data as z.infer<typeof articleSchema>);
  const fromName = readFileName(parsed.file.relPath);
  // Fields the schema already complained about are not checked again below.
  const flagged = new Set(result.success ? [] : result.error.issues.map((i) => String(i.path[0])));

  const dateText = fm.date ?? fromName.date;
  const date = readDate(dateText, timeZone);
  if (fm.date == null && fromName.date === null) {
    at(
      ["date"],
      "MissingField",
      "Date is required",
      `${HINTS.date} Or name the file 2024-05-01-${fromName.slug || "title"}.md.`,
    );
  } else if (date === null && !flagged.has("date")) {
    const fromFile = fm.date == null ? " (from the file name)" : "";
    // Eleventy's `date: Last Modified` / `git Created` take the file's times, which would change the site on every checkout.
    const eleventy = /^\s*(git )?(last modified|created)\s*$/i.test(String(dateText))
      ? `Eleventy's "${String(dateText).trim()}" depends on the checkout, not the article: write the date itself. `
      : "";
    at(
      ["date"],
      "InvalidDate",
      `Date "${String(dateText)}"${fromFile} is not a date we can read`,
      eleventy ? eleventy + HINTS.date : undefined,
    );
  }
  let enhanced = fm.enhanced == null ? null : readDate(fm.enhanced, timeZone);
  if (fm.enhanced != null && enhanced === null && !flagged.has("enhanced")) {
    at(["enhanced"], "InvalidDate", `Enhanced date "${String(fm.enhanced)}" is not a date we can read`);
  }
  // An imported last-modified date no later than publication says nothing new: no "Enhanced" line.
  if (origin.enhanced !== undefined && date !== null && enhanced !== null && enhanced <= date) enhanced = null;
  if (date !== null && enhanced !== null && enhanced < date) {
    at(
      ["enhanced"],
      "DateOrder",
      "Enhanced date is before the publication date",
      "Set `enhanced` to the time the article was updated, after `date`.",
    );
  }
  const expires = fm.expires == null ? null : readDate(fm.expires, timeZone);
  if (fm.expires != null && expires === null && !flagged.has("expires")) {
    at(["expires"], "InvalidDate", `Expiry date "${String(fm.expires)}" is not a date we can read`);
  }
  if (date !== null && expires !== null && expires <= date) {
    at(["expires"], "DateOrder", "The article expires before it is published", HINTS.expires);
  }
  const updates: ArticleUpdate[] = [];
  // Items the schema already refused are skipped; the dates of the others are still checked (every problem at once).
  const badItems = new Set(
    result.success ? [] : result.error.issues.filter((i) => i.path[0] === "updates").map((i) => i.path[1]),
  );
  if (Array.isArray(fm.updates)) {
    fm.updates.forEach((u, i) => {
      const isUsable = typeof u === "object" && u !== null && typeof u.text === "string";
      if (!isUsable || badItems.has(i) || badItems.has(undefined)) return;
      const when = readDate(u.date, timeZone);
      if (when === null) {
        at(
          ["updates", i, "date"],
          "InvalidDate",
          `Update date "${String(u.date)}" is not a date we can read`,
          HINTS.updates,
        );
        return;
      }
      if (date !== null && when < date) {
        at(["updates", i, "date"], "DateOrder", "An update is dated before the publication date", HINTS.updates);
        return;
      }
      updates.push({ date: when, text: u.text.trim(), kind: u.kind ?? "update" });
    });
  }
  const tagCount = flagged.has("tags") ? 0 : normalizeTags(fm.tags).length;
  if (tagCount > MAX_TAGS_PER_ARTICLE) {
    at(
      ["tags"],
      "InvalidField",
      `An article may have at most ${MAX_TAGS_PER_ARTICLE} tags; this one has ${tagCount.toLocaleString("en")}`,
      "Keep the tags that readers would follow; put the rest in the text.",
    );
  }
  if (fm.generated === true && fm.source == null) {
    at(["generated"], "MissingField", "A generated article needs its source", HINTS.source);
  }
  const slug = fm.slug ?? fromName.slug;
  if (fm.slug == null && !isValidSlug(slug)) {
    at(
      [],
      "InvalidSlug",
      `Cannot make a slug from the file name "${parsed.file.relPath}"`,
      "Add `slug: some-words` or rename the file with letters or digits.",
    );
  }
  if (fm.image && typeof fm.image.alt === "string" && fm.image.alt.trim() === "") {
    if (origin.image === undefined) at(["image", "alt"], "InvalidField", "Image alt text is empty");
    else
      report(warnings, warning)(
        ["image"],
        "MissingAlt",
        "The picture has no alt text, so screen readers skip it",
        "Add `image_alt: What the picture shows`, or write `image: { src: …, alt: … }`.",
      );
  }
  const aliases: string[] = [];
  if (!flagged.has("aliases") && fm.aliases != null) {
    const list = typeof fm.aliases === "string" ? [fm.aliases] : fm.aliases;
    list.forEach((raw, i) => {
      const alias = readAlias(raw);
      const where = typeof fm.aliases === "string" ? ["aliases"] : ["aliases", i];
      if ("problem" in alias) at(where, "InvalidField", alias.problem, alias.hint);
      else if (!aliases.includes(alias.path)) aliases.push(alias.path);
    });
  }
  const authors = flagged.has("authors") || flagged.has("author") ? [] : authorNames(fm.authors, fm.author);
  if (problems.length > 0 || !result.success || date === null) return problems;

  return {
    sourcePath: parsed.file.path,
    sourceHash: parsed.file.hash,
    slug,
    title: fm.title.trim(),
    date,
    isDateOnly: typeof dateText === "string" && /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(dateText),
    enhanced,
    modified: Math.max(date, enhanced ?? date, ...updates.map((u) => u.date)),
    updates: updates.sort((a, b) => a.date - b.date),
    canonical: fm.canonical == null ? null : fm.canonical.trim(),
    expires,
    summary: fm.summary == null || String(fm.summary).trim() === "" ? null : String(fm.summary).trim(),
    tags: normalizeTags(fm.tags),
    source: fm.source
      ? { name: fm.source.name.trim(), url: fm.source.url.trim(), feed: fm.source.feed?.trim() ?? null }
      : null,
    isGenerated: fm.generated === true,
    author: authors.length === 0 ? null : joinNames(authors),
    authors,
    image: fm.image
      ? {
          src: fm.image.src.trim(),
          alt: fm.image.alt.trim(),
          caption: textOrNull(fm.image.caption),
          credit: textOrNull(fm.image.credit),
        }
      : null,
    aliases,
    isFeatured: fm.featured === true,
    isDraft: fm.draft === true,
    extra: Object.fromEntries(Object.entries(parsed.data).filter(([k]) => !KNOWN.has(k))),
    bodyLine: parsed.bodyLine,
  };
}

function textOrNull(value: string | number | null | undefined): string | null {
  const t = value == null ? "" : String(value).trim().replace(/\s+/g, " ");
  return t === "" ? null : t;
}

/** The authors' names: `authors` (a list, or one name) when given, else `author`; blanks and repeats dropped. */
function authorNames(
  authors: string | readonly (string | number)[] | null | undefined,
  author: string | number | null | undefined,
): string[] {
  const list =
    authors != null ? (Array.isArray(authors) ? authors : [authors as string]) : author != null ? [author] : [];
  const names: string[] = [];
  for (const raw of list) {
    const name = String(raw).normalize("NFC").trim().replace(/\s+/g, " ");
    if (name !== "" && !names.includes(name)) names.push(name);
  }
  return names;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Cy". */
function joinNames(names: readonly string[]): string {
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function readDate(value: unknown, zone: string): number | null {
  return value == null ? null : parseEditorDate(value, zone);
}

/** Tag names: trimmed, inner spaces collapsed, empty ones dropped, duplicates (by key) removed. */
export function normalizeTags(tags: string | number | readonly (string | number)[] | null | undefined): string[] {
  const list = tags == null ? [] : Array.isArray(tags) ? tags : [tags as string | number];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const name = String(raw).normalize("NFC").trim().replace(/\s+/g, " ");
    const key = tagKey(name);
    if (name === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** The identity of a tag: case-insensitive, NFC, single spaces ("Open Source" = "open source"). */
export function tagKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}
