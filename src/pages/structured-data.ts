/**
 * JSON-LD for search engines (schema.org, typed by schema-dts): NewsArticle and BreadcrumbList on
 * article pages, WebSite on the home page, CollectionPage on lists, WebPage on static pages. Plain
 * functions from plain facts; `jsonLdScript` makes the text safe inside a <script> element.
 */
import type {
  BreadcrumbList,
  CollectionPage,
  CorrectionComment,
  Distance,
  Graph,
  ImageObject,
  IPTCDigitalSourceEnumeration,
  NewsArticle,
  NewsMediaOrganization,
  Person,
  ProfilePage,
  SearchAction,
  Thing,
  WebPage,
  WebSite,
  WithActionConstraints,
} from "schema-dts";
import type { SocialImage } from "./social.js";

/**
 * schema.org's `TrainedAlgorithmicMediaDigitalSource`, the IPTC digital source type of media made by
 * a trained model (http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia).
 */
export const GENERATED: IPTCDigitalSourceEnumeration = "https://schema.org/TrainedAlgorithmicMediaDigitalSource";

/** The site as a publisher. */
export interface SiteFacts {
  readonly name: string;
  /** Absolute URL of the home page. */
  readonly url: string;
  readonly description: string;
  /** BCP 47 tag. */
  readonly language: string;
  /** The raster logo, or null. */
  readonly logo: SocialImage | null;
  /** Absolute URL of the search page, or null when the site has no search. */
  readonly searchUrl: string | null;
}

/** An article as search engines see it; dates are the ISO instants the page's <time datetime> carries. */
export interface ArticleFacts {
  /** The page's canonical URL: the original's for a syndicated copy. */
  readonly canonical: string;
  readonly headline: string;
  readonly description: string;
  readonly datePublished: string;
  readonly dateModified: string;
  readonly author: string | null;
  /** Each author with the address of their page: when given, one Person each instead of `author`. */
  readonly people?: readonly PersonFacts[];
  readonly tags: readonly string[];
  readonly wordCount: number;
  readonly isGenerated: boolean;
  readonly source: { readonly name: string; readonly url: string } | null;
  /** Absolute URLs, best first. */
  readonly images: readonly SocialImage[];
  readonly corrections: readonly { readonly text: string; readonly date: string }[];
}

/** An author as search engines see them. */
export interface PersonFacts {
  readonly name: string;
  /** Absolute URL of their page on this site. */
  readonly url: string;
  /** Their own pages elsewhere (absolute https URLs). */
  readonly sameAs: readonly string[];
  /** Absolute URL of their portrait, or null. */
  readonly image: string | null;
}

/** One step of a breadcrumb trail. */
export interface Crumb {
  readonly name: string;
  /** Absolute URL. */
  readonly url: string;
}

/** A page that is not an article: its name, absolute URL and description. */
export interface PageFacts {
  readonly name: string;
  readonly url: string;
  readonly description: string;
}

// schema.org's Distance is text ("1200 px"), but search engines read an image's width and height
// as a plain number of pixels, as Google's own examples write them.
const pixels = (n: number) => n as unknown as Distance;

/** An ImageObject with its size when known. */
function imageObject(image: SocialImage): ImageObject {
  return {
    "@type": "ImageObject",
    url: image.url,
    ...(image.width !== null && image.height !== null && { width: pixels(image.width), height: pixels(image.height) }),
  };
}

/** The site as a news organization, with its raster logo. */
function newsOrganization(site: SiteFacts): NewsMediaOrganization {
  return {
    "@type": "NewsMediaOrganization",
    "@id": `${site.url}#publisher`,
    name: site.name,
    url: site.url,
    ...(site.logo && { logo: imageObject(site.logo) }),
  };
}

