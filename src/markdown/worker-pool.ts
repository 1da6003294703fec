/**
 * Renders Markdown across worker threads. Jobs go out in batches (messaging costs little per
 * article), results come back in input order, so the output equals a single-threaded run.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RenderedMarkdown } from "../model.js";
import { renderMarkdown, type UrlContext } from "./render-markdown.js";
import type { RenderBatch } from "./render-worker.js";

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
 * Renders every job with up to `threads` workers (1 = on this thread). `onProgress` gets the
 * number of documents rendered so far.
 */
export async function renderAll(jobs: readonly RenderJob[], threads: number, onProgress: (done: number) => void = () => {}): Promise<RenderedMarkdown[]> {
  const workerCount = Math.min(threads, Math.ceil(jobs.length / BATCH_SIZE));
  if (workerCount <= 1 || !canUseWorkers()) {
    return jobs.map((j, i) => {
      const r = renderMarkdown(j.markdown, j.urls);
      if ((i + 1) % BATCH_SIZE === 0 || i + 1 === jobs.length) onProgress(i + 1);
      return r;
    });
  }
  const results = new Array<RenderedMarkdown>(jobs.length);
  const batches: { start: number; jobs: RenderJob[] }[] = [];
  for (let start = 0; start < jobs.length; start += BATCH_SIZE) batches.push({ start, jobs: jobs.slice(start, start + BATCH_SIZE) });
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: workerCount }, () => new Worker(WORKER_FILE));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve();
              const id = next++;
              worker.postMessage({ id, jobs: batches[id]!.jobs } satisfies RenderBatch);
            };
            worker.on("message", (msg: { id: number; results?: RenderedMarkdown[]; error?: string }) => {
              if (msg.error !== undefined) return reject(new Error(`Internal error: Markdown worker failed: ${msg.error}`));
              const batch = batches[msg.id]!;
              msg.results!.forEach((r, i) => (results[batch.start + i] = r));
              done += batch.jobs.length;
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
  return results;
}
