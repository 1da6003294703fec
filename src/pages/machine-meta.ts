/** What each kind of page tells machines: its preview picture, article fields and JSON-LD, from the graph's facts. */
import type { Author, RenderedArticle, ResolvedConfig, SiteGraph } from "../model.js";
import { tagKey } from "../content/validate-article.js";
import type { CardContext, MachineMeta } from "./contexts.js";
import type { SiteMedia, SocialImage } from "./social.js";
import {
  breadcrumbList,
  collectionPage,
  jsonLdScript,
  newsArticle,
  profilePage,
  webPage,
  webSite,
  type PageFacts,
  type PersonFacts,
  type SiteFacts,
} from "./structured-data.js";
import { absoluteUrl, articlePath, authorPath, homePath, SEARCH_PATH, tagPath } from "./urls.js";
import { authorKey } from "../graph/authors.js";

/** Builds each page's MachineMeta for one build. */
export function makeMachineMeta(config: ResolvedConfig, graph: SiteGraph, media: SiteMedia) {
  const { site } = config;
  const abs = (sitePath: string) => absoluteUrl(sitePath, site.baseUrl);
  const facts: SiteFacts = {
    name: site.title,
    url: abs(homePath()),
    description: site.description,
    language: site.language,
    logo: media.logo,
    searchUrl: site.search ? abs(SEARCH_PATH) : null,
  };
  // The same fallback the page's meta description takes (contexts.ts).
  const describe = (text: string, title: string) => text || site.description || title;
  const home = jsonLdScript([webSite(facts)]);
  const personOf = (author: Author, name = author.name): PersonFacts => {
    const avatar = author.profile?.avatar?.src ?? null;
    return {
      name,
      url: abs(authorPath(author.segment)),
      sameAs: author.profile?.links ?? [],
      image: avatar === null ? null : /^https:/i.test(avatar) ? avatar : abs(avatar),
    };
  };

  return {
    home: (): MachineMeta => ({ title: site.title, jsonLd: home }),
    collection: (page: PageFacts): MachineMeta => ({
      jsonLd: jsonLdScript([collectionPage(facts, { ...page, description: describe(page.description, page.name) })]),
    }),
    /** An author's page: ProfilePage with the Person. */
    profile: (page: PageFacts, author: Author): MachineMeta => ({
      jsonLd: jsonLdScript([
        profilePage(facts, { ...page, description: describe(page.description, page.name) }, personOf(author)),
      ]),
    }),
    staticPage: (page: PageFacts): MachineMeta => ({
      jsonLd: jsonLdScript([webPage(facts, { ...page, description: describe(page.description, page.name) })]),
    }),
    /** An article page: `card` is its card context (ISO dates as its <time> elements carry them). */
    article: (article: RenderedArticle, card: CardContext, description: string): MachineMeta => {
      const own = abs(articlePath(article.slug));
      const lead = media.leadImages.get(article.slug) ?? null;
      const firstTag = article.tags[0] === undefined ? undefined : graph.tagByKey.get(tagKey(article.tags[0]));
      const crumbs = [
        { name: site.title, url: facts.url },
        ...(firstTag ? [{ name: firstTag.name, url: abs(tagPath(firstTag.segment)) }] : []),
        { name: article.title, url: own },
      ];
      const ld = newsArticle(facts, {
        canonical: article.canonical ?? own,
        headline: article.title,
        description: describe(description, article.title),
        datePublished: card.date,
        dateModified: card.modified,
        author: article.author,
        people: article.authors.map((name) => personOf(graph.authorByKey.get(authorKey(name))!, name)),
        tags: article.tags,
        wordCount: article.content.wordCount,
        isGenerated: article.isGenerated,
        source: article.source && { name: article.source.name, url: article.source.url },
        images: [lead ?? remoteRaster(article.image) ?? media.card],
        corrections: card.updates.filter((u) => u.isCorrection).map((u) => ({ text: u.text, date: u.date })),
      });
      return {
        title: article.title,
        image: lead ?? media.card,
        article: {
          publishedTime: card.date,
          modifiedTime: card.modified,
          author: article.author,
          section: article.tags[0] ?? null,
          tags: article.tags,
        },
        jsonLd: jsonLdScript([ld, breadcrumbList(crumbs)]),
      };
    },
  };
}

/**
 * A lead picture on another site that names a raster file: search engines may take it, though its
 * size is unknown (link previews want the size, so they get the card instead).
 */
function remoteRaster(image: RenderedArticle["image"]): SocialImage | null {
  if (!image || !/^(https?:)?\/\//i.test(image.src)) return null;
  const url = new URL(image.src, "https://protocol-relative.invalid/");
  if (!/\.(png|jpe?g|webp|gif)$/i.test(url.pathname)) return null;
  return { url: url.href, width: null, height: null, alt: image.alt, type: null };
}
