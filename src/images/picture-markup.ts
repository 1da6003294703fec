/**
 * Planned pictures → what templates show: the context of `partials/picture.hbs`, and the same
 * markup for `<img>` elements inside rendered bodies (rewritten when a page is rendered, so the
 * cached Markdown HTML never depends on picture bytes).
 */
import type { ImagePlan, PictureVariant, PlannedPicture } from "./plan-images.js";

/** `image` in a card or article context: what picture.hbs needs, every field present (strict templates). */
export interface PictureContext {
  /** The fallback `<img src>`: the largest variant in the picture's own format, or the file itself. */
  readonly src: string;
  readonly alt: string;
  readonly caption: string | null;
  readonly credit: string | null;
  /** Pixels of the original as shown, or null when unknown (another site's picture). */
  readonly width: number | null;
  readonly height: number | null;
  /** `srcset` of the fallback, or null when there is one size only (passed through, remote). */
  readonly srcset: string | null;
  /** `<source>` elements, modern formats first; empty when no `<picture>` is needed. */
  readonly sources: readonly { readonly type: string; readonly srcset: string }[];
}

/** `sizes` of pictures in an article column (lead figure and body; see .article in site.css). */
const ARTICLE_SIZES = "(max-width: 42rem) 100vw, 42rem";

/**
 * The context for a picture. `resolved` is the src as a page's HTML should name it (base path
 * applied, or the address of another site); `picture` is its plan when it is a local file.
 */
export function pictureContext(
  image: { readonly alt: string; readonly caption: string | null; readonly credit: string | null },
  resolved: string,
  picture: PlannedPicture | undefined,
  url: (sitePath: string) => string,
): PictureContext {
  const base = { alt: image.alt, caption: image.caption, credit: image.credit };
  if (!picture) return { ...base, src: resolved, width: null, height: null, srcset: null, sources: [] };
  const size = { width: picture.width, height: picture.height };
  if (picture.isPassThrough) return { ...base, ...size, src: url(picture.sitePath), srcset: null, sources: [] };
  const srcset = (variants: readonly PictureVariant[]) => variants.map((v) => `${url(v.path)} ${v.width}w`).join(", ");
  return {
    ...base,
    ...size,
    src: url(picture.fallback[picture.fallback.length - 1]!.path),
    srcset: srcset(picture.fallback),
    sources: picture.modern.length > 0 ? [{ type: "image/webp", srcset: srcset(picture.modern) }] : [],
  };
}

/** How a picture loads. */
export interface PictureOptions {
  readonly sizes: string;
  /** The page's lead picture: fetched first (`fetchpriority="high"`), never lazily. */
  readonly isLead: boolean;
  readonly className: string | null;
}

/** The HTML picture.hbs writes for `picture` (escaped; tested to match the partial). */
export function pictureHtml(picture: PictureContext, options: PictureOptions): string {
  const attr = (name: string, value: string | number | null) =>
    value === null ? "" : ` ${name}="${escapeAttribute(String(value))}"`;
  const sources = picture.sources
    .map((s) => `<source${attr("type", s.type)}${attr("srcset", s.srcset)}${attr("sizes", options.sizes)}>`)
    .join("");
  const img =
    `<img${attr("class", options.className)}${attr("src", picture.src)}` +
    (picture.srcset === null ? "" : `${attr("srcset", picture.srcset)}${attr("sizes", options.sizes)}`) +
    (picture.width === null ? "" : `${attr("width", picture.width)}${attr("height", picture.height)}`) +
    `${attr("alt", picture.alt)}${options.isLead ? ' fetchpriority="high"' : ' loading="lazy"'} decoding="async">`;
  return picture.sources.length > 0 ? `<picture>${sources}${img}</picture>` : img;
}

/**
 * A rendered body with each `<img>` that names a planned local picture written as the responsive
 * markup (lazy, with width and height); remote pictures and pictures the plan lacks stay as they
 * are. `pageSitePath` is the page the body is shown on (relative srcs resolve against it, under
 * `basePath`, the path part of the site's address, which the body's site paths already carry). The
 * sanitizer's output always quotes attributes with `"`, so a tag is read attribute by attribute.
 */
export function rewriteBodyImages(
  html: string,
  pageSitePath: string,
  plan: Pick<ImagePlan, "pictures">,
  url: (sitePath: string) => string,
  basePath = "",
  sizes = ARTICLE_SIZES,
): string {
  if (plan.pictures.size === 0 || !html.includes("<img")) return html;
  return html.replace(/<img\b([^>]*)>/g, (tag, attributes: string) => {
    const attrs = new Map<string, string>();
    for (const m of attributes.matchAll(/\s([a-zA-Z:-]+)(?:="([^"]*)")?/g)) attrs.set(m[1]!.toLowerCase(), m[2] ?? "");
    const src = attrs.get("src");
    if (src === undefined) return tag;
    // Bodies name site paths under the base path ("/news/images/x.png"), as the browser reads them.
    const address = localSitePath(unescapeAttribute(src), basePath + pageSitePath);
    const sitePath =
      address === null || basePath === ""
        ? address
        : address.startsWith(`${basePath}/`)
          ? address.slice(basePath.length)
          : null;
    const picture = sitePath === null ? undefined : plan.pictures.get(sitePath);
    if (!picture) return tag;
    const alt = unescapeAttribute(attrs.get("alt") ?? "");
    const context = pictureContext({ alt, caption: null, credit: null }, src, picture, url);
    const title = attrs.get("title");
    const markup = pictureHtml(context, { sizes, isLead: false, className: null });
    return title === undefined ? markup : markup.replace("<img ", `<img title="${title}" `);
  });
}

/** The site path a src names on `pageSitePath`, or null for another site's picture. */
export function localSitePath(src: string, pageSitePath: string): string | null {
  if (/^[a-z][a-z\d+.-]*:|^[/\\]{2}/i.test(src.trim())) return null;
  try {
    const page = new URL(pageSitePath, "https://site.invalid");
    const target = new URL(src.trim(), page);
    if (target.origin !== page.origin) return null;
    return decodeURI(target.pathname);
  } catch {
    return null;
  }
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"'`=]/g, (ch) => ENTITIES[ch]!);
}

// What Handlebars escapes, as Handlebars writes it: the body and the partial give the same bytes.
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
  "`": "&#x60;",
  "=": "&#x3D;",
};

function unescapeAttribute(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#x27|#39|#x60|#x3D);/g, (entity) => {
    const found = Object.entries(ENTITIES).find(([, e]) => e === entity);
    return found ? found[0] : entity === "&#39;" ? "'" : entity;
  });
}
