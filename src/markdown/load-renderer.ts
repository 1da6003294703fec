/**
 * Loads the Markdown renderer (remark, rehype and their plugins) on first use: a build in which
 * no body changed never pays for importing them.
 */
import type { RenderedMarkdown } from "../model.js";
import type { UrlContext } from "./render-markdown.js";
import { cleanText } from "../text/clean-text.js";

/** Renders one Markdown document. */
export type Renderer = (markdown: string, urls: UrlContext) => RenderedMarkdown;

let loading: Promise<Renderer> | undefined;

/** The renderer, imported once per process (on this thread only when there are no compiled workers). */
export function loadRenderer(): Promise<Renderer> {
  loading ??= import("./render-markdown.js").then((m) => withPlainTextFallback(m.renderMarkdown));
  return loading;
}

/** Deepest nesting of quotes and lists rendered as Markdown (markdown-it stops at 100 too). */
const MAX_NESTING = 100;

/**
 * `render`, made total. remark and rehype recurse once per level of nesting, so a body nested a few
 * thousand levels deep (quotes, lists, emphasis, HTML elements; a few KB of text) exhausts the
 * stack, and quotes or lists nested thousands deep take minutes before they do (a 40 KB blockquote:
 * 72 s in a worker thread). Such a body is shown as plain text, with a finding the build reports as
 * a warning. Quotes and lists are measured before rendering, so the result never depends on the
 * thread's stack size; other nesting is caught when the stack runs out.
 */
export function withPlainTextFallback(render: Renderer): Renderer {
  return (written, urls) => {
    // Control characters and noncharacters never reach a page (the rule of front-matter and feeds).
    const markdown = cleanText(written);
    const deepest = deepestContainerLine(markdown);
    if (deepest !== null) return plainText(markdown, deepest);
    try {
      return render(markdown, urls);
    } catch (cause) {
      if (!(cause instanceof RangeError && /call stack/i.test(cause.message))) throw cause;
      return plainText(markdown, 1);
    }
  };
}

// Quote and list markers at the start of a line, with the indentation between them.
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/;

/**
 * The 1-based line of the first line that may be nested more than MAX_NESTING quotes and lists
 * deep, or null. Each marker counts one level and every four columns of indentation one more
 * (nested lists indent two to four columns a level): an upper bound for quotes, a fair one for lists.
 */
function deepestContainerLine(markdown: string): number | null {
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const prefix = CONTAINER_PREFIX.exec(lines[i]!)![0];
    const markers = prefix.match(/>|[-*+]|\d+[.)]/g)?.length ?? 0;
    const columns = prefix.replace(/[^ \t]/g, "").replace(/\t/g, "    ").length;
    if (markers + Math.floor(columns / 4) > MAX_NESTING) return i + 1;
  }
  return null;
}

function plainText(markdown: string, line: number): RenderedMarkdown {
  const html = `<pre>${markdown.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)}</pre>\n`;
  const excerpt = (/\S[\s\S]*?(?=\n[ \t]*\n|$)/.exec(markdown)?.[0] ?? "").replace(/\s+/g, " ").trim();
  const wordCount = markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return {
    html,
    excerpt,
    headings: [],
    wordCount,
    findings: [{ kind: "too-deep", line, column: 1 }],
  };
}
