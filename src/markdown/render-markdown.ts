/**
 * The one module that uses unified/remark/rehype. Markdown → HTML with GFM, then sanitized: raw
 * HTML in an article is cleaned, never trusted.
 *
 * Two routes, one output (byte for byte; tests/fuzz/fast-render.fuzz.test.ts holds them to it):
 * - reference: remark with all of GFM, remark-html, the HTML parsed like a browser would
 *   (rehype-parse), sanitized, serialized. `{reference: true}` forces it.
 * - fast (every build): a GFM construct is enabled only when the text can hold it (tables with
 *   `|`, footnotes with `[^`, strikethrough with `~`, autolink literals when the parsed text holds
 *   `www.`, `http(s)://` or `@`), and a body without raw HTML goes mdast → hast → sanitize directly:
 *   re-parsing our own serialized HTML only reproduces the tree, so the tree is adjusted to what
 *   the parser would have built (see `asParsed`). A body with raw HTML takes the reference route
 *   from the mdast on.
 * The feed variant with absolute URLs is made from this HTML when a feed needs it (absolute-urls.ts).
 */
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import remarkHtml from "remark-html";
import { unified, type Processor } from "unified";
import rehypeParse from "rehype-parse";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import { visit } from "unist-util-visit";
import { toString as textOf } from "hast-util-to-string";
import { toHast } from "mdast-util-to-hast";
import { find as findProperty, html as htmlSchema } from "property-information";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import type { Element, Properties, Root } from "hast";
import type { Nodes as MdNodes, Root as MdRoot } from "mdast";
import { normalizeMarkup, shiftHeadings } from "./normalize-markup.js";
import { absolutize } from "./absolute-urls.js";
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

// ---- tree walks (unist-util-visit keeps a list of ancestors per node: several times slower here) ----

/** Calls `fn` on every node of an mdast tree in document order (the order of unist-util-visit); false stops the walk. */
function everyMdNode(node: MdNodes, fn: (node: MdNodes) => unknown): boolean {
  if (fn(node) === false) return false;
  if ("children" in node) for (const child of node.children) if (!everyMdNode(child, fn)) return false;
  return true;
}

/** Calls `fn` on every element of a hast tree in document order. */
function eachElement(node: Root | Element, fn: (element: Element) => void): void {
  for (const child of node.children)
    if (child.type === "element") {
      fn(child);
      eachElement(child, fn);
    }
}

// ---- GFM per document ----

/** GFM constructs a parser enables (bit flags); task-list items are always on (they cost nothing). */
const AUTOLINK = 1;
const FOOTNOTE = 2;
const STRIKETHROUGH = 4;
const TABLE = 8;

const parsers = new Map<number, Processor<MdRoot>>();

/** remark with the GFM constructs in `flags`, in remark-gfm's order (so equal to remark-gfm when all are on). */
function parserFor(flags: number): Processor<MdRoot> {
  let parser = parsers.get(flags);
  if (parser === undefined) {
    function gfmSubset(this: Processor) {
      const data = this.data();
      const micromark = (data.micromarkExtensions ??= []);
      const fromMarkdown = (data.fromMarkdownExtensions ??= []);
      if (flags & AUTOLINK) micromark.push(gfmAutolinkLiteral());
      if (flags & FOOTNOTE) micromark.push(gfmFootnote());
      if (flags & STRIKETHROUGH) micromark.push(gfmStrikethrough({}));
      if (flags & TABLE) micromark.push(gfmTable());
      micromark.push(gfmTaskListItem());
      if (flags & AUTOLINK) fromMarkdown.push(gfmAutolinkLiteralFromMarkdown());
      if (flags & FOOTNOTE) fromMarkdown.push(gfmFootnoteFromMarkdown());
      if (flags & STRIKETHROUGH) fromMarkdown.push(gfmStrikethroughFromMarkdown());
      if (flags & TABLE) fromMarkdown.push(gfmTableFromMarkdown());
      fromMarkdown.push(gfmTaskListItemFromMarkdown());
    }
    parser = remark().use(gfmSubset).freeze() as unknown as Processor<MdRoot>;
    parsers.set(flags, parser);
  }
  return parser;
}

