/**
 * Old addresses that keep working: a redirect page at each alias of a published article (its
 * `aliases`/`redirect_from`, and the `oldUrls` pattern), and a `_redirects` file for hosts that read
 * one (Netlify, Cloudflare Pages). An alias that would replace another output is an OutputConflict
 * naming both.
 */
import path from "node:path";
import { error, type Diagnostic } from "../errors.js";
import type { OutputFile, RenderedArticle, ResolvedConfig, SiteGraph } from "../model.js";
import type { PlannedOutput } from "../output/writer.js";
import type { BundleFile } from "../output/read-bundles.js";
import type { ArticleNotes } from "../content/article-notes.js";
import { oldUrlOf } from "../content/old-urls.js";
import { tagKey } from "../content/validate-article.js";
import { hashOf } from "../cache/hash.js";
import { absoluteUrl, articlePath, outputPathFor, portablePathKey, siteUrl } from "./urls.js";

/** The host redirect file, at the output's root. */
const REDIRECTS_FILE = "_redirects";

/** What the redirects must not overwrite, and where aliases are written. */
export interface RedirectInputs {
  readonly generated: readonly { readonly path: string }[];
  readonly publicFiles: readonly OutputFile[];
  readonly bundleFiles: readonly BundleFile[];
  /** Validation notes by source path: the line of each alias. */
  readonly notes: ReadonlyMap<string, ArticleNotes>;
}

/** One old address and the article it leads to. */
export interface Redirect {
  /** Site path of the old address ("/blog/x/", "/x.html"). */
  readonly from: string;
  readonly article: RenderedArticle;
}

/** Redirect pages and the `_redirects` file, the public/ files left to copy, and the conflicts. */
export interface PlannedRedirects {
  readonly outputs: PlannedOutput[];
  /** public/ files without a `_redirects` that ours now carries (theirs first). */
  readonly publicFiles: OutputFile[];
  readonly redirects: Redirect[];
  readonly diagnostics: Diagnostic[];
}

/** Plans every redirect of the site's published articles. */
export function planRedirects(
  graph: SiteGraph,
  config: ResolvedConfig,
  codeId: string,
  inputs: RedirectInputs,
): PlannedRedirects {
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, string>();
  const own = (p: string, who: string) => {
    const key = portablePathKey(p);
    if (!owners.has(key)) owners.set(key, who);
  };
  const articleAt = new Map(graph.articles.map((a) => [outputPathFor(articlePath(a.slug)), a]));
  for (const o of inputs.generated) {
    const a = articleAt.get(o.path);
    own(o.path, a ? `the page of ${a.sourcePath}` : `the generated page "/${o.path}"`);
  }
  for (const f of inputs.publicFiles) own(f.path, `${config.paths.public}/${f.path}`);
  for (const f of inputs.bundleFiles) own(f.path, f.sourcePath);

  const siteYaml = path.join(config.paths.content, "site.yaml");
  const redirects: Redirect[] = [];
  for (const article of graph.articles) {
    const notes = inputs.notes.get(article.sourcePath)?.aliases ?? [];
    const wanted = article.aliases.map((from) => {
      const note = notes.find((n) => n.path === from);
      const at = note ? { line: note.line, column: note.column, field: note.field } : { field: "aliases" };
      return { from, at: { file: article.sourcePath, ...at } };
    });
    const pattern = config.site.oldUrls;
    const patterned =
      pattern === null ? null : oldUrlOf(pattern, oldUrlFacts(article, graph, config), config.site.timeZone);
    if (patterned !== null && patterned !== articlePath(article.slug) && !article.aliases.includes(patterned))
      wanted.push({ from: patterned, at: { file: siteYaml, field: "oldUrls" } });
    for (const { from, at } of wanted) {
      const key = portablePathKey(outputPathFor(from));
      const other = owners.get(key);
      if (other !== undefined) {
        diagnostics.push(
          error("OutputConflict", `The old address "${from}" of ${article.sourcePath} is also ${other}`, {
            ...at,
            hint: "Remove the alias (or change `oldUrls`), or move the other page: one address cannot serve both.",
          }),
        );
        continue;
      }
      owners.set(key, `the old address "${from}" of ${article.sourcePath}`);
      redirects.push({ from, article });
    }
  }
  redirects.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));

  const outputs: PlannedOutput[] = redirects.map((r) => {
    const html = redirectPage(r, config);
    return { path: outputPathFor(r.from), fingerprint: hashOf(codeId, "redirect", html), produce: () => html };
  });
  let publicFiles = [...inputs.publicFiles];
  if (redirects.length > 0) {
    // The site's own rules come first: hosts apply the first rule that matches.
    const theirs = publicFiles.find((f) => f.path === REDIRECTS_FILE);
    publicFiles = publicFiles.filter((f) => f !== theirs);
    const text = redirectsFile(redirects, config.basePath, theirs && Buffer.from(theirs.contents).toString("utf8"));
    outputs.push({ path: REDIRECTS_FILE, fingerprint: hashOf(codeId, REDIRECTS_FILE, text), produce: () => text });
  }
  return { outputs, publicFiles, redirects, diagnostics };
}

