/**
 * What the site is, apart from how it is produced: two pure stages shared by `build` and `check`.
 *
 *   connectSite: rendered articles, pages and profiles → the site graph (order, tags, authors,
 *                related articles, picks) and the content whose links and pictures are checked;
 *   planSite:    the graph and the measured pictures → every page (a spec: layout, context and the
 *                key of the body it shows), every feed and crawler file, every copy and redirect,
 *                merged into one output list, with every finding (conflicts, broken links, missing
 *                pictures).
 *
 * Neither reads the disk or the cache: the executor (executor.ts) measures the pictures between
 * the two, and produces the outputs afterwards. A plan's outputs ask the executor for HTML bodies
 * and templates (`Producers`); they hold no store.
 */
import { hasErrors, type Diagnostic } from "./errors.js";
import type { OutputFile, PageSpec, RenderedArticle, ResolvedConfig, SiteGraph, StaticPage } from "./model.js";
import type { ArticleNotes } from "./content/article-notes.js";
import { findingSource } from "./prepare.js";
import { buildSiteGraph } from "./graph/build-graph.js";
import { missingAvatarWarnings, profilesByAuthor, profileWarnings } from "./graph/authors.js";
import { findingDiagnostics, withImage, type FindingSource } from "./graph/content-findings.js";
import { planPages } from "./pages/plan-pages.js";
import { planFeeds } from "./feeds/plan-feeds.js";
import { aliasTargets, planRedirects, type Redirect } from "./pages/plan-redirects.js";
import { mergeOutputs } from "./output/merge-outputs.js";
import type { BundleFile } from "./output/read-bundles.js";
import type { SiteOutput } from "./output/writer.js";
import type { MediaPlan } from "./render/site-media.js";
import type { SiteImages } from "./images/site-images.js";
import { pageOutputs } from "./render/render-pages.js";

/** Everything a site is made from, read and rendered. */
export interface SiteInputs {
  /** The settings pages are planned with (a check plans the published site). */
  readonly config: ResolvedConfig;
  /** Identity of the generator's code and of the templates: part of every fingerprint. */
  readonly codeId: string;
  readonly templatesId: string;
  /** Every rendered article (the graph keeps the ones the settings publish). */
  readonly articles: readonly RenderedArticle[];
  readonly pages: readonly StaticPage[];
  /** Author profiles, rendered like pages. */
  readonly bios: readonly StaticPage[];
  /** Related articles by slug, ranked beforehand (empty: ranked in the graph). */
  readonly related: Map<string, string[]>;
  readonly publicFiles: readonly OutputFile[];
  readonly bundleFiles: readonly BundleFile[];
  /** Where front-matter fields are in their files (aliases, lead pictures). */
  readonly notes: ReadonlyMap<string, ArticleNotes>;
  /** Whose links and pictures are checked: the published articles (a build) or all of them (a check). */
  readonly linksOf: "published" | "all";
  /** Site paths that count as present for link checks though not planned (a check: drafts' pages-to-be). */
  readonly alsoPresent?: readonly string[];
}

/** The graph, and the articles and pages whose links and pictures are checked. */
export interface ConnectedSite {
  readonly inputs: SiteInputs;
  readonly graph: SiteGraph;
  readonly sources: readonly FindingSource[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The pictures, measured by the executor: responsive variants, link-preview crops, the card and logo. */
export interface MeasuredMedia {
  readonly images: SiteImages;
  readonly media: MediaPlan;
}

/** What the site is. */
export interface SitePlan {
  readonly graph: SiteGraph;
  /** Every HTML page, in a stable order. */
  readonly pages: readonly PageSpec[];
  /** Every output but the search index, sorted by path. */
  readonly outputs: readonly SiteOutput[];
  readonly redirects: readonly Redirect[];
  /** The local pictures pages show, with their variants (bodies are rewritten with them). */
  readonly pictures: SiteImages["plan"]["pictures"];
  /** Problems found while planning (errors fail a build), and warnings. */
  readonly diagnostics: readonly Diagnostic[];
  readonly isOk: boolean;
}

/** Rendered content → the graph (pure). */
export function connectSite(inputs: SiteInputs): ConnectedSite {
  const { config, articles, pages, bios, related, notes } = inputs;
  const people = profilesByAuthor(bios);
  const graph = buildSiteGraph(articles, pages, config, related, people.profiles);
  const linked = inputs.linksOf === "all" ? articles : graph.articles;
  const sources = [
    ...linked.map((a) => withImage(findingSource(a), a.slug, notes.get(a.sourcePath)?.image)),
    ...pages.map(findingSource),
  ];
  return { inputs, graph, sources, diagnostics: [...people.diagnostics, ...profileWarnings(graph.authors, bios)] };
}

/** The graph and the measured pictures → every output of the site, and what is wrong with it (pure). */
export function planSite(site: ConnectedSite, measured: MeasuredMedia): SitePlan {
  const { inputs, graph, sources } = site;
  const { config, codeId, publicFiles, bundleFiles } = inputs;
  const { images, media } = measured;
  const siteFiles = [...publicFiles, ...bundleFiles];
  const pages = planPages(graph, config, { ...media.media, pictures: images.plan.pictures });
  const generated: SiteOutput[] = [
    ...pageOutputs(pages, codeId, inputs.templatesId),
    ...planFeeds(graph, pages, config, codeId, siteFiles),
    ...media.outputs,
    ...images.plan.outputs,
  ];
  // Old addresses: a redirect page at each alias, and _redirects (after public/'s own rules).
  const moved = planRedirects(graph, config, codeId, { generated, publicFiles, bundleFiles, notes: inputs.notes });
  const merged = mergeOutputs(moved.publicFiles, [...generated, ...moved.outputs], config.paths.public, bundleFiles);
  const present = new Set(merged.outputs.map((o) => o.path));
  for (const p of inputs.alsoPresent ?? []) present.add(p);
  const diagnostics = [
    ...site.diagnostics,
    ...media.diagnostics,
    ...moved.diagnostics,
    ...merged.diagnostics,
    ...images.plan.diagnostics,
    ...findingDiagnostics(sources, present, aliasTargets(moved.redirects), config.site.missingImages),
    ...missingAvatarWarnings(graph.authors, present),
  ];
  return {
    graph,
    pages,
    outputs: merged.outputs,
    redirects: moved.redirects,
    pictures: images.plan.pictures,
    diagnostics,
    isOk: !hasErrors(diagnostics),
  };
}
