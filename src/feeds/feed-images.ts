/** Pictures in feeds: an article's lead image and the channel's logo, as absolute URLs. */
import type { RenderedArticle, SiteSettings } from "../model.js";
import { absoluteUrl, articlePath } from "../pages/urls.js";

/** An article's lead image as a feed gives it: an absolute URL, and what is known of the file. */
export interface FeedImage {
  readonly url: string;
  readonly alt: string;
  /** Media type from the file's extension, or null when the extension says nothing. */
  readonly type: string | null;
  /** Bytes, when the file is part of the site; null for another site's picture. */
  readonly fileSize: number | null;
}

/** Output path → size in bytes of the files the site copies (public/ and page bundles). */
export type FileSizes = ReadonlyMap<string, number>;

// Another part of the build writes a raster copy of the logo here: RSS channel images must be GIF,
// JPEG or PNG, and JSON Feed icons are shown by readers that do not draw SVG.
const RASTER_LOGO_PATH = "/assets/logo.png";

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  svg: "image/svg+xml",
};

/**
 * The lead image with an absolute URL: a site path is read from the site's root (under its base
 * path), a relative path from the article's page, as a browser on that page reads it.
 */
export function leadImage(article: RenderedArticle, site: SiteSettings, sizes: FileSizes): FeedImage | null {
  if (!article.image) return null;
  const src = article.image.src;
  let url: URL;
  try {
    url = /^\/(?!\/)/.test(src)
      ? new URL(absoluteUrl(src, site.baseUrl))
      : new URL(src, absoluteUrl(articlePath(article.slug), site.baseUrl));
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const extension = /\.([a-z0-9]+)$/i.exec(url.pathname)?.[1]?.toLowerCase() ?? "";
  const file = outputPathOf(url, site.baseUrl);
  return {
    url: url.href,
    alt: article.image.alt,
    type: IMAGE_TYPES[extension] ?? null,
    fileSize: file === null ? null : (sizes.get(file) ?? null),
  };
}

/** The output path a URL of this site names ("images/a b.png"), or null for another site's URL. */
function outputPathOf(url: URL, baseUrl: string): string | null {
  const base = new URL(baseUrl);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return null;
  try {
    return decodeURIComponent(url.pathname.slice(base.pathname.length));
  } catch {
    return null;
  }
}

/**
 * The logo feeds show: the site's own when it is a PNG, JPEG or GIF (what RSS channel images may
 * be), else the raster copy the build writes at /assets/logo.png. Always an absolute URL.
 */
export function feedLogoUrl(site: SiteSettings): string {
  const src = site.logo.src;
  if (!/\.(png|jpe?g|gif)$/i.test(src.replace(/[?#].*$/, ""))) return absoluteUrl(RASTER_LOGO_PATH, site.baseUrl);
  if (/^https?:\/\//i.test(src) || src.startsWith("//")) return new URL(src, site.baseUrl).href;
  return absoluteUrl(src.startsWith("/") ? src : `/${src}`, site.baseUrl);
}
