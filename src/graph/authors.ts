/** Published articles → the site's authors: one per name (folded as tag keys are), with a stable URL segment. */
import type { Author, AuthorProfile, RenderedArticle } from "../model.js";
import { tagKey } from "../content/validate-article.js";
import { assignTagSegments } from "../pages/urls.js";

/**
 * Every author of `articles` (newest first), sorted by key. The shown name is the spelling most
 * articles use (ties: the newest article's), so one "ana ruiz" typo does not rename the page.
 * `profiles` are keyed by the folded name (see authorKey).
 */
export function collectAuthors(
  articles: readonly RenderedArticle[],
  profiles: ReadonlyMap<string, AuthorProfile> = new Map(),
): Author[] {
  const spellings = new Map<string, Map<string, number>>();
  const slugs = new Map<string, string[]>();
  for (const article of articles) {
    for (const name of article.authors) {
      const key = authorKey(name);
      let counts = spellings.get(key);
      if (!counts) spellings.set(key, (counts = new Map()));
      counts.set(name, (counts.get(name) ?? 0) + 1);
      let list = slugs.get(key);
      if (!list) slugs.set(key, (list = []));
      // An article naming one author twice ("Ana Ruiz and ana ruiz") is listed once.
      if (list[list.length - 1] !== article.slug) list.push(article.slug);
    }
  }
  const keys = [...spellings.keys()].sort();
  const segments = assignTagSegments(keys);
  return keys.map((key) => ({
    key,
    name: mostWritten(spellings.get(key)!),
    segment: segments.get(key)!,
    slugs: slugs.get(key)!,
    profile: profiles.get(key) ?? null,
  }));
}

/** The key an author's name is known by: tag keys' folding (case, Unicode form, runs of spaces). */
export function authorKey(name: string): string {
  return tagKey(name);
}

/** The most frequent spelling; Map order is first-seen order (the newest article), which breaks ties. */
function mostWritten(counts: ReadonlyMap<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [name, count] of counts) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}
