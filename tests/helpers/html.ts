/** Test helper: parse HTML like a browser and pull out links. */
import { unified } from "unified";
import rehypeParse from "rehype-parse";
import { visit } from "unist-util-visit";
import type { Element, Root } from "hast";

const parser = unified().use(rehypeParse);

/** Parses a whole HTML document into a hast tree. */
export function parseHtml(html: string): Root {
  return parser.parse(html);
}

/** Every element matching a predicate. */
export function findAll(tree: Root, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  visit(tree, "element", (el: Element) => {
    if (test(el)) out.push(el);
  });
  return out;
}

/** Every URL in href and src attributes. */
export function linksOf(html: string): string[] {
  return findAll(
    parseHtml(html),
    (el) => typeof el.properties.href === "string" || typeof el.properties.src === "string",
  ).map((el) => String(el.properties.href ?? el.properties.src));
}
