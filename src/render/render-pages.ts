/** PageSpecs → planned outputs rendered through the templates only when their fingerprint changed. */
import type { Diagnostic } from "../errors.js";
import type { PageSpec } from "../model.js";
import type { PlannedOutput } from "../output/writer.js";
import { fastHash, hashOf } from "../cache/hash.js";
import { TemplateRenderError, type TemplateEnv } from "./handlebars-env.js";
import type { HtmlStore } from "../markdown/html-store.js";

/**
 * Plans every page. A page's fingerprint covers the generator, the templates and its context
 * (article HTML by content key), so an unchanged page is never rendered again. Template problems
 * are collected once per template and message into `problems`.
 */
export function planPageOutputs(
  specs: readonly PageSpec[],
  env: TemplateEnv,
  store: HtmlStore,
  codeId: string,
  problems: Map<string, Diagnostic>,
): PlannedOutput[] {
  // `site` and `assets` are the same object on every page: hash them once, not 10,000 times.
  const shared = specs[0]?.context;
  const base = hashOf(codeId, env.id, JSON.stringify([shared?.site, shared?.assets]));
  return specs.map((spec) => ({
    path: spec.outputPath,
    fingerprint: fingerprintOf(base, spec, shared),
    produce: async () => {
      await store.ensure(spec.htmlKeys);
      try {
        return env.renderPage(spec.layout, spec.context);
      } catch (cause) {
        if (!(cause instanceof TemplateRenderError)) throw cause;
        const d = cause.diagnostic;
        problems.set(`${d.file}:${d.line}:${d.message}`, d);
        return "";
      }
    },
  }));
}

function fingerprintOf(base: string, spec: PageSpec, shared: PageSpec["context"] | undefined): string {
  const { site, assets, ...own } = spec.context;
  // Pages whose site/assets are not the shared objects (never, today) get them hashed in full.
  const extra = site === shared?.site && assets === shared?.assets ? "" : JSON.stringify([site, assets]);
  return fastHash(base, spec.layout, JSON.stringify(own), extra);
}