/** What `oldUrls` reads of an article: its file's path under articles/ (a bundle's folder), slug, date and first tag. */
function oldUrlFacts(article: RenderedArticle, graph: SiteGraph, config: ResolvedConfig) {
  const articles = path.resolve(config.paths.content, "articles");
  const rel = path.relative(articles, path.resolve(article.sourcePath)).split(path.sep).join("/");
  const firstTag = article.tags[0] === undefined ? undefined : graph.tagByKey.get(tagKey(article.tags[0]));
  return {
    path: rel.replace(/\.(md|markdown)$/i, "").replace(/\/index$/, ""),
    slug: article.slug,
    date: article.date,
    tag: firstTag?.segment ?? null,
  };
}

/** Each old address (site path) → the site path of the article it leads to. */
export function aliasTargets(redirects: readonly Redirect[]): Map<string, string> {
  return new Map(redirects.map((r) => [r.from, articlePath(r.article.slug)]));
}

/**
 * A page that sends readers on at once (meta refresh, no script: the site's CSP allows none),
 * tells search engines where the article is (canonical) and not to index the old address, and
 * shows a link for anyone whose browser does not follow the refresh.
 */
export function redirectPage(r: Redirect, config: ResolvedConfig): string {
  const to = siteUrl(articlePath(r.article.slug), config.basePath);
  const canonical = r.article.canonical ?? absoluteUrl(articlePath(r.article.slug), config.site.baseUrl);
  const title = escapeHtml(r.article.title);
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(config.site.language)}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<title>Moved: ${title} — ${escapeHtml(config.site.title)}</title>`,
    `<meta http-equiv="refresh" content="0; url=${escapeHtml(to)}">`,
    `<link rel="canonical" href="${escapeHtml(canonical)}">`,
    '<meta name="robots" content="noindex">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // The site's icon, as every page names it: without it browsers ask for /favicon.ico, a 404.
    `<link rel="icon" href="${escapeHtml(siteUrl("/favicon.svg", config.basePath))}" type="image/svg+xml">`,
    "</head>",
    "<body>",
    `<p>This article has moved to <a href="${escapeHtml(to)}">${title}</a>.</p>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * The `_redirects` text (Netlify and Cloudflare Pages): one `old new 301` line per alias, sorted,
 * with the base path; the site's own file (`theirs`) first and unchanged.
 */
export function redirectsFile(redirects: readonly Redirect[], basePath: string, theirs?: string): string {
  const lines = redirects.map(
    (r) => `${siteUrl(r.from, basePath)} ${siteUrl(articlePath(r.article.slug), basePath)} 301`,
  );
  const head = theirs === undefined || theirs === "" ? "" : theirs.endsWith("\n") ? theirs : `${theirs}\n`;
  return `${head}# Old addresses of articles (written by Broadsheet)\n${lines.join("\n")}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
