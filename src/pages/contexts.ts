/** Typed template contexts (see docs/templates.md): plain data, absent values always null. */
import type { Author, BodySlot, RenderedArticle, ResolvedConfig, SiteGraph, Tag } from "../model.js";
import { tagKey } from "../content/validate-article.js";
import { formatIso, yearIn } from "../time/zoned-time.js";
import { fastHash } from "../cache/hash.js";
import { teaser } from "./front-page.js";
import {
  absoluteUrl,
  articlePath,
  authorPath,
  homePath,
  SEARCH_PATH,
  siteUrl,
  staticPagePath,
  tagPath,
} from "./urls.js";
import { authorKey } from "../graph/authors.js";
import { socialMeta, type SiteMedia, type SocialArticle, type SocialImage, type SocialMeta } from "./social.js";
import { localSitePath, pictureContext, rewriteBodyImages, type PictureContext } from "../images/picture-markup.js";
import type { ImagePlan } from "../images/plan-images.js";

/** A tag link. */
export interface TagLink {
  readonly name: string;
  readonly url: string;
}

/** The fields every article card and article page share. */
export interface CardContext {
  readonly slug: string;
  readonly url: string;
  readonly title: string;
  readonly summary: string | null;
  /** What a card shows under the headline: the summary, else the first paragraph cut at a word. */
  readonly teaser: string | null;
  /** The published instant, ISO 8601 with the site's offset: always a full instant, even for a date-only article. */
  readonly date: string;
  /** True when the editor gave only a day: pages then show no time of day. */
  readonly isDateOnly: boolean;
  readonly enhanced: string | null;
  /** The modified instant (the latest of publication, `enhanced` and updates), ISO 8601 with offset. */
  readonly modified: string;
  /** Corrections first, then updates, each oldest first: `{ date, text, kind, isCorrection }`. */
  readonly updates: readonly {
    readonly date: string;
    readonly text: string;
    readonly kind: string;
    readonly isCorrection: boolean;
  }[];
  /** The original's address when the article is a syndicated copy, else null. */
  readonly canonical: string | null;
  readonly isGenerated: boolean;
  readonly isFeatured: boolean;
  readonly isDraft: boolean;
  readonly author: string | null;
  /** Each author, in byline order, with the address of their page. */
  readonly authors: readonly TagLink[];
  readonly source: { readonly name: string; readonly url: string } | null;
  readonly tags: readonly TagLink[];
  /** The lead picture with its responsive variants (images/picture-markup.ts), or null. */
  readonly image: PictureContext | null;
  readonly readingMinutes: number;
  readonly wordCount: number;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Fields of `page` in every context. */
export interface PageMeta {
  readonly title: string;
  readonly heading: string;
  readonly description: string;
  /** Absolute canonical URL, or null on a page crawlers should skip (the 404 page). */
  readonly canonical: string | null;
  readonly url: string;
  readonly kind:
    | "article"
    | "home"
    | "tag"
    | "tags"
    | "author"
    | "authors"
    | "recommended"
    | "page"
    | "not-found"
    | "search";
  /** True on the search page: its policy lets Pagefind's WebAssembly run, and the header has no search box. */
  readonly isSearch: boolean;
  /** The page's own feed: RSS `url` and its JSON Feed twin `jsonUrl` (absolute). */
  readonly feed: { readonly title: string; readonly url: string; readonly jsonUrl: string } | null;
  readonly isNoindex: boolean;
  /** Open Graph and Twitter card fields, or null on a page crawlers should skip. */
  readonly social: SocialMeta | null;
  /** The JSON-LD text, already safe inside <script> (structured-data.ts), or null. */
  readonly jsonLd: string | null;
}

/** What a page tells machines beyond the defaults: its own title, picture, article fields and JSON-LD. */
export interface MachineMeta {
  /** The title link previews show (no site-name suffix). @default page.heading */
  readonly title?: string;
  /** @default the site's card */
  readonly image?: SocialImage;
  readonly article?: SocialArticle;
  readonly jsonLd?: string;
}

/** A page context with its body slot (`article.html`) replaced by the body's HTML, local `<img>` as responsive pictures. */
export function withBody(
  context: Readonly<Record<string, unknown>>,
  slot: BodySlot,
  html: string,
  pictures: ImagePlan["pictures"],
  basePath: string,
): Readonly<Record<string, unknown>> {
  const filled =
    slot.pictures.length === 0
      ? html
      : rewriteBodyImages(html, slot.pageSitePath, { pictures }, (p) => siteUrl(p, basePath), basePath);
  return { ...context, article: { ...(context.article as Record<string, unknown>), html: filled } };
}

/** Reading speed used for "N min read". */
const WORDS_PER_MINUTE = 230;

/** Builds contexts for one build; holds the config, graph and measured pictures so callers pass only what varies. */
export function makeContextFactory(config: ResolvedConfig, graph: SiteGraph, media: SiteMedia) {
  const { site, basePath } = config;
  const zone = site.timeZone;
  const url = (p: string) => siteUrl(p, basePath);
  const tagLink = (tag: Tag): TagLink => ({ name: tag.name, url: url(tagPath(tag.segment)) });
  // The byline keeps each article's own spelling; the link goes to the one page of that name.
  const authorLink = (name: string): TagLink => {
    const author: Author | undefined = graph.authorByKey.get(authorKey(name));
    return { name, url: url(authorPath(author!.segment)) };
  };
  const resolveAsset = (src: string) =>
    /^[a-z][a-z0-9+.-]*:|^\/\//i.test(src) ? src : src.startsWith("/") ? url(src) : src;

  // A local picture is named by its site path on every page (a bundle's `hero.png` is
  // /articles/<slug>/hero.png on the home page too), with its variants when the plan has them.
  const pictures = media.pictures ?? new Map();
  const picture = (image: NonNullable<RenderedArticle["image"]>, pageSitePath: string): PictureContext => {
    const sitePath = localSitePath(image.src, pageSitePath);
    const resolved = sitePath === null ? image.src : url(sitePath);
    return pictureContext(image, resolved, sitePath === null ? undefined : pictures.get(sitePath), url);
  };
  /**
   * An article body as plain data: the key of its HTML and the local pictures it shows. The
   * executor fills it in (fillBody) when the page is rendered; fingerprints see just this.
   */
  const body = (htmlKey: string, pageSitePath: string, imagePaths: readonly string[]): BodySlot => ({
    htmlKey,
    pageSitePath,
    pictures: imagePaths.flatMap((p) => {
      const found = pictures.get(p);
      return found ? [[p, found.hash, found.width, found.isPassThrough] as const] : [];
    }),
  });

  /** A static page's body (HTML in hand), its local pictures made responsive. */
  const pageBody = (html: string, pageSitePath: string, imagePaths: readonly string[]): string =>
    imagePaths.some((p) => pictures.has(p)) ? rewriteBodyImages(html, pageSitePath, { pictures }, url, basePath) : html;

  // An article appears as a card on many pages (home, tags, related lists): build each card once.
  // On a tag's page the cards leave that tag out of their tag lists (`omitTag`: its key).
  const cardCache = new Map<string, CardContext>();
  const card = (a: RenderedArticle, omitTag?: string): CardContext => {
    const id = omitTag === undefined ? a.slug : `${a.slug}\u0000${omitTag}`;
    let c = cardCache.get(id);
    if (!c) {
      const full = makeCard(a);
      const own =
        omitTag === undefined ? full : { ...full, tags: full.tags.filter((_, i) => tagKey(a.tags[i]!) !== omitTag) };
      cardCache.set(id, (c = withFingerprint(own)));
    }
    return c;
  };
  const makeCard = (a: RenderedArticle): CardContext => ({
    slug: a.slug,
    url: url(articlePath(a.slug)),
    title: a.title,
    summary: a.summary,
    teaser: teaser(a.summary, a.content.excerpt),
    // Always the instant (midnight in the site's zone for a day): a bare "2026-10-30" in <time
    // datetime> is read by scripts as UTC midnight, hours away from what feeds and sitemaps say.
    date: formatIso(a.date, zone),
    isDateOnly: a.isDateOnly,
    enhanced: a.enhanced === null ? null : formatIso(a.enhanced, zone),
    modified: formatIso(a.modified, zone),
    updates: [...a.updates]
      .sort((x, y) => Number(y.kind === "correction") - Number(x.kind === "correction") || x.date - y.date)
      .map((u) => ({
        date: formatIso(u.date, zone),
        text: u.text,
        kind: u.kind,
        isCorrection: u.kind === "correction",
      })),
    canonical: a.canonical,
    isGenerated: a.isGenerated,
    isFeatured: a.isFeatured,
    isDraft: a.isDraft,
    author: a.author,
    authors: a.authors.map(authorLink),
    source: a.source,
    tags: a.tags.map((name) => tagLink(graph.tagByKey.get(tagKey(name))!)),
    image: a.image && picture(a.image, articlePath(a.slug)),
    readingMinutes: Math.max(1, Math.round(a.content.wordCount / WORDS_PER_MINUTE)),
    wordCount: a.content.wordCount,
    extra: a.extra,
  });

  const nav = (current: string) =>
    [
      { title: "Latest", path: homePath() },
      { title: "Recommended", path: "/recommended/" },
      { title: "Topics", path: "/tags/" },
      ...graph.pages.map((p) => ({ title: p.title, path: staticPagePath(p.slug) })),
    ].map((n) => ({ title: n.title, url: url(n.path), isCurrent: n.path === current }));

  const common = {
    site: {
      title: site.title,
      description: site.description,
      language: site.language,
      email: site.email,
      copyright: site.copyright,
      about: site.about,
      logo: {
        src: resolveAsset(site.logo.src),
        alt: site.logo.alt,
        // The header shows the logo beside the site's name in one link: an alt that only repeats the
        // name would be read twice ("The Relay The Relay"), so the header then leaves it empty.
        repeatsTitle: squash(site.logo.alt) === squash(site.title),
      },
      year: yearIn(config.now, zone),
      feedUrl: absoluteUrl("/feed.xml", site.baseUrl),
      homeUrl: url(homePath()),
      authorsUrl: url("/authors/"),
      // The header's search box goes to the search page (null: `search: false`).
      search: site.search ? { url: url(SEARCH_PATH) } : null,
    },
    assets: { css: url("/assets/site.css"), script: url("/assets/relative-time.js"), favicon: url("/favicon.svg") },
  };

  /** The full context for a page: shared fields, `page` metadata and the layout's own fields. */
  const context = (
    page: Omit<PageMeta, "canonical" | "url" | "heading" | "feed" | "isNoindex" | "isSearch" | "social" | "jsonLd"> &
      Partial<Omit<PageMeta, "social" | "jsonLd">>,
    sitePath: string,
    fields: Record<string, unknown>,
    machine: MachineMeta = {},
  ) => {
    const description = page.description || site.description || page.title;
    const isNoindex = page.isNoindex ?? false;
    // A page crawlers should skip names no canonical address and gets no previews.
    const canonical = isNoindex ? null : (page.canonical ?? absoluteUrl(sitePath, site.baseUrl));
    const social =
      canonical === null
        ? null
        : socialMeta({
            title: machine.title ?? page.heading ?? page.title,
            description,
            canonical,
            siteName: site.title,
            language: site.language,
            image: machine.image ?? media.card,
            article: machine.article ?? null,
          });
    return {
      ...common,
      nav: nav(sitePath),
      page: {
        heading: page.title,
        feed: null,
        isSearch: false,
        ...page,
        isNoindex,
        description,
        canonical,
        url: url(sitePath),
        social,
        jsonLd: machine.jsonLd ?? null,
      },
      ...fields,
    };
  };

  return { card, context, url, tagLink, picture, body, pageBody };
}

/** Text as a screen reader compares it: case, surrounding and repeated spaces ignored. */
function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLocaleLowerCase("en");
}

/**
 * Gives a shared card a non-enumerable toJSON that stands for its content by hash: page
 * fingerprints then serialize each card once per build instead of once per page it appears on.
 * (Spreading the card, as the article page does, copies only its fields, not this method.)
 */
function withFingerprint(card: CardContext): CardContext {
  let id: string | undefined;
  Object.defineProperty(card, "toJSON", {
    enumerable: false,
    value: () => (id ??= `card:${fastHash(JSON.stringify({ ...card }))}`),
  });
  return card;
}
