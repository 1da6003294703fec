/** Worker-thread entry: renders batches of Markdown with the same function the main thread uses, one reply per body. */
import { parentPort } from "node:worker_threads";
import type { RenderedMarkdown } from "../model.js";
import { renderMarkdown, type UrlContext } from "./render-markdown.js";
import { withPlainTextFallback } from "./load-renderer.js";

const render = withPlainTextFallback(renderMarkdown);

/** A batch sent to a worker. */
export interface RenderBatch {
  readonly jobs: readonly { readonly markdown: string; readonly urls: UrlContext }[];
}

/** One body rendered (in batch order), or why the worker could not render it. The first message a worker sends, `{}`, says it has loaded. */
export interface RenderReply {
  readonly result?: RenderedMarkdown;
  readonly error?: string;
}

// One reply per body, so the pool knows which body is running when a deadline passes.
parentPort?.on("message", (batch: RenderBatch) => {
  for (const job of batch.jobs) {
    try {
      parentPort!.postMessage({ result: render(job.markdown, job.urls) } satisfies RenderReply);
    } catch (cause) {
      parentPort!.postMessage({ error: (cause as Error).stack ?? String(cause) } satisfies RenderReply);
      return;
    }
  }
});

// Loaded (remark imported): the pool starts the first body's deadline from here.
parentPort?.postMessage({} satisfies RenderReply);
