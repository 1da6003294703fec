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
  loading ??= import("./render-markdown.js").then((m) => ((loaded = true), m.renderMarkdown));
  return loading;
}
