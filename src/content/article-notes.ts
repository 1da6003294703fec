/**
 * What validation learns about an article for checks that must wait: whether its front-matter
 * picture exists is known only once the site's files are (content-findings.ts), and an empty body
 * matters only for an article that is built (a left-out draft may well be empty).
 */
import { warning, type Diagnostic } from "../errors.js";
import type { Article, ParsedSource } from "../model.js";
import { mapForeignFields } from "./foreign-fields.js";
import { readAlias } from "./aliases.js";

/** The front-matter picture's src as written, and where it is in the file. */
export interface FrontMatterImage {
  readonly src: string;
  readonly line: number;
  readonly column: number;
}

/** Facts about one article kept with its validation result (and cached with it). */
export interface ArticleNotes {
  /** The picture of `image:` (or an imported `images:`), or null when the article has none. */
  readonly image: FrontMatterImage | null;
  /** True when nothing but whitespace follows the front-matter. */
  readonly isBodyEmpty: boolean;
  /** Where each alias is written (`aliases` or Jekyll's `redirect_from`), for a collision's message. */
  readonly aliases?: readonly AliasNote[];
}

/** One alias (as a site path) and the key and line it is written at. */
interface AliasNote {
  readonly path: string;
  readonly field: string;
  readonly line: number;
  readonly column: number;
}

/** The notes of a valid article, from its parsed file. */
export function noteArticle(parsed: ParsedSource, article: Article): ArticleNotes {
  let image: FrontMatterImage | null = null;
  if (article.image !== null) {
    // Imported pictures (`image: x.jpg`, `images: [x.jpg]`) are reported at the key the editor wrote.
    const key = mapForeignFields(parsed.data).origin.image ?? "image";
    const at = parsed.locate([key, "src"]) ?? parsed.locate([key]) ?? { line: 1, column: 1 };
    image = { src: article.image.src, line: at.line, column: at.column };
  }
  return { image, isBodyEmpty: parsed.body.trim() === "", aliases: noteAliases(parsed, article) };
}

/** The line of each of the article's aliases (the first place it is written, as validation keeps the first). */
function noteAliases(parsed: ParsedSource, article: Article): AliasNote[] {
  if (article.aliases.length === 0) return [];
  const field = mapForeignFields(parsed.data).origin.aliases ?? "aliases";
  const raw = parsed.data[field];
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  const out: AliasNote[] = [];
  list.forEach((value, i) => {
    if (typeof value !== "string") return;
    const read = readAlias(value);
    if (!("path" in read) || out.some((n) => n.path === read.path)) return;
    const at = (Array.isArray(raw) ? parsed.locate([field, i]) : undefined) ??
      parsed.locate([field]) ?? { line: 1, column: 1 };
    out.push({ path: read.path, field, line: at.line, column: at.column });
  });
  return out;
}

/** One `EmptyBody` warning per article of `articles` whose notes say its body is empty. */
export function emptyBodyWarnings(
  articles: readonly Pick<Article, "sourcePath">[],
  notes: ReadonlyMap<string, ArticleNotes>,
): Diagnostic[] {
  return articles
    .filter((a) => notes.get(a.sourcePath)?.isBodyEmpty === true)
    .map((a) =>
      warning("EmptyBody", "The article has no text: readers will see only its title", {
        file: a.sourcePath,
        hint: "Write the article below the front-matter; until it is written, keep it a draft (`draft: true`).",
      }),
    );
}
