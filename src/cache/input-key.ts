/** A hash of every input a build reads: equal keys mean the published site is already current. */
import type { Article, OutputFile, ResolvedConfig } from "../model.js";
import type { PageSource } from "../content/validate-content.js";
import { yearIn } from "../time/zoned-time.js";
import { fastHash, hashOf } from "./hash.js";

/** What a site is built from, besides the generator's code and the templates (passed as ids). */
export interface BuildInputs {
  readonly codeId: string;
  readonly templatesId: string;
  readonly config: ResolvedConfig;
  /** Articles that will be published at the build clock (the clock matters only through this). */
  readonly published: readonly Article[];
  readonly pages: readonly PageSource[];
  readonly publicFiles: readonly OutputFile[];
}

/** The input key of a build. */
export function computeInputKey(inputs: BuildInputs): string {
  const { config } = inputs;
  // The clock shows in the footer's year, and in feeds only when nothing is published.
  const clock = [yearIn(config.now, config.site.timeZone), inputs.published.length === 0 ? config.now : null];
  return hashOf(
    inputs.codeId,
    inputs.templatesId,
    JSON.stringify([config.site, config.basePath, config.includeDrafts, clock]),
    ...inputs.published.map((a) => `${a.sourcePath}\n${a.sourceHash}`),
    ...inputs.pages.map((p) => `${p.sourcePath}\n${p.body}\n${JSON.stringify([p.slug, p.title, p.summary, p.extra])}`),
    ...inputs.publicFiles.map((f) => `${f.path}\n${fastHash(f.contents)}`),
  );
}
