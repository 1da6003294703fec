/**
 * The one module that uses unified/remark/rehype. Markdown → HTML with GFM via remark-html, then the
 * HTML (raw HTML from the article included) is parsed like a browser would and sanitized: raw HTML
 * in an article is cleaned, never trusted.
 */
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import remarkHtml from "remark-html";
import { unified } from "unified";
import rehypeParse from "rehype-parse";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import { visit } from "unist-util-visit";
import { toString as textOf } from "hast-util-to-string";
import type { Element, Root } from "hast";
import type { Root as MdRoot } from "mdast";
import { normalizeMarkup, shiftHeadings } from "./normalize-markup.js";
import type { ContentFinding, Heading, RenderedMarkdown } from "../model.js";

// Built once per process: processors are frozen and reusable.
const markdownToHtml = remark().use(remarkGfm).use(remarkHtml, { sanitize: false }).freeze();
const htmlParser = unified().use(rehypeParse, { fragment: true }).freeze();
// GitHub's schema (what github.com allows in READMEs): no script, style, iframe, object, embed,
// form, event handlers, or javascript:/data: URLs; ids are prefixed so they cannot clobber globals.
// <style> is dropped with its text (GitHub's schema keeps the text, which would show CSS as prose).
// GitHub's schema checks the scheme of href, src, cite and longdesc but not of <source srcset> or
// the `action` it allows on every element: both get the same http(s)-only rule as src.
const CLOBBER_PREFIX = defaultSchema.clobberPrefix ?? "user-content-";
const schema = {
  ...defaultSchema,
  strip: [...(defaultSchema.strip ?? []), "style"],
  protocols: { ...defaultSchema.protocols, srcSet: ["http", "https"], action: ["http", "https"] },
};
const sanitizer = unified().use(rehypeSanitize, schema).freeze();
const serializer = unified().use(rehypeStringify).freeze();

/** Where an article lives, so relative URLs in it can be resolved. */
export interface UrlContext {
  /** Absolute URL of the page the HTML appears on, e.g. "https://site.example/articles/x/". */
  readonly pageUrl: string;
  /** Base path of the site without trailing slash ("" or "/news"), prefixed to root-relative URLs. */
  readonly basePath: string;
}

/** Renders Markdown to sanitized HTML plus what later stages need (excerpt, headings, word count, findings). */
export function renderMarkdown(markdown: string, urls: UrlContext): RenderedMarkdown {
  let mdast = markdownToHtml.parse(markdown);
  const shortcodes = findShortcodes(markdown, mdast);
  // `{{< figure src="x" >}}` would otherwise start raw HTML: escape Hugo's brackets so it stays text.
  if (shortcodes.escaped !== markdown) mdast = markdownToHtml.parse(shortcodes.escaped);
  const findings: ContentFinding[] = [...shortcodes.findings, ...findLinksAndImages(mdast, urls)];
  const rawHtml = String(markdownToHtml.stringify(markdownToHtml.runSync(mdast) as MdRoot));
  const parsed = htmlParser.parse(rawHtml);
  // GFM footnotes already carry the "user-content-" prefix that sanitizing adds; drop it so the
  // prefix is applied once and footnote links keep pointing at their targets.
  visit(parsed, "element", (node: Element) => {
    const id = node.properties?.id;
    if (typeof id === "string" && id.startsWith(CLOBBER_PREFIX)) node.properties.id = id.slice(CLOBBER_PREFIX.length);
  });
  const tree = sanitizer.runSync(parsed) as Root;
  // Valid HTML under the page's h1: headings shifted, invalid attributes corrected (normalize-markup).
  shiftHeadings(tree);
  normalizeMarkup(tree, CLOBBER_PREFIX);

  const headings: Heading[] = [];
  let excerpt = "";
  visit(tree, "element", (node: Element) => {
    const depth = /^h([1-6])$/.exec(node.tagName);
    if (depth) headings.push({ depth: Number(depth[1]), text: textOf(node).trim() });
    if (node.tagName === "p" && excerpt === "") excerpt = textOf(node).replace(/\s+/g, " ").trim();
    if (node.tagName === "img") node.properties = { ...node.properties, loading: "lazy", decoding: "async" };
  });
  const text = textOf(tree);
  const wordCount = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

  rewriteUrls(tree, (url) => prefixBasePath(url, urls.basePath));
  const html = serializer.stringify(tree);
  rewriteUrls(tree, (url) => absolutize(url, urls.pageUrl));
  const absoluteHtml = serializer.stringify(tree);
  return { html, absoluteHtml, excerpt, headings, wordCount, findings };
}

