/**
 * Test helper: finds what could run script in HTML parsed like a browser parses it (rehype-parse
 * decodes entities): active elements, event-handler and style attributes, and URLs whose scheme,
 * read as a browser reads it, is javascript:, vbscript: or data:.
 */
import { unified } from "unified";
import rehypeParse from "rehype-parse";
import { visit } from "unist-util-visit";
import type { Element, Root } from "hast";

const fragmentParser = unified().use(rehypeParse, { fragment: true });

/** Parses an HTML fragment (a feed item's content, an article body). */
export function parseFragment(html: string): Root {
  return fragmentParser.parse(html);
}

/** Elements that run script, load documents or plugins, submit, restyle or re-base a page. */
const ACTIVE_ELEMENTS = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "param",
  "portal",
  "form",
  "button",
  "select",
  "textarea",
  "keygen",
  "isindex",
  "base",
  "meta",
  "link",
  "title",
  "svg",
  "math",
  "template",
  "noscript",
  "noembed",
  "noframes",
  "xmp",
  "plaintext",
  "listing",
  "marquee",
  "audio",
  "video",
  "track",
  "area",
  "map",
]);

/** Schemes that run script or carry a document. */
const DANGEROUS_SCHEMES = new Set(["javascript", "vbscript", "data", "livescript", "mocha"]);

/** Properties (hast names) that hold URLs a browser may load or navigate to. */
const URL_PROPERTIES = new Set([
  "href",
  "src",
  "action",
  "formAction",
  "xLinkHref",
  "srcSet",
  "data",
  "poster",
  "background",
  "cite",
  "longDesc",
  "dynsrc",
  "lowsrc",
  "ping",
  "codeBase",
  "archive",
  "manifest",
  "icon",
  "profile",
  "classId",
  "itemType",
]);

/**
 * The scheme a browser sees in a URL attribute (entities are already decoded by the parser): the
 * URL parser drops leading C0 controls and spaces and every tab and newline, and schemes are
 * case-insensitive. Dropping every control and space is stricter still. Null for a relative URL.
 */
export function schemeOf(url: string): string | null {
  const squeezed = url.replace(/[\u0000-\u0020\u007F]/g, "").toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1] ?? null;
}

/** True when a URL attribute value would run script or load a data: document. */
export function isDangerousUrl(value: string): boolean {
  const scheme = schemeOf(value);
  return scheme !== null && DANGEROUS_SCHEMES.has(scheme);
}

/** Every problem in a tree, as readable lines; `isAllowed` exempts an element (e.g. the site's own script). */
export function findUnsafeMarkup(tree: Root | Element, isAllowed: (el: Element) => boolean = () => false): string[] {
  const problems: string[] = [];
  visit(tree, "element", (el: Element) => {
    if (isAllowed(el)) return;
    const tag = el.tagName.toLowerCase();
    if (ACTIVE_ELEMENTS.has(tag)) problems.push(`<${tag}> element`);
    for (const [name, value] of Object.entries(el.properties ?? {})) {
      if (/^on/i.test(name)) problems.push(`<${tag}> ${name} attribute`);
      if (name === "style") problems.push(`<${tag}> style attribute`);
      if (!URL_PROPERTIES.has(name)) continue;
      const values = Array.isArray(value) ? value.map(String) : [String(value)];
      // srcset candidates are "url descriptor"; every candidate is a URL.
      const urls = name === "srcSet" ? values.map((v) => v.trim().split(/\s+/)[0] ?? "") : values;
      for (const url of urls) if (isDangerousUrl(url)) problems.push(`<${tag} ${name}=${JSON.stringify(url)}>`);
    }
  });
  return problems;
}
