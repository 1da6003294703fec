/**
 * Renders Markdown across worker threads. Jobs go out in batches (messaging costs little per
 * article) and each result is handed over as it arrives (nothing piles up in memory); results are
 * the same as on one thread, whatever the order they arrive in.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RenderedMarkdown } from "../model.js";
import type { UrlContext } from "./render-markdown.js";
import type { RenderBatch } from "./render-worker.js";
import { isRendererLoaded, loadRenderer } from "./load-renderer.js";

/** One Markdown document to render. */
export interface RenderJob {
  readonly markdown: string;
  readonly urls: UrlContext;
}

// Big enough that postMessage overhead is noise; small enough to balance load and report progress.
const BATCH_SIZE = 16;

// Workers run compiled JavaScript (lib/, built by `npm run compile`), also when the caller is the
// TypeScript source under a test runner; without it rendering stays on the main thread.
const WORKER_FILE = fileURLToPath(new URL("../../lib/markdown/render-worker.js", import.meta.url));

/** True when worker threads can be used (the compiled worker exists). */
export function canUseWorkers(): boolean {
  return existsSync(WORKER_FILE);
}

/**
 * Renders `count` jobs, made on demand by `jobAt(index)`, with up to `threads` workers (1 = on this
 * thread), calling `onResult(index, result)` for each and `onProgress(done)` after each batch.
 */
export async function renderAll(
  count: number,
  jobAt: (index: number) => RenderJob,
  threads: number,
  onResult: (index: number, result: RenderedMarkdown) => void,
  onProgress: (done: number) => void = () => {},
): Promise<void> {
  const workerCount = Math.min(threads, Math.ceil(count / BATCH_SIZE));
  // Even one body goes to a worker when there are cores to spare: the main thread then goes on
  // (ranking related articles) instead of importing remark and rendering. A process that already
  // has remark (the dev server) renders a few bodies itself: starting a worker costs more.
  if (threads <= 1 || !canUseWorkers() || (count <= BATCH_SIZE && isRendererLoaded())) {
    const render = await loadRenderer();
    for (let i = 0; i < count; i++) {
      const job = jobAt(i);
      onResult(i, render(job.markdown, job.urls));
      if ((i + 1) % BATCH_SIZE === 0 || i + 1 === count) onProgress(i + 1);
    }
    return;
  }
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: workerCount }, () => new Worker(WORKER_FILE));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next * BATCH_SIZE >= count) return resolve();
              const id = next++;
              const batch: RenderJob[] = [];
              for (let i = id * BATCH_SIZE; i < Math.min(count, (id + 1) * BATCH_SIZE); i++) batch.push(jobAt(i));
              worker.postMessage({ id, jobs: batch } satisfies RenderBatch);
            };
            worker.on("message", (msg: { id: number; results?: RenderedMarkdown[]; error?: string }) => {
              if (msg.error !== undefined) return reject(new Error(`Internal error: Markdown worker failed: ${msg.error}`));
              msg.results!.forEach((r, i) => onResult(msg.id * BATCH_SIZE + i, r));
              done += msg.results!.length;
              onProgress(done);
              send();
            });
            worker.on("error", reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