// What an autolink literal needs in text (a superset of what GFM links): `www.` or `http://` /
// `https://` (any case), or an `@` (e-mail addresses, also after `mailto:` or `xmpp:`: GFM's idea
// of an address is looser than it looks, `news@.A` is one, so any `@` counts). Another scheme's `://` links nothing.
const AUTOLINK_TRIGGER = /www\.|https?:\/\/|@/i;

// Where a URL in the source is not text: a link's destination `](url` and a definition `[x]: url`.
const DESTINATION = /\]\(\s*(?:<[^>\n]*>|[^\s)]*)|^ {0,3}\[[^\]\n]*\]:[ \t]*\S*/gm;

/**
 * Markdown → mdast with the GFM constructs the text can hold: the same tree as all of GFM. A table
 * needs a `|`, a footnote `[^`, strikethrough a `~`. An autolink literal needs a trigger in text,
 * not in a link's destination (which every article has): when the source holds one outside
 * destinations the body is parsed with autolink literals at once; otherwise without, and the
 * parsed text (every text node and image alt: exact, whatever the source looked like) is checked
 * for one, the body parsed again with them if it holds one.
 */
function parseMarkdown(markdown: string, reference: boolean): MdRoot {
  if (reference) return markdownToHtml.parse(markdown);
  let flags = 0;
  if (markdown.includes("|")) flags |= TABLE;
  if (markdown.includes("[^")) flags |= FOOTNOTE;
  if (markdown.includes("~")) flags |= STRIKETHROUGH;
  if (AUTOLINK_TRIGGER.test(markdown.replace(DESTINATION, ""))) return parserFor(flags | AUTOLINK).parse(markdown);
  const tree = parserFor(flags).parse(markdown);
  return hasAutolinkTrigger(tree) ? parserFor(flags | AUTOLINK).parse(markdown) : tree;
}

function hasAutolinkTrigger(tree: MdRoot): boolean {
  return !everyMdNode(tree, (node) => {
    if (node.type === "text") return !AUTOLINK_TRIGGER.test(node.value);
    if (node.type === "image" || node.type === "imageReference") return !AUTOLINK_TRIGGER.test(node.alt ?? "");
    return undefined;
  });
}

// ---- mdast → hast without a round trip through HTML ----

/** True when the body has raw HTML (which must be parsed like a browser would, so takes the reference route). */
function hasRawHtml(tree: MdRoot): boolean {
  return !everyMdNode(tree, (node) => (node.type === "html" ? false : undefined));
}

/**
 * The hast remark-html serializes, made into the tree rehype-parse builds from that HTML: the
 * same elements and texts, with property values as the parser reads them back (`true` on a
 * non-boolean attribute becomes "", `false` and empty values vanish, CR LF becomes LF), and the
 * line break remark-html adds at the end. Null when the parser would restructure the tree
 * (a link inside a link, possible through a footnote call in a link's text): then the body takes
 * the reference route.
 */
function asParsed(tree: Root): Root | null {
  let nested = false;
  const fix = (node: Root | Element, inLink: boolean): void => {
    for (const child of node.children) {
      if (child.type === "text") {
        if (child.value.includes("\r")) child.value = child.value.replace(/\r\n?/g, "\n");
      } else if (child.type === "element") {
        const isLink = child.tagName === "a";
        if (isLink && inLink) nested = true;
        child.properties = parsedProperties(child.properties);
        fix(child, inLink || isLink);
      }
    }
  };
  fix(tree, false);
  if (nested) return null;
  // remark-html ends a non-empty document with a line break.
  const last = tree.children.at(-1);
  if (last !== undefined && !(last.type === "text" && /[\r\n]$/.test(last.value)))
    tree.children.push({ type: "text", value: "\n" });
  return tree;
}

