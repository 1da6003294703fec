/** The image stage as build.ts and check.ts call it: the plan, and each article's link-preview picture. */
import type { OutputFile, RenderedArticle, ResolvedConfig } from "../model.js";
import type { DiskCache } from "../cache/disk-cache.js";
import type { SocialImage } from "../pages/social.js";
import { absoluteUrl, articlePath } from "../pages/urls.js";
import { localSitePath } from "./picture-markup.js";
import { planImages, type ImagePlan, type ImageSource } from "./plan-images.js";

/** The image plan and the link-preview picture of each article with a local raster lead. */
export interface SiteImages {
  readonly plan: ImagePlan;
  /** By slug: the lead's 1200×630 crop (or the animated GIF itself), for og:image, twitter:image and JSON-LD. */
  readonly leads: ReadonlyMap<string, SocialImage>;
}

/** Plans every picture `sources` show among `files`, and the preview pictures of `articles`. */
export async function planSiteImages(
  config: ResolvedConfig,
  files: readonly OutputFile[],
  sources: readonly ImageSource[],
  articles: readonly RenderedArticle[],
  cache: DiskCache,
): Promise<SiteImages> {
  const plan = await planImages(config, files, sources, cache);
  const leads = new Map<string, SocialImage>();
  const abs = (sitePath: string) => absoluteUrl(sitePath, config.site.baseUrl);
  for (const a of articles) {
    if (!a.image) continue;
    const sitePath = localSitePath(a.image.src, articlePath(a.slug));
    if (sitePath === null) continue;
    const cover = plan.covers.get(sitePath);
    const picture = plan.pictures.get(sitePath);
    if (cover)
      leads.set(a.slug, {
        url: abs(cover.path),
        width: cover.width,
        height: cover.height,
        alt: a.image.alt,
        type: cover.type,
      });
    // An animated GIF is shown as it is (previews animate it); an SVG is no preview picture.
    else if (picture && picture.width !== null && picture.height !== null && /\.gif$/i.test(sitePath))
      leads.set(a.slug, {
        url: abs(sitePath),
        width: picture.width,
        height: picture.height,
        alt: a.image.alt,
        type: "image/gif",
      });
  }
  return { plan, leads };
}
