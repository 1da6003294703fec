/**
 * What validation learns about an article for checks that must wait: whether its front-matter
 * picture exists is known only once the site's files are (content-findings.ts), and an empty body
 * matters only for an article that is built (a left-out draft may well be empty).
 */
import { warning, type Diagnostic } from "../errors.js";
import type { Article, ParsedSource } from "../model.js";
import { mapForeignFields } from "./foreign-fields.js";

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
  return { image, isBodyEmpty: parsed.body.trim() === "" };
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
