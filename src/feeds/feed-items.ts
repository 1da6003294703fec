/**
 * What a feed shows of each article, computed once for RSS and JSON Feed alike, so the two formats
 * cannot disagree on a date, a URL or a word of the HTML.
 */
import type { Author, RenderedArticle, ResolvedConfig, SourceRef, Tag } from "../model.js";
import type { HtmlLookup } from "../output/writer.js";
import { absoluteUrl, articlePath, authorFeedPath, authorPath, homePath, tagFeedPath, tagPath } from "../pages/urls.js";
import { itemHtml } from "./item-html.js";
import { leadImage, type FeedImage, type FileSizes } from "./feed-images.js";

/** What one feed is about; each feed is written twice, as RSS and as JSON Feed. */
export interface FeedSpec {
  /** Output path of the RSS feed, e.g. "feed.xml" or "tags/energy/feed.xml". */
  readonly rssPath: string;
  /** Output path of the JSON Feed beside it, e.g. "feed.json". */
  readonly jsonPath: string;
  readonly title: string;
  readonly description: string;
  /** Site path of the HTML page the feed mirrors. */
  readonly pagePath: string;
  /** Articles, newest first, drafts already left out; the feed takes the first `feedLength`. */
  readonly articles: readonly RenderedArticle[];
}

/** One feed item, in plain data both renderers map from. */
export interface FeedItem {
  /** The permalink: also the item's id (RSS guid, JSON Feed id). */
  readonly url: string;
  readonly title: string;
  /** Plain text: the summary, else the body's first paragraph. */
  readonly summary: string;
  /** The full item HTML (disclosure, corrections, picture, body, updates, source), absolute URLs. */
  readonly html: string;
  /** The published instant (ms). */
  readonly published: number;
  /** The modified instant (ms): the latest of publication, enhancement and updates. */
  readonly modified: number;
  readonly tags: readonly string[];
  readonly author: string | null;
  readonly source: SourceRef | null;
  readonly isGenerated: boolean;
  readonly image: FeedImage | null;
}

/** The site's main feed. */
export function mainFeedSpec(articles: readonly RenderedArticle[], config: ResolvedConfig): FeedSpec {
  return {
    rssPath: "feed.xml",
    jsonPath: "feed.json",
    title: config.site.title,
    description: config.site.description || config.site.title,
    pagePath: homePath(),
    articles,
  };
}

/** The feed of one tag. */
export function tagFeedSpec(tag: Tag, articles: readonly RenderedArticle[], config: ResolvedConfig): FeedSpec {
  const rssPath = tagFeedPath(tag.segment).slice(1);
  return {
    rssPath,
    // Every RSS feed has its JSON Feed twin beside it, under the same name.
    jsonPath: rssPath.replace(/\.xml$/, ".json"),
    title: `${config.site.title}: ${tag.name}`,
    description: `Articles about ${tag.name} from ${config.site.title}.`,
    pagePath: tagPath(tag.segment),
    articles,
  };
}

/** The feed of one author: the same items as a tag's feed, beside the author's page. */
export function authorFeedSpec(author: Author, articles: readonly RenderedArticle[], config: ResolvedConfig): FeedSpec {
  const rssPath = authorFeedPath(author.segment).slice(1);
  return {
    rssPath,
    jsonPath: rssPath.replace(/\.xml$/, ".json"),
    title: `${config.site.title}: ${author.name}`,
    description: `Articles by ${author.name} in ${config.site.title}.`,
    pagePath: authorPath(author.segment),
    articles,
  };
}

/** The items of a feed, newest first, at most `feedLength`; their HTML comes from `html`. */
export function feedItems(spec: FeedSpec, config: ResolvedConfig, html: HtmlLookup, sizes: FileSizes): FeedItem[] {
  return spec.articles.slice(0, config.site.feedLength).map((a) => {
    const image = leadImage(a, config.site, sizes);
    // As a URL parser writes them: a space or quote an editor typed in a query becomes %20 or %22.
    const source = a.source && {
      name: a.source.name,
      url: serialized(a.source.url),
      feed: a.source.feed && serialized(a.source.feed),
    };
    return {
      url: absoluteUrl(articlePath(a.slug), config.site.baseUrl),
      title: a.title,
      summary: a.summary ?? a.content.excerpt,
      html: itemHtml({ ...a, source }, html(a.content.key).absoluteHtml, image, config.site),
      published: a.date,
      modified: a.modified,
      tags: a.tags,
      author: a.author,
      source,
      isGenerated: a.isGenerated,
      image,
    };
  });
}

function serialized(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
