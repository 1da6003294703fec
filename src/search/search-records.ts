/**
 * What the search index holds, from data the build already has: each published article's URL,
 * title, summary, body HTML (by content key) and its tags and authors as filters. Plain functions;
 * the HTML goes to Pagefind in pagefind-index.ts.
 */
import type { RenderedArticle } from "../model.js";
import { hashOf } from "../cache/hash.js";
import { articlePath } from "../pages/urls.js";

/** One article as the index sees it. */
export interface SearchRecord {
  /** Site path without the base path (the search page tells Pagefind the base). */
  readonly url: string;
  readonly title: string;
  readonly summary: string | null;
  /** Content key of the rendered body in the HtmlStore (addresses the body's exact HTML). */
  readonly bodyKey: string;
  readonly tags: readonly string[];
  readonly authors: readonly string[];
}

/** Bump when the documents built from records change shape: every cached index is then rebuilt. */
const DOCUMENT_FORMAT = "search-document-1";

/** The records of the published articles, sorted by URL (the index does not depend on list order). */
export function searchRecords(articles: readonly RenderedArticle[]): SearchRecord[] {
  return articles
    .map((a) => ({
      url: articlePath(a.slug),
      title: a.title,
      summary: a.summary,
      bodyKey: a.content.key,
      tags: a.tags,
      authors: a.authors,
    }))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * The index's cache key: every record (bodies by content key, so no body is read to compute it),
 * the language and the Pagefind version. Same key, same bundle, byte for byte.
 */
export function searchIndexKey(records: readonly SearchRecord[], language: string, pagefindVersion: string): string {
  return hashOf(DOCUMENT_FORMAT, pagefindVersion, language, JSON.stringify(records));
}

/** The language Pagefind indexes in: the primary subtag of the site's BCP 47 tag ("en-GB" → "en"). */
export function indexLanguage(siteLanguage: string): string {
  return (siteLanguage.split("-")[0] ?? "").toLowerCase() || "en";
}

/**
 * The HTML document Pagefind indexes for a record: the headline (Pagefind's title), the summary
 * (kept as metadata for results) and the body, exactly as the article page shows it, so headings'
 * ids give results that link to a section. Tags and authors are filters, not searchable text.
 */
export function searchDocument(record: SearchRecord, bodyHtml: string, language: string): string {
  const filters = [
    ...record.tags.map((t) => `<span data-pagefind-filter="tag">${escapeHtml(t)}</span>`),
    ...record.authors.map((a) => `<span data-pagefind-filter="author">${escapeHtml(a)}</span>`),
  ].join("");
  const summary = record.summary === null ? "" : `<p data-pagefind-meta="summary">${escapeHtml(record.summary)}</p>`;
  return (
    `<!DOCTYPE html><html lang="${escapeHtml(language)}"><head><title>${escapeHtml(record.title)}</title></head>` +
    `<body><article data-pagefind-body><h1>${escapeHtml(record.title)}</h1>${summary}${bodyHtml}` +
    `<div data-pagefind-ignore>${filters}</div></article></body></html>`
  );
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}
