/** PageSpecs → planned outputs, fingerprinted by what they show; and one page through the templates. */
import type { PageSpec } from "../model.js";
import type { HtmlLookup, SiteOutput } from "../output/writer.js";
import type { ImagePlan } from "../images/plan-images.js";
import { fastHash, hashOf } from "../cache/hash.js";
import { withBody } from "../pages/contexts.js";
import type { TemplateEnv } from "./handlebars-env.js";

/**
 * Plans every page. A page's fingerprint covers the generator, the templates and its context
 * (the body by content key and the pictures it shows), so an unchanged page is never rendered again.
 */
export function pageOutputs(specs: readonly PageSpec[], codeId: string, templatesId: string): SiteOutput[] {
  // `site` and `assets` are the same object on every page: hash them once, not 10,000 times.
  const shared = specs[0]?.context;
  const base = hashOf(codeId, templatesId, JSON.stringify([shared?.site, shared?.assets]));
  return specs.map((spec) => ({
    path: spec.outputPath,
    fingerprint: fingerprintOf(base, spec, shared),
    produce: (using) => using.page(spec),
  }));
}

/** One page through its layout, its body filled in; a template problem throws a TemplateRenderError. */
export function renderPage(
  env: TemplateEnv,
  spec: PageSpec,
  html: HtmlLookup,
  pictures: ImagePlan["pictures"],
  basePath: string,
): string {
  const context =
    spec.body === null
      ? spec.context
      : withBody(spec.context, spec.body, html(spec.body.htmlKey).html, pictures, basePath);
  return env.renderPage(spec.layout, context);
}

function fingerprintOf(base: string, spec: PageSpec, shared: PageSpec["context"] | undefined): string {
  const { site, assets, ...own } = spec.context;
  // Pages whose site/assets are not the shared objects (never, today) get them hashed in full.
  const extra = site === shared?.site && assets === shared?.assets ? "" : JSON.stringify([site, assets]);
  return fastHash(base, spec.layout, JSON.stringify(own), extra);
}
