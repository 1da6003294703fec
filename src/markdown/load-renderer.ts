/**
 * Loads the Markdown renderer (remark, rehype and their plugins) on first use: a build in which
 * no body changed never pays for importing them.
 */
import type { RenderedMarkdown } from "../model.js";
import type { UrlContext } from "./render-markdown.js";

/** Renders one Markdown document. */
export type Renderer = (markdown: string, urls: UrlContext) => RenderedMarkdown;

let loading: Promise<Renderer> | undefined;
let loaded = false;

/** True once this thread has the renderer (a long-lived process, such as the dev server, after its first render). */
export function isRendererLoaded(): boolean {
  return loaded;
}

/** The renderer, imported once per process. */
export function loadRenderer(): Promise<Renderer> {
  loading ??= import("./render-markdown.js").then((m) => ((loaded = true), withPlainTextFallback(m.renderMarkdown)));
  return loading;
}

/**
 * `render`, made total. remark and rehype recurse once per level of nesting, so a body nested a few
 * thousand levels deep (quotes, lists, emphasis, HTML elements; a few KB of text) exhausts the
 * stack. Such a body is shown as plain text, with a finding the build reports as a warning.
 */
export function withPlainTextFallback(render: Renderer): Renderer {
  return (markdown, urls) => {
    try {
      return render(markdown, urls);
    } catch (cause) {
      if (!(cause instanceof RangeError && /call stack/i.test(cause.message))) throw cause;
      return plainText(markdown);
    }
  };
}

function plainText(markdown: string): RenderedMarkdown {
  const html = `<pre>${markdown.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)}</pre>\n`;
  const excerpt = (/\S[\s\S]*?(?=\n[ \t]*\n|$)/.exec(markdown)?.[0] ?? "").replace(/\s+/g, " ").trim();
  const wordCount = markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return { html, absoluteHtml: html, excerpt, headings: [], wordCount, findings: [{ kind: "too-deep", line: 1, column: 1 }] };
}
