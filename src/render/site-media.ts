/**
 * The site's pictures for machines: measures lead pictures, the logo and the card among the files
 * the site will publish, and plans the card (`assets/card.png`) and raster logo (`assets/logo.png`)
 * the build draws when the site has none of its own there.
 */
import path from "node:path";
import { error, warning, type Diagnostic } from "../errors.js";
import type { Article, OutputFile, ResolvedConfig } from "../model.js";
import type { PlannedOutput } from "../output/writer.js";
import { fastHash } from "../cache/hash.js";
import { absoluteUrl, articlePath } from "../pages/urls.js";
import { CARD_IMAGE_PATH, RASTER_LOGO_PATH, type SiteMedia, type SocialImage } from "../pages/social.js";
import {
  CARD_SIZE,
  LOGO_SIZE,
  readImageFacts,
  renderCardPng,
  renderLogoPng,
  type ImageFacts,
} from "./raster-assets.js";

/** What the image plan (images/plan-images.ts) already knows, and the cache drawn pictures are kept in. */
export interface MediaOptions {
  /** Each article's link-preview picture (its lead's 1200×630 crop), by slug: lead pictures are not measured again. */
  readonly leads?: ReadonlyMap<string, SocialImage>;
  /** Measures a picture (through the cache); @default readImageFacts */
  readonly measure?: (bytes: Uint8Array) => Promise<ImageFacts | null>;
  /** Keeps the drawn card and logo: a build from a restored cache draws nothing. @default none */
  readonly keep?: (key: string, make: () => Promise<Uint8Array>) => Promise<Uint8Array>;
}

/** The measured pictures, the pictures to draw, and what went wrong. */
export interface MediaPlan {
  readonly media: SiteMedia;
  readonly outputs: PlannedOutput[];
  readonly diagnostics: Diagnostic[];
}

const MIME: Record<ImageFacts["format"], string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  svg: "image/svg+xml",
};

// What RSS channel images and every feed reader take; the feeds use a logo like this as it is.
const FEED_RASTER = /\.(png|jpe?g|gif)$/i;

/**
 * Plans the site's pictures. `files` are the files the site publishes as they are (public/, the
 * theme's, page bundles): a site's own `assets/card.png` or `assets/logo.png` wins over the drawn one.
 * Drawn pictures are fingerprinted by the generator, the title, the address and the logo's bytes.
 */
