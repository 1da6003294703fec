/**
 * Property: rendering any Markdown never throws, and the HTML (for pages and for feeds) has no
 * script-capable element or event-handler attribute, and its headings fit under the page's h1:
 * the first is h2 and none skips a level (docs/markup.md). Renders slower than 2 s per 100 KB are
 * printed (a test never asserts a wall-clock time; the fuzz report lists them).
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { unified } from "unified";
import rehypeParse from "rehype-parse";
import { visit } from "unist-util-visit";
import type { Element, Root } from "hast";
import { renderMarkdown, type UrlContext } from "../../src/markdown/render-markdown.js";
import { withPlainTextFallback } from "../../src/markdown/load-renderer.js";
import { absoluteHtmlOf } from "../../src/markdown/absolute-urls.js";
import { markdownFromFile } from "./arbitraries.js";
import { describe as show, htmlProblems } from "./checks.js";
import { fuzzParameters, fuzzTimeout } from "./settings.js";

const URLS: readonly UrlContext[] = [
  { pageUrl: "https://site.example/articles/x/", basePath: "" },
  { pageUrl: "https://site.example/news/articles/x/", basePath: "/news" },
];
const FORBIDDEN = new Set([
  "script",
  "iframe",
  "object",
  "embed",
  "style",
  "form",
  "frame",
  "frameset",
  "applet",
  "base",
  "meta",
  "link",
]);
const parser = unified().use(rehypeParse, { fragment: true });

/** Script-capable elements and event-handler attributes in `html`, parsed as a browser would. */
function dangersIn(html: string): string[] {
  const found: string[] = [];
  visit(parser.parse(html) as Root, "element", (el: Element) => {
    if (FORBIDDEN.has(el.tagName)) found.push(`<${el.tagName}>`);
    for (const name of Object.keys(el.properties ?? {})) if (/^on/i.test(name)) found.push(`${el.tagName}[${name}]`);
  });
  return found;
}

/** Headings that break the outline under the page's h1 (an h1, or a level skipped), and the levels seen. */
function outlineOf(html: string): { problems: string[]; levels: number[] } {
  const problems: string[] = [];
  const levels: number[] = [];
  let previous = 1;
  visit(parser.parse(html) as Root, "element", (el: Element) => {
    const level = /^h([1-6])$/.exec(el.tagName);
    if (!level) return;
    const depth = Number(level[1]);
    if (depth < 2 || depth > previous + 1) problems.push(`heading h${depth} after h${previous}`);
    levels.push(depth);
    previous = depth;
  });
  return { problems, levels };
}

/** The renderer as every build uses it (a body too deep for remark becomes plain text). */
const render = withPlainTextFallback(renderMarkdown);

/** Slow renders seen in this run (ms per 100 KB above 2 s), reported at the end. */
const slow: string[] = [];

/** The property: any Markdown renders without throwing to safe, well-formed HTML. */
const rendersSafely = fc.property(markdownFromFile, fc.constantFrom(...URLS), (markdown, urls) => {
  const started = performance.now();
  let rendered: ReturnType<typeof renderMarkdown>;
  try {
    rendered = render(markdown, urls);
  } catch (cause) {
    throw new Error(`threw ${(cause as Error).stack}\ninput: ${show(markdown)}`);
  }
  const ms = performance.now() - started;
  if ((ms * 100_000) / Math.max(markdown.length, 10_000) > 2000)
    slow.push(`${Math.round(ms)} ms for ${markdown.length} chars: ${show(markdown, 200)}`);
  const problems = [
    ...dangersIn(rendered.html).map((d) => `html: ${d}`),
    ...dangersIn(absoluteHtmlOf(rendered.html, urls.pageUrl)).map((d) => `absoluteHtml: ${d}`),
  ];
  problems.push(...htmlProblems("html", rendered.html));
  const outline = outlineOf(rendered.html);
  problems.push(...outline.problems);
  if (rendered.headings.map((h) => h.depth).join() !== outline.levels.join())
    problems.push(`headings ${JSON.stringify(rendered.headings)} differ from the HTML's h${outline.levels.join(" h")}`);
  if (typeof rendered.excerpt !== "string" || !Number.isInteger(rendered.wordCount)) problems.push("bad summary");
  for (const f of rendered.findings)
    if (!(f.line >= 1 && f.column >= 1)) problems.push(`finding at ${f.line}:${f.column}`);
  if (problems.length > 0) throw new Error(`${problems.join("\n")}\ninput: ${show(markdown)}`);
});

describe("markdown fuzz", () => {
  it(
    "renders any Markdown without throwing, to HTML with no script, iframe, object, embed, style, form or on* attribute, and headings from h2 that skip no level",
    () => {
      try {
        // The Markdown regressions (seconds each) run once, in regressions.test.ts.
        fc.assert(rendersSafely, fuzzParameters(200));
      } finally {
        if (slow.length > 0) console.warn(`Slow Markdown renders (over 2 s per 100 KB):\n${slow.join("\n")}`);
      }
    },
    fuzzTimeout(60_000),
  );
});
