/**
 * Incremental planning: what the previous build's plan knew about each page, so a build plans again
 * only the pages an edit touches. A page's context is a function of the site's shape (settings,
 * templates, the order and membership of articles, tags, authors, related lists, picks, static pages,
 * pictures) and of the articles it shows. When the shape is unchanged, a page whose articles are all
 * unchanged keeps its fingerprint without its context being built; anything else is planned in full.
 * A clean build and an incremental one give the same fingerprints (tests/fuzz/incremental-plan).
 */
import type { PageSpec, ResolvedConfig, SiteGraph } from "../model.js";
import type { SiteMedia } from "./social.js";
import { fastHash } from "../cache/hash.js";

/** Per output path: [fingerprint, hash of the shown articles' versions, their slugs]. */
export interface PageMemo {
  readonly site: string;
  readonly pages: Readonly<Record<string, readonly [string, string, readonly string[]]>>;
}

/** Everything about the site that page contexts read, other than the articles they show, as a hash. */
export function siteShape(base: string, graph: SiteGraph, config: ResolvedConfig, media: SiteMedia): string {
  return fastHash(
    base,
    JSON.stringify([
      config.site,
      config.basePath,
      config.includeDrafts,
      graph.articles.map((a) => [a.slug, a.isDraft]),
      graph.tags.map((t) => [t.key, t.name, t.segment, t.slugs]),
      graph.authors.map((a) => [a.key, a.name, a.segment, a.slugs, a.profile ?? null]),
      [...graph.related],
      graph.picks,
      graph.connected,
      graph.pages.map((p) => [p.slug, p.title, p.summary, p.extra, p.content.html, p.content.findings ?? null]),
      [media.card, media.logo, [...media.leadImages], [...(media.pictures ?? [])]],
    ]),
  );
}

/**
 * The fingerprint of every page: from the previous plan when the site's shape and the page's articles
 * are unchanged, else from its context (`fingerprintOf`). Returns the memo for the next build.
 */
export function memoizedFingerprints(
  specs: readonly PageSpec[],
  graph: SiteGraph,
  shape: string,
  previous: PageMemo | null,
  fingerprintOf: (spec: PageSpec) => string,
): { fingerprints: string[]; memo: PageMemo } {
  // An article's version: its source (front-matter and body) and its rendered body's key.
  const version = new Map(graph.articles.map((a) => [a.slug, `${a.sourceHash}:${a.content.key}`]));
  const versionOf = (deps: readonly string[]) => fastHash(deps.map((s) => version.get(s) ?? "-").join(","));
  const known = previous?.site === shape ? previous.pages : null;
  const pages: Record<string, readonly [string, string, readonly string[]]> = {};
  const fingerprints = specs.map((spec) => {
    const before = known?.[spec.outputPath];
    if (before && Array.isArray(before[2]) && versionOf(before[2]) === before[1]) {
      pages[spec.outputPath] = before;
      return before[0];
    }
    const fingerprint = fingerprintOf(spec);
    pages[spec.outputPath] = [fingerprint, versionOf(spec.deps), spec.deps];
    return fingerprint;
  });
  return { fingerprints, memo: { site: shape, pages } };
}