export async function planSiteMedia(
  config: ResolvedConfig,
  files: readonly OutputFile[],
  articles: readonly Article[],
  codeId: string,
  options: MediaOptions = {},
): Promise<MediaPlan> {
  const { site } = config;
  const diagnostics: Diagnostic[] = [];
  const outputs: PlannedOutput[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  const measured = new Map<string, Promise<ImageFacts | null>>();
  const measure = (file: OutputFile) => {
    let facts = measured.get(file.path);
    if (!facts) measured.set(file.path, (facts = (options.measure ?? readImageFacts)(bytesOf(file))));
    return facts;
  };
  const siteYaml = path.join(config.paths.content, "site.yaml");
  const sized = (sitePath: string, facts: ImageFacts, alt: string): SocialImage => ({
    url: absoluteUrl(sitePath, site.baseUrl),
    width: facts.width,
    height: facts.height,
    alt,
    type: MIME[facts.format],
  });

  const keep = options.keep ?? ((_key: string, make: () => Promise<Uint8Array>) => make());
  // Lead pictures: only a local raster file has a size we know.
  const leads = await Promise.all(
    articles.map(async (a): Promise<[string, SocialImage] | null> => {
      if (options.leads) {
        const lead = options.leads.get(a.slug);
        return lead ? [a.slug, lead] : null;
      }
      const local = a.image && localFile(a.image.src, articlePath(a.slug), byPath);
      const facts = local ? await measure(local.file) : null;
      return local && facts && facts.format !== "svg" ? [a.slug, sized(local.sitePath, facts, a.image!.alt)] : null;
    }),
  );

  // The logo as drawn from: the site's file when it is a picture sharp reads, else the title's first letter.
  const logoFile = localFile(site.logo.src, "/", byPath);
  const logoFacts = logoFile ? await measure(logoFile.file) : null;
  const logoBytes = logoFacts ? bytesOf(logoFile!.file) : null;
  if (logoFile && !logoFacts)
    diagnostics.push(
      warning(
        "InvalidConfig",
        `The logo ${logoFile.sitePath} is not a picture that can be drawn (SVG, PNG, JPEG, WebP or GIF)`,
        {
          file: siteYaml,
          field: "logo",
          hint: "Fix the file, or point `logo` at another; the card and raster logo show the title's first letter meanwhile.",
        },
      ),
    );

  let logo: SocialImage | null = null;
  const alt = site.logo.alt;
  if (FEED_RASTER.test(pathOf(site.logo.src))) {
    // Already what feeds and search engines take: used as it is.
    if (logoFile && logoFacts && logoFacts.format !== "svg") logo = sized(logoFile.sitePath, logoFacts, alt);
    else if (isRemote(site.logo.src))
      logo = { url: remoteUrl(site.logo.src), width: null, height: null, alt, type: null };
  } else {
    const own = byPath.get(RASTER_LOGO_PATH.slice(1));
    const ownFacts = own ? await measure(own) : null;
    if (own) logo = ownFacts && ownFacts.format !== "svg" ? sized(RASTER_LOGO_PATH, ownFacts, alt) : null;
    else {
      logo = sized(RASTER_LOGO_PATH, { format: "png", width: LOGO_SIZE, height: LOGO_SIZE }, alt);
      outputs.push({
        path: RASTER_LOGO_PATH.slice(1),
        fingerprint: fastHash(codeId, "logo", site.title, logoBytes ?? ""),
        produce: () =>
          keep(fastHash(codeId, "logo", site.title, logoBytes ?? ""), () => renderLogoPng(logoBytes, site.title)),
      });
    }
  }

  const card = await planCard();
  return { media: { card, logo, leadImages: new Map(leads.filter((l) => l !== null)) }, outputs, diagnostics };

  async function planCard(): Promise<SocialImage> {
    const chosen = site.cardImage;
    if (chosen) {
      const local = localFile(chosen.src, "/", byPath);
      if (!isRemote(chosen.src) && !local)
        diagnostics.push(
          warning("BrokenLink", `The card image ${chosen.src} is not part of the site: the drawn card is used`, {
            file: siteYaml,
            field: "cardImage.src",
            hint: "Put the file in public/ (e.g. public/images/card.png), or fix `cardImage` in site.yaml.",
          }),
        );
      else if (!local) return { url: remoteUrl(chosen.src), width: null, height: null, alt: chosen.alt, type: null };
      else {
        const facts = await measure(local.file);
        if (facts && facts.format !== "svg" && facts.format !== "gif") return sized(local.sitePath, facts, chosen.alt);
        diagnostics.push(
          error("InvalidConfig", `The card image ${local.sitePath} is not a PNG, JPEG or WebP picture`, {
            file: siteYaml,
            field: "cardImage.src",
            hint: "Link previews show only raster pictures: export the card as PNG, JPEG or WebP (1200×630 is best).",
          }),
        );
      }
    }
    const own = byPath.get(CARD_IMAGE_PATH.slice(1));
    if (own) {
      const facts = await measure(own);
      const size = facts && facts.format !== "svg" ? facts : null;
      return {
        url: absoluteUrl(CARD_IMAGE_PATH, site.baseUrl),
        width: size?.width ?? null,
        height: size?.height ?? null,
        alt: site.title,
        type: size && MIME[size.format],
      };
    }
    const base = new URL(site.baseUrl);
    const caption = `${base.host}${base.pathname.replace(/\/$/, "")}`;
    outputs.push({
      path: CARD_IMAGE_PATH.slice(1),
      fingerprint: fastHash(codeId, "card", site.title, caption, logoBytes ?? ""),
      produce: () =>
        keep(fastHash(codeId, "card", site.title, caption, logoBytes ?? ""), () =>
          renderCardPng({ title: site.title, caption, logo: logoBytes }),
        ),
    });
    return sized(CARD_IMAGE_PATH, { format: "png", ...CARD_SIZE }, site.title);
  }
}

/**
 * The published file a local src names, read as a browser on `pageSitePath` reads it (`x.jpg` on
 * an article page is the file beside it), with its site path; null for another site's picture.
 */
function localFile(
  src: string,
  pageSitePath: string,
  files: ReadonlyMap<string, OutputFile>,
): { file: OutputFile; sitePath: string } | null {
  if (isRemote(src)) return null;
  let sitePath: string;
  try {
    const page = new URL(pageSitePath, "https://site.invalid");
    const target = new URL(src.trim(), page);
    if (target.origin !== page.origin) return null;
    sitePath = decodeURI(target.pathname);
  } catch {
    return null;
  }
  const file = files.get(sitePath.slice(1));
  return file ? { file, sitePath } : null;
}

/** A file's bytes: sharp reads a string as the path of a file to open, never as contents. */
function bytesOf(file: OutputFile): Uint8Array {
  return typeof file.contents === "string" ? Buffer.from(file.contents) : file.contents;
}

/** A src's path without query or fragment. */
function pathOf(src: string): string {
  return src.trim().replace(/[?#].*$/s, "");
}

/** True for an http(s) or protocol-relative URL (validated settings hold no other scheme). */
function isRemote(src: string): boolean {
  return /^[a-z][a-z\d+.-]*:|^[/\\]{2}/i.test(src.trim());
}

/** An http(s) or protocol-relative URL, absolute. */
function remoteUrl(src: string): string {
  return new URL(src.trim(), "https://protocol-relative.invalid/").href;
}
