/** SourceFiles → Articles and page sources, with every problem in every file collected. */
import { error, type Diagnostic } from "../errors.js";
import type { Article, ParsedSource, SourceFile } from "../model.js";
import { parseFrontMatter } from "./parse-front-matter.js";
import { validateArticle } from "./validate-article.js";
import { readFileName } from "./slugify.js";

/** A static page before rendering. */
export interface PageSource {
  readonly sourcePath: string;
  readonly slug: string;
  readonly title: string;
  readonly summary: string | null;
  readonly body: string;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Site paths that static pages may not take. */
const RESERVED_PAGE_SLUGS = new Set(["articles", "tags", "page", "recommended", "assets", "feed", "sitemap", "404"]);

/** Validates all articles and pages; duplicate slugs are reported on every file that has them. */
export function validateContent(
  articleFiles: readonly SourceFile[],
  pageFiles: readonly SourceFile[],
  timeZone: string,
): { articles: Article[]; pages: PageSource[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const articles: Article[] = [];
  const parsedBySlug = new Map<string, ParsedSource[]>();
  for (const file of articleFiles) {
    const parsed = parseFrontMatter(file);
    if (Array.isArray(parsed)) {
      diagnostics.push(...parsed);
      continue;
    }
    const result = validateArticle(parsed, timeZone);
    if (Array.isArray(result)) {
      diagnostics.push(...result);
      continue;
    }
    articles.push(result);
    const list = parsedBySlug.get(result.slug) ?? [];
    list.push(parsed);
    parsedBySlug.set(result.slug, list);
  }
  for (const [slug, list] of parsedBySlug) {
    if (list.length < 2) continue;
    for (const parsed of list) {
      const others = list.filter((p) => p !== parsed).map((p) => p.file.path);
      const pos = parsed.locate(["slug"]) ?? { line: 1, column: 1 };
      diagnostics.push(error("DuplicateSlug", `Slug "${slug}" is also used by ${others.join(", ")}`, { file: parsed.file.path, ...pos, field: "slug", hint: "Give one of the articles its own `slug:` or rename its file." }));
    }
  }
  const duplicates = new Set([...parsedBySlug].filter(([, l]) => l.length > 1).map(([s]) => s));

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
  return { articles: articles.filter((a) => !duplicates.has(a.slug)), pages, diagnostics };
}

function validatePage(parsed: ParsedSource, diagnostics: Diagnostic[]): PageSource | null {
  const { title, summary, slug: slugField, ...extra } = parsed.data as Record<string, unknown>;
  const slug = typeof slugField === "string" ? slugField : readFileName(parsed.file.relPath).slug;
  const before = diagnostics.length;
  if (typeof title !== "string" || title.trim() === "") {
    const pos = parsed.locate(["title"]) ?? { line: 1, column: 1 };
    diagnostics.push(error(title === undefined ? "MissingField" : "InvalidField", "Page title is required", { file: parsed.file.path, ...pos, field: "title", hint: "Add a line such as `title: About us`." }));
  }
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || RESERVED_PAGE_SLUGS.has(slug)) {
    const pos = parsed.locate(["slug"]) ?? { line: 1, column: 1 };
    diagnostics.push(error("InvalidSlug", `Page slug "${slug}" is not allowed`, { file: parsed.file.path, ...pos, field: "slug", hint: `Use lowercase letters, digits and hyphens, and none of: ${[...RESERVED_PAGE_SLUGS].join(", ")}.` }));
  }
  if (diagnostics.length > before) return null;
  return {
    sourcePath: parsed.file.path,
    slug,
    title: (title as string).trim(),
    summary: typeof summary === "string" && summary.trim() !== "" ? summary.trim() : null,
    body: parsed.body,
    extra,
  };
}
