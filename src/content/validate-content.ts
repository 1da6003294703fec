/** SourceFiles → Articles and page sources, with every problem in every file collected. */
import { error, type Diagnostic } from "../errors.js";
import type { Article, ParsedSource, SourceFile } from "../model.js";
import { parseFrontMatter } from "./parse-front-matter.js";
import { validateArticle, VALIDATOR_VERSION } from "./validate-article.js";
import { hashOf } from "../cache/hash.js";
import { isValidSlug, readFileName } from "./slugify.js";
import { noteArticle, type ArticleNotes } from "./article-notes.js";
import { unknownFieldWarnings } from "./unknown-fields.js";

/** A static page before rendering. */
export interface PageSource {
  readonly sourcePath: string;
  readonly slug: string;
  readonly title: string;
  readonly summary: string | null;
  readonly body: string;
  /** 1-based line where the body starts in the file. */
  readonly bodyLine: number;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Site paths that static pages may not take. */
const RESERVED_PAGE_SLUGS = new Set([
  "articles",
  "tags",
  "authors",
  "search",
  "pagefind",
  "page",
  "recommended",
  "assets",
  "feed",
  "sitemap",
  "404",
]);

/** The front-matter keys of a static page. */
const PAGE_KEYS = ["title", "summary", "slug"];

/** A file's validation result as cached between builds. */
export type ValidationEntry =
  | { readonly article: Article; readonly warnings?: readonly Diagnostic[]; readonly notes?: ArticleNotes }
  | { readonly diagnostics: readonly Diagnostic[] };

/** The cache key of a file's validation: its text, its place and everything validation depends on. */
function validationKey(file: SourceFile, timeZone: string): string {
  return hashOf(`validator-${VALIDATOR_VERSION}`, timeZone, file.path, file.relPath, file.hash);
}

/**
 * Validates all articles and pages; duplicate slugs are reported on every file that has them.
 * `known` holds results of earlier builds by validation key: unchanged files are not parsed again.
 * `notes` holds, by source path, what later stages check about each valid article (its picture,
 * an empty body).
 */
export function validateContent(
  articleFiles: readonly SourceFile[],
  pageFiles: readonly SourceFile[],
  timeZone: string,
  known: ReadonlyMap<string, ValidationEntry> = new Map(),
): {
  articles: Article[];
  pages: PageSource[];
  diagnostics: Diagnostic[];
  entries: Map<string, ValidationEntry>;
  notes: Map<string, ArticleNotes>;
} {
  const diagnostics: Diagnostic[] = [];
  const articles: Article[] = [];
  const notes = new Map<string, ArticleNotes>();
  const entries = new Map<string, ValidationEntry>();
  const filesBySlug = new Map<string, SourceFile[]>();
  for (const file of articleFiles) {
    const key = validationKey(file, timeZone);
    const entry = known.get(key) ?? validateFile(file, timeZone);
    entries.set(key, entry);
    if ("diagnostics" in entry) {
      diagnostics.push(...entry.diagnostics);
      continue;
    }
    if (entry.warnings) diagnostics.push(...entry.warnings);
    articles.push(entry.article);
    if (entry.notes) notes.set(entry.article.sourcePath, entry.notes);
    const list = filesBySlug.get(entry.article.slug) ?? [];
    list.push(file);
    filesBySlug.set(entry.article.slug, list);
  }
  for (const [slug, list] of filesBySlug) {
    if (list.length < 2) continue;
    for (const file of list) {
      const others = list.filter((f) => f !== file).map((f) => f.path);
      const parsed = parseFrontMatter(file) as ParsedSource;
      const pos = parsed.locate(["slug"]) ?? { line: 1, column: 1 };
      diagnostics.push(
        error("DuplicateSlug", `Slug "${slug}" is also used by ${others.join(", ")}`, {
          file: file.path,
          ...pos,
          field: "slug",
          hint: "Give one of the articles its own `slug:` or rename its file.",
        }),
      );
    }
  }
  const duplicates = new Set([...filesBySlug].filter(([, l]) => l.length > 1).map(([s]) => s));

  const pages: PageSource[] = [];
  for (const file of pageFiles) {
    const parsed = parseFrontMatter(file);
    if (Array.isArray(parsed)) {
      diagnostics.push(...parsed);
      continue;
    }
    const page = validatePage(parsed, diagnostics);
    if (page) pages.push(page);
  }
  return { articles: articles.filter((a) => !duplicates.has(a.slug)), pages, diagnostics, entries, notes };
}

function validateFile(file: SourceFile, timeZone: string): ValidationEntry {
  const parsed = parseFrontMatter(file);
  if (Array.isArray(parsed)) return { diagnostics: parsed };
  const warnings: Diagnostic[] = [];
  const result = validateArticle(parsed, timeZone, warnings);
  // A broken file's warnings come with its errors: `titel:` beside "Title is required" says why.
  if (Array.isArray(result)) return { diagnostics: [...result, ...warnings] };
  return { article: result, ...(warnings.length > 0 && { warnings }), notes: noteArticle(parsed, result) };
}

function validatePage(parsed: ParsedSource, diagnostics: Diagnostic[]): PageSource | null {
  const { title, summary, slug: slugField, ...extra } = parsed.data as Record<string, unknown>;
  const slug = typeof slugField === "string" ? slugField : readFileName(parsed.file.relPath).slug;
  const problems: Diagnostic[] = [];
  if (typeof title !== "string" || title.trim() === "") {
    const pos = parsed.locate(["title"]) ?? { line: 1, column: 1 };
    problems.push(
      error(title === undefined ? "MissingField" : "InvalidField", "Page title is required", {
        file: parsed.file.path,
        ...pos,
        field: "title",
        hint: "Add a line such as `title: About us`.",
      }),
    );
  }
  if (!isValidSlug(slug) || RESERVED_PAGE_SLUGS.has(slug)) {
    const pos = parsed.locate(["slug"]) ?? { line: 1, column: 1 };
    problems.push(
      error("InvalidSlug", `Page slug "${slug}" is not allowed`, {
        file: parsed.file.path,
        ...pos,
        field: "slug",
        hint: `Use lowercase letters, digits and hyphens, and none of: ${[...RESERVED_PAGE_SLUGS].join(", ")}.`,
      }),
    );
  }
  diagnostics.push(...problems, ...unknownFieldWarnings(parsed, PAGE_KEYS, "extra"));
  if (problems.length > 0) return null;
  return {
    sourcePath: parsed.file.path,
    slug,
    title: (title as string).trim(),
    summary: typeof summary === "string" && summary.trim() !== "" ? summary.trim() : null,
    body: parsed.body,
    bodyLine: parsed.bodyLine,
    extra,
  };
}
