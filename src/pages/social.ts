/** What link previews read (Open Graph, Twitter cards) and the pictures they show: plain data for templates. */
import type { SiteSettings } from "../model.js";
import type { PlannedPicture } from "../images/plan-images.js";
import { absoluteUrl } from "./urls.js";

/** Site path of the card the build draws when the site has none (a site's own file there wins). */
export const CARD_IMAGE_PATH = "/assets/card.png";
/** Site path of the raster logo the build draws from an SVG logo (a site's own file there wins). */
export const RASTER_LOGO_PATH = "/assets/logo.png";

/** A picture link previews and search engines may show: absolute URL, and its size when known. */
export interface SocialImage {
  readonly url: string;
  /** Pixels, or null for a picture on another site (no network at build time to measure it). */
  readonly width: number | null;
  readonly height: number | null;
  readonly alt: string;
  /** MIME type ("image/png"), or null when unknown. */
  readonly type: string | null;
}

/** The site's pictures for machines, measured once per build (render/site-media.ts). */
export interface SiteMedia {
  /** The card every page without a picture of its own shows (the site's `cardImage`, or the drawn one). */
  readonly card: SocialImage;
  /** The publisher's raster logo (search engines and feeds take no SVG), or null when there is none. */
  readonly logo: SocialImage | null;
  /** Each article's lead picture, by slug, when it is a local raster file whose size is known. */
  readonly leadImages: ReadonlyMap<string, SocialImage>;
  /** Every local picture pages show, by site path, with its responsive variants (images/plan-images.ts). */
  readonly pictures?: ReadonlyMap<string, PlannedPicture>;
}

/** Pictures nobody measured (a check, which renders nothing): the drawn card's address, no logo or lead pictures. */
export function unmeasuredMedia(site: SiteSettings): SiteMedia {
  const card = { url: absoluteUrl(CARD_IMAGE_PATH, site.baseUrl), width: null, height: null, type: null };
  return { card: { ...card, alt: site.title }, logo: null, leadImages: new Map() };
}

/** The article-only Open Graph fields. */
export interface SocialArticle {
  readonly publishedTime: string;
  readonly modifiedTime: string;
  readonly author: string | null;
  /** The first tag: the article's section. */
  readonly section: string | null;
  readonly tags: readonly string[];
}

/** `page.social` in every context: what head-meta.hbs writes as og:* and twitter:* tags. */
export interface SocialMeta {
  readonly type: "article" | "website";
  /** The page's own title, without the site-name suffix of <title>. */
  readonly title: string;
  readonly description: string;
  /** The canonical URL. */
  readonly url: string;
  readonly siteName: string;
  /** `en_GB` for a site in `en-GB`; null for a language without a region (og:locale needs both). */
  readonly locale: string | null;
  readonly image: SocialImage;
  /** Always the large card: every page has a picture (at least the site's card). */
  readonly twitterCard: "summary_large_image";
  readonly article: SocialArticle | null;
}

/** Open Graph's locale (`language_TERRITORY`) for a BCP 47 tag: `en-GB` → `en_GB`, `sr-Latn-RS` → `sr_RS`. */
export function ogLocale(language: string): string | null {
  const [lang, ...rest] = language.split("-");
  const region = rest.find((part) => /^([A-Za-z]{2}|\d{3})$/.test(part));
  return lang && region ? `${lang.toLowerCase()}_${region.toUpperCase()}` : null;
}

/** Descriptions longer than this are cut: search results show about 155–160 characters. */
const DESCRIPTION_LENGTH = 160;

/**
 * Text cut at the last word boundary that keeps it within `max` characters, with an ellipsis; short
 * text unchanged. A single word longer than `max` is cut inside the word.
 */
export function clipDescription(text: string, max = DESCRIPTION_LENGTH): string {
  const squashed = text.replace(/\s+/g, " ").trim();
  const chars = [...squashed];
  if (chars.length <= max) return squashed;
  // One character is kept for the ellipsis; the head ends on a word when the next character is a space.
  const head = chars.slice(0, max - 1).join("");
  const atSpace = chars[max - 1] === " " ? head.length : head.lastIndexOf(" ");
  const cut = atSpace > head.length / 2 ? head.slice(0, atSpace) : head;
  // Trailing punctuation before an ellipsis reads as a typo ("networks,…").
  return `${cut.replace(/[\s,;:.!?\-–—]+$/u, "")}…`;
}

/** What a page tells link previews. */
export interface SocialInput {
  readonly title: string;
  readonly description: string;
  readonly canonical: string;
  readonly siteName: string;
  readonly language: string;
  readonly image: SocialImage;
  readonly article: SocialArticle | null;
}

/** `page.social` for a page. */
export function socialMeta(input: SocialInput): SocialMeta {
  return {
    type: input.article ? "article" : "website",
    title: input.title,
    description: input.description,
    url: input.canonical,
    siteName: input.siteName,
    locale: ogLocale(input.language),
    image: input.image,
    twitterCard: "summary_large_image",
    article: input.article,
  };
}