// Hugo shortcodes `{{< x >}}` / `{{% x %}}`, Liquid and Nunjucks tags `{% x %}` and output `{{ x }}`.
const TEMPLATE_TAG = /\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}|\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g;

/** Template tags outside code, as one finding (first place, count), and the text with Hugo's `<`/`>` escaped. */
function findShortcodes(markdown: string, tree: MdRoot): { findings: ContentFinding[]; escaped: string } {
  if (!markdown.includes("{{") && !markdown.includes("{%")) return { findings: [], escaped: markdown };
  const code: [number, number][] = [];
  visit(tree, (node) => {
    if ((node.type === "code" || node.type === "inlineCode") && node.position)
      code.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
  });
  const matches = [...markdown.matchAll(TEMPLATE_TAG)].filter(
    (m) => !code.some(([from, to]) => m.index >= from && m.index < to),
  );
  const first = matches[0];
  if (!first) return { findings: [], escaped: markdown };
  const before = markdown.slice(0, first.index);
  const line = before.split("\n").length;
  const column = first.index - before.lastIndexOf("\n");
  // Every "<" in a Hugo tag becomes an entity: the tag keeps all its text and can never start HTML.
  // Built in one pass (joining pieces), so a body with thousands of tags stays linear.
  const pieces: string[] = [];
  let from = 0;
  for (const m of matches) {
    if (!m[0].startsWith("{{<")) continue;
    pieces.push(markdown.slice(from, m.index), m[0].replace(/</g, "&lt;"));
    from = m.index + m[0].length;
  }
  pieces.push(markdown.slice(from));
  const escaped = pieces.join("");
  const text = first[0].replace(/\s+/g, " ");
  return {
    findings: [
      {
        kind: "shortcode",
        text: text.length > 60 ? `${text.slice(0, 57)}…` : text,
        count: matches.length,
        line,
        column,
      },
    ],
    escaped,
  };
}

/** Links and images into the site (as site paths, for the link check) and images without alt text. */
function findLinksAndImages(tree: MdRoot, urls: UrlContext): ContentFinding[] {
  const findings: ContentFinding[] = [];
  const page = new URL(urls.pageUrl);
  visit(tree, (node) => {
    const at = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    if ((node.type === "image" || node.type === "imageReference") && (node.alt ?? "").trim() === "")
      findings.push({ kind: "missing-alt", ...at });
    if (
      node.type === "html" &&
      /<img\b/i.test(node.value) &&
      [...node.value.matchAll(/<img\b[^>]*>/gi)].some((m) => !/\salt\s*=/i.test(m[0]))
    )
      findings.push({ kind: "missing-alt", ...at });
    if (node.type !== "link" && node.type !== "image" && node.type !== "definition") return;
    const sitePath = sitePathOf(node.url, page, urls.basePath);
    if (sitePath !== null) findings.push({ kind: "link", sitePath, isImage: node.type === "image", ...at });
  });
  return findings;
}

/** The site path ("/articles/x/") a URL points at, or null when it leaves the site or stays on the page. */
function sitePathOf(url: string, page: URL, basePath: string): string | null {
  if (url === "" || url.startsWith("#")) return null;
  let target: URL;
  try {
    // "/images/x.png" is a site path: the HTML names it under the base path (prefixBasePath), so does the check.
    target = new URL(prefixBasePath(url, basePath), page);
  } catch {
    return null;
  }
  if (target.origin !== page.origin || !(target.pathname === basePath || target.pathname.startsWith(`${basePath}/`)))
    return null;
  try {
    return decodeURI(target.pathname.slice(basePath.length)) || "/";
  } catch {
    return target.pathname.slice(basePath.length) || "/";
  }
}

const URL_ATTRIBUTES = ["href", "src"] as const;

function rewriteUrls(tree: Root, rewrite: (url: string) => string): void {
  visit(tree, "element", (node: Element) => {
    for (const name of URL_ATTRIBUTES) {
      const value = node.properties?.[name];
      if (typeof value === "string") node.properties[name] = rewrite(value);
    }
  });
}

function prefixBasePath(url: string, basePath: string): string {
  return basePath !== "" && url.startsWith("/") && !url.startsWith("//") && !url.startsWith(`${basePath}/`)
    ? basePath + url
    : url;
}

function absolutize(url: string, pageUrl: string): string {
  if (url.startsWith("#")) return pageUrl + url;
  try {
    return new URL(url, pageUrl).href;
  } catch {
    return url;
  }
}
