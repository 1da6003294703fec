/** Rendered articles and pages → SiteGraph: what is published, in what order, and how it connects. */
import type { Article, RenderedArticle, ResolvedConfig, SiteGraph, StaticPage, Tag } from "../model.js";
import { tagKey } from "../content/validate-article.js";
import { assignTagSegments } from "../pages/urls.js";
import { computeRelated } from "./related.js";

/** How many recent articles compete for the "best connected" list, and how many are shown. */
const CONNECTED_WINDOW = 60;
// 6 fills rows of 1, 2 and 3 columns (docs/layout.md): no lone card under a full row.
const CONNECTED_LIMIT = 6;

/** True when an article belongs on the site at the build clock. */
export function isPublished(
  article: { readonly date: number; readonly isDraft: boolean; readonly expires?: number | null },
  config: ResolvedConfig,
): boolean {
  const isExpired = article.expires != null && article.expires <= config.now;
  return article.date <= config.now && !isExpired && (config.includeDrafts || !article.isDraft);
}

/** Newest first; ties by slug so the order never depends on reading order. */
function compareNewestFirst(a: { date: number; slug: string }, b: { date: number; slug: string }): number {
  return b.date - a.date || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/**
 * Related articles of every published article (drafts shown with --drafts are never recommended).
 * Needs no rendered bodies, so a build can rank while Markdown renders in a worker.
 */
export function relateArticles(all: readonly Article[], config: ResolvedConfig): Map<string, string[]> {
  const articles = all.filter((a) => isPublished(a, config)).sort(compareNewestFirst);
  const related = computeRelated(
    articles.filter((a) => !a.isDraft).map((a) => ({ slug: a.slug, date: a.date, tagKeys: a.tags.map(tagKey) })),
  );
  for (const a of articles) if (a.isDraft) related.set(a.slug, []);
  return related;
}

/** Builds the site graph from every valid article and page (`precomputed`: from relateArticles). */
export function buildSiteGraph(
  all: readonly RenderedArticle[],
  pages: readonly StaticPage[],
  config: ResolvedConfig,
  precomputed?: Map<string, string[]>,
): SiteGraph {
  const articles = all.filter((a) => isPublished(a, config)).sort(compareNewestFirst);
  const bySlug = new Map(articles.map((a) => [a.slug, a]));

  const spellings = new Map<string, Map<string, number>>();
  const tagSlugs = new Map<string, string[]>();
  for (const article of articles) {
    for (const name of article.tags) {
      const key = tagKey(name);
      let counts = spellings.get(key);
      if (!counts) spellings.set(key, (counts = new Map()));
      counts.set(name, (counts.get(name) ?? 0) + 1);
      let list = tagSlugs.get(key);
      if (!list) tagSlugs.set(key, (list = []));
      list.push(article.slug);
    }
  }
  const tagNames = new Map([...spellings].map(([key, counts]) => [key, mostWritten(counts)]));
  const segments = assignTagSegments([...tagNames.keys()]);
  const tags: Tag[] = [...tagNames.keys()]
    .sort()
    .map((key) => ({ key, name: tagNames.get(key)!, segment: segments.get(key)!, slugs: tagSlugs.get(key)! }));

  const rankable = articles.filter((a) => !a.isDraft);
  const related = precomputed ?? relateArticles(articles, config);

  const picks = rankable.filter((a) => a.isFeatured).map((a) => a.slug);
  const connected = bestConnected(rankable, related, new Set(picks));

  return {
    articles,
    bySlug,
    tags,
    tagByKey: new Map(tags.map((t) => [t.key, t])),
    related,
    picks,
    connected,
    pages: [...pages].sort((a, b) => (a.slug < b.slug ? -1 : 1)),
  };
}

/**
 * A tag's display name: the spelling most articles use; a tie goes to the one seen first, i.e. in
 * the newest article (articles are read newest first and a Map keeps insertion order).
 */
function mostWritten(counts: ReadonlyMap<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [name, count] of counts) if (count > bestCount) [best, bestCount] = [name, count];
  return best;
}

/**
 * Recent articles that most other articles recommend for a shared tag (in-degree; time-based
 * fill-ins do not count), then newest, then slug.
 */
function bestConnected(
  articles: readonly RenderedArticle[],
  related: ReadonlyMap<string, readonly string[]>,
  exclude: ReadonlySet<string>,
): string[] {
  const tagsOf = new Map(articles.map((a) => [a.slug, new Set(a.tags.map(tagKey))]));
  const inDegree = new Map<string, number>();
  for (const [from, list] of related) {
    const fromTags = tagsOf.get(from);
    for (const slug of list) {
      if (fromTags && [...(tagsOf.get(slug) ?? [])].some((t) => fromTags.has(t)))
        inDegree.set(slug, (inDegree.get(slug) ?? 0) + 1);
    }
  }
  return articles
    .slice(0, CONNECTED_WINDOW)
    .map((a, order) => ({ slug: a.slug, order, degree: inDegree.get(a.slug) ?? 0 }))
    .filter((c) => !exclude.has(c.slug))
    .sort((a, b) => b.degree - a.degree || a.order - b.order)
    .slice(0, CONNECTED_LIMIT)
    .map((c) => c.slug);
}
