/** Worker-thread entry: renders batches of Markdown with the same function the main thread uses. */
import { parentPort } from "node:worker_threads";
import { renderMarkdown, type UrlContext } from "./render-markdown.js";
import { withPlainTextFallback } from "./load-renderer.js";

const render = withPlainTextFallback(renderMarkdown);

/** A batch sent to a worker. */
export interface RenderBatch {
  readonly id: number;
  readonly jobs: readonly { readonly markdown: string; readonly urls: UrlContext }[];
}

parentPort?.on("message", (batch: RenderBatch) => {
  try {
    parentPort!.postMessage({ id: batch.id, results: batch.jobs.map((j) => render(j.markdown, j.urls)) });
  } catch (cause) {
    parentPort!.postMessage({ id: batch.id, error: (cause as Error).stack ?? String(cause) });
  }
});