/** NewsArticle: who, when, what it is based on, how it was made, and its corrections. */
export function newsArticle(site: SiteFacts, a: ArticleFacts): NewsArticle {
  return {
    "@type": "NewsArticle",
    headline: a.headline,
    description: a.description,
    datePublished: a.datePublished,
    dateModified: a.dateModified,
    ...(a.people && a.people.length > 0
      ? { author: a.people.length === 1 ? person(a.people[0]!) : a.people.map(person) }
      : a.author !== null && { author: { "@type": "Person", name: a.author } }),
    publisher: newsOrganization(site),
    image: a.images.map(imageObject),
    mainEntityOfPage: { "@type": "WebPage", "@id": a.canonical },
    // The outlet is the original's publisher; the original itself has no name we know.
    ...(a.source && {
      isBasedOn: {
        "@type": "CreativeWork",
        url: a.source.url,
        publisher: { "@type": "Organization", name: a.source.name },
      },
    }),
    ...(a.tags.length > 0 && { keywords: [...a.tags] }),
    inLanguage: site.language,
    wordCount: a.wordCount,
    // schema.org's member for IPTC's "trained algorithmic media" (what a generated article is),
    // written as Google reads enumerations (like "https://schema.org/InStock"); schema-dts checks it.
    ...(a.isGenerated && { digitalSourceType: GENERATED }),
    ...(a.corrections.length > 0 && {
      correction: a.corrections.map(
        (c): CorrectionComment => ({ "@type": "CorrectionComment", text: c.text, datePublished: c.date }),
      ),
    }),
  };
}

/** A Person with their page here, their pages elsewhere and their portrait. */
function person(p: PersonFacts): Person {
  return {
    "@type": "Person",
    name: p.name,
    url: p.url,
    ...(p.sameAs.length > 0 && { sameAs: [...p.sameAs] }),
    ...(p.image !== null && { image: p.image }),
  };
}

/** An author's page: a ProfilePage whose main entity is the Person. */
export function profilePage(site: SiteFacts, page: PageFacts, who: PersonFacts): ProfilePage {
  return { "@type": "ProfilePage", ...pageFields(site, page), mainEntity: person(who) };
}

/** A BreadcrumbList from the home page down to the page itself. */
export function breadcrumbList(crumbs: readonly Crumb[]): BreadcrumbList {
  return {
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((c, i) => ({ "@type": "ListItem", position: i + 1, name: c.name, item: c.url })),
  };
}

/** The home page: the site itself, published by the organization. */
export function webSite(site: SiteFacts): WebSite {
  return {
    "@type": "WebSite",
    "@id": `${site.url}#website`,
    name: site.name,
    url: site.url,
    ...(site.description !== "" && { description: site.description }),
    inLanguage: site.language,
    publisher: newsOrganization(site),
    ...(site.searchUrl !== null && { potentialAction: searchAction(site.searchUrl) }),
  };
}

/** How to search the site (the search page reads `q`), as Google's sitelinks search box reads it. */
function searchAction(searchUrl: string): WithActionConstraints<SearchAction> {
  return {
    "@type": "SearchAction",
    // Appended, not built with URL: the braces of the template must stay as they are.
    target: { "@type": "EntryPoint", urlTemplate: `${searchUrl}?q={search_term_string}` },
    "query-input": "required name=search_term_string",
  };
}

/** A list of articles (tag pages, the tag index, recommendations, later home pages). */
export function collectionPage(site: SiteFacts, page: PageFacts): CollectionPage {
  return { "@type": "CollectionPage", ...pageFields(site, page) };
}

/** A static page (about, …). */
export function webPage(site: SiteFacts, page: PageFacts): WebPage {
  return { "@type": "WebPage", ...pageFields(site, page) };
}

function pageFields(site: SiteFacts, page: PageFacts) {
  return {
    name: page.name,
    url: page.url,
    description: page.description,
    inLanguage: site.language,
    isPartOf: { "@type": "WebSite", "@id": `${site.url}#website`, name: site.name, url: site.url },
  } as const;
}

/** Characters that could end the <script> element, start markup, or end a line in older JavaScript parsers. */
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/**
 * The text of a `<script type="application/ld+json">` element: `@context` and `@graph` as JSON, with
 * `<`, `>`, `&`, U+2028 and U+2029 written as \u escapes, so no title or name can close the element
 * (`</script>`), open a comment (`<!--`) or be read as markup; JSON parsers read the same text back.
 */
export function jsonLdScript(things: readonly Thing[]): string {
  const graph: Graph = { "@context": "https://schema.org", "@graph": things };
  return JSON.stringify(graph).replace(
    UNSAFE_IN_SCRIPT,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