function parsedProperties(properties: Properties): Properties {
  const out: Properties = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined || value === false) continue;
    const info = findProperty(htmlSchema, key);
    if (value === true) out[key] = info.boolean || info.overloadedBoolean ? true : "";
    else if (typeof value === "string") out[key] = value.includes("\r") ? value.replace(/\r\n?/g, "\n") : value;
    else out[key] = value;
  }
  return out;
}

/** The body as an unsanitized hast tree, as rehype-parse would read remark-html's output. */
function htmlTreeOf(mdast: MdRoot, reference: boolean): Root {
  if (!reference && !hasRawHtml(mdast)) {
    const direct = asParsed(toHast(mdast) as Root);
    if (direct !== null) return direct;
  }
  const rawHtml = String(markdownToHtml.stringify(markdownToHtml.runSync(mdast) as MdRoot));
  return htmlParser.parse(rawHtml);
}

/** Where an article lives, so relative URLs in it can be resolved. */
export interface UrlContext {
  /** Absolute URL of the page the HTML appears on, e.g. "https://site.example/articles/x/". */
  readonly pageUrl: string;
  /** Base path of the site without trailing slash ("" or "/news"), prefixed to root-relative URLs. */
  readonly basePath: string;
}

/** How to render: `reference` forces the full pipeline (all of GFM, HTML re-parsed, both URL variants) the fast one must equal. */
export interface RenderOptions {
  readonly reference?: boolean;
}

/** A body rendered by the reference pipeline: also the feed variant with absolute URLs, made from the tree. */
export interface ReferenceRendered extends RenderedMarkdown {
  readonly absoluteHtml?: string;
}

/** Renders Markdown to sanitized HTML plus what later stages need (excerpt, headings, word count, findings). */
export function renderMarkdown(markdown: string, urls: UrlContext, options: RenderOptions = {}): ReferenceRendered {
  const reference = options.reference === true;
  let mdast = parseMarkdown(markdown, reference);
  const shortcodes = findShortcodes(markdown, mdast);
  // `{{< figure src="x" >}}` would otherwise start raw HTML: escape Hugo's brackets so it stays text.
  if (shortcodes.escaped !== markdown) mdast = parseMarkdown(shortcodes.escaped, reference);
  const findings: ContentFinding[] = [...shortcodes.findings, ...findLinksAndImages(mdast, urls)];
  const parsed = htmlTreeOf(mdast, reference);
  // GFM footnotes already carry the "user-content-" prefix that sanitizing adds; drop it so the
  // prefix is applied once and footnote links keep pointing at their targets.
  eachElement(parsed, (node) => {
    const id = node.properties?.id;
    if (typeof id === "string" && id.startsWith(CLOBBER_PREFIX)) node.properties.id = id.slice(CLOBBER_PREFIX.length);
  });
  const tree = sanitizer.runSync(parsed) as Root;
  // Valid HTML under the page's h1: headings shifted, invalid attributes corrected (normalize-markup).
  shiftHeadings(tree);
  normalizeMarkup(tree, CLOBBER_PREFIX);

  const headings: Heading[] = [];
  let excerpt = "";
  eachElement(tree, (node) => {
    const depth = /^h([1-6])$/.exec(node.tagName);
    if (depth) headings.push({ depth: Number(depth[1]), text: textOf(node).trim() });
    if (node.tagName === "p" && excerpt === "") excerpt = textOf(node).replace(/\s+/g, " ").trim();
    if (node.tagName === "img") node.properties = { ...node.properties, loading: "lazy", decoding: "async" };
  });
  const text = textOf(tree);
  const wordCount = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

  rewriteUrls(tree, (url) => prefixBasePath(url, urls.basePath));
  const html = serializer.stringify(tree);
  if (!reference) return { html, excerpt, headings, wordCount, findings };
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
  everyMdNode(tree, (node) => {
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
  eachElement(tree, (node) => {
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
