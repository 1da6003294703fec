/**
 * Renders Markdown in worker threads, each body under a deadline. Jobs go out in batches (messaging
 * costs little per article) and each result comes back as it is made (nothing piles up in memory,
 * and the pool always knows which body a worker is on). A body still rendering at its deadline —
 * remark is superlinear on some inputs: 160 KB of `a*` took over a minute — has its worker
 * terminated and replaced, and is reported; the others go on. Results are the same as on one
 * thread, whatever the order they arrive in.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RenderedMarkdown } from "../model.js";
import type { UrlContext } from "./render-markdown.js";
import type { RenderBatch, RenderReply } from "./render-worker.js";
import { loadRenderer } from "./load-renderer.js";

/** One Markdown document to render. */
export interface RenderJob {
  readonly markdown: string;
  readonly urls: UrlContext;
}

/** How `renderAll` renders. */
export interface RenderOptions {
  /** Worker threads at most. */
  readonly threads: number;
  /** Milliseconds a body of up to 1 MB may take; a bigger one gets as much per MB. */
  readonly deadlineMs: number;
  /** Called after each body with the number done. */
  readonly onProgress?: (done: number) => void;
}

// Big enough that postMessage overhead is noise; small enough to balance load and report progress.
const BATCH_SIZE = 16;

// Workers run compiled JavaScript (lib/, built by `npm run compile`), also when the caller is the
// TypeScript source under a test runner; without it rendering stays on this thread, with no deadline.
const WORKER_FILE = fileURLToPath(new URL("../../lib/markdown/render-worker.js", import.meta.url));

/** True when worker threads can be used (the compiled worker exists). */
export function canUseWorkers(): boolean {
  return existsSync(WORKER_FILE);
}

/** The deadline of one body: `deadlineMs` per started megabyte of Markdown (remark needs ~6–9 s per MB of ordinary text). */
export function deadlineFor(markdown: string, deadlineMs: number): number {
  return deadlineMs * Math.max(1, Math.ceil(markdown.length / (1024 * 1024)));
}

/**
 * Renders `count` jobs, made on demand by `jobAt(index)` (which may throw: the run then stops with
 * that error), calling `onResult(index, result)` for each body rendered and `onTimeout(index)` for
 * each body that missed its deadline. Rejects only on an error thrown by `jobAt` or `onResult`, or a
 * crashed worker.
 */
export async function renderAll(
  count: number,
  jobAt: (index: number) => RenderJob,
  options: RenderOptions,
  onResult: (index: number, result: RenderedMarkdown) => void,
  onTimeout: (index: number) => void,
): Promise<void> {
  if (count === 0) return;
  if (!canUseWorkers()) {
    const render = await loadRenderer();
    for (let i = 0; i < count; i++) {
      const job = jobAt(i);
      onResult(i, render(job.markdown, job.urls));
      options.onProgress?.(i + 1);
    }
    return;
  }
  const pool = sharedPool();
  let nextBatch = 0;
  let done = 0;
  const batches = Math.ceil(count / BATCH_SIZE);
  const lanes = Math.max(1, Math.min(options.threads, batches));
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    let running = 0;
    const fail = (cause: unknown) => {
      if (failed) return;
      failed = true;
      reject(cause);
    };
    const startLane = () => {
      if (failed) return;
      if (nextBatch >= batches) {
        if (running === 0) resolve();
        return;
      }
      const b = nextBatch++;
      let jobs: RenderJob[];
      try {
        jobs = [];
        for (let i = b * BATCH_SIZE; i < Math.min(count, (b + 1) * BATCH_SIZE); i++) jobs.push(jobAt(i));
      } catch (cause) {
        return fail(cause);
      }
      running++;
      pool
        .run(jobs, options.deadlineMs, (k, outcome) => {
          if (failed) return;
          try {
            if (outcome === "timeout") onTimeout(b * BATCH_SIZE + k);
            else onResult(b * BATCH_SIZE + k, outcome);
          } catch (cause) {
            return fail(cause);
          }
          options.onProgress?.(++done);
        })
        .then(
          () => {
            running--;
            startLane();
          },
          (cause: unknown) => {
            running--;
            fail(cause);
          },
        );
    };
    for (let lane = 0; lane < lanes; lane++) startLane();
  });
}

/**
 * Renders one body in a worker under its deadline: the result, or "timeout". For bodies rendered
 * outside a batch (static pages, a cached body lost since the last build).
 */
export async function renderOne(job: RenderJob, deadlineMs: number): Promise<RenderedMarkdown | "timeout"> {
  let outcome: RenderedMarkdown | "timeout" = "timeout";
  await renderAll(
    1,
    () => job,
    { threads: 1, deadlineMs },
    (_i, result) => (outcome = result),
    () => (outcome = "timeout"),
  );
  return outcome;
}

/**
 * Idle workers, kept for the next run: a long-lived process (the dev server) pays for starting a
 * worker and importing remark once, not once per build. Idle workers do not keep the process
 * alive; a one-off build stops them when it has rendered its bodies (stopIdleWorkers).
 */
class WorkerPool {
  private readonly idle: Worker[] = [];
  /** A worker being started ahead of need (warm), until it is idle. */
  private warming: Promise<void> | null = null;

  /** Starts one worker ahead of need, unless one is idle or starting: the next render finds remark loaded. */
  warm(): void {
    if (this.idle.length > 0 || this.warming !== null) return;
    this.warming = this.start().then(
      (worker) => {
        this.warming = null;
        this.release(worker);
      },
      // Not started: the next render starts a worker itself and reports why it cannot.
      () => {
        this.warming = null;
      },
    );
  }

  /** Renders `jobs` in order on one worker, reporting each body as it is rendered or misses its deadline. */
  run(
    jobs: readonly RenderJob[],
    deadlineMs: number,
    report: (index: number, outcome: RenderedMarkdown | "timeout") => void,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      let from = 0;
      const go = (worker: Worker) => {
        if (from >= jobs.length) {
          this.release(worker);
          return resolve();
        }
        let timer: NodeJS.Timeout;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(onDeadline, deadlineFor(jobs[from]!.markdown, deadlineMs));
        };
        const cleanup = () => {
          clearTimeout(timer);
          worker.off("message", onMessage);
          worker.off("error", onError);
          worker.off("exit", onExit);
        };
        const onMessage = (reply: RenderReply) => {
          if (reply.error !== undefined) {
            cleanup();
            void worker.terminate();
            return reject(new Error(`Internal error: Markdown worker failed: ${reply.error}`));
          }
          report(from, reply.result!);
          from++;
          if (from < jobs.length) return arm();
          cleanup();
          this.release(worker);
          resolve();
        };
        const onDeadline = () => {
          // The body may never finish: the worker is stopped and a fresh one takes the rest.
          cleanup();
          void worker.terminate();
          report(from, "timeout");
          from++;
          this.take().then(go, reject);
        };
        const onError = (cause: Error) => {
          cleanup();
          reject(new Error(`Internal error: Markdown worker crashed: ${cause.stack ?? cause.message}`));
        };
        const onExit = (code: number) => {
          cleanup();
          reject(new Error(`Internal error: Markdown worker exited (code ${code})`));
        };
        worker.on("message", onMessage);
        worker.once("error", onError);
        worker.once("exit", onExit);
        worker.ref();
        arm();
        worker.postMessage({ jobs: jobs.slice(from) } satisfies RenderBatch);
      };
      this.take().then(go, reject);
    });
  }

  /** Terminates every idle worker (running ones finish their batch and stay); resolves when they are gone. */
  async stopIdle(): Promise<void> {
    if (this.warming !== null) await this.warming;
    await Promise.all(this.idle.splice(0).map((worker) => worker.terminate()));
  }

  /**
   * An idle worker, or a fresh one once it has loaded remark: a deadline counts rendering only, not
   * starting a thread and importing modules (which on a busy machine can take longer than a body).
   */
  private take(): Promise<Worker> {
    const idle = this.idle.pop();
    if (idle !== undefined) return Promise.resolve(idle);
    // A worker warming up is ready sooner than a new one.
    if (this.warming !== null) return this.warming.then(() => this.take());
    return this.start();
  }

  /** A fresh worker, once it has loaded remark. */
  private start(): Promise<Worker> {
    const worker = new Worker(WORKER_FILE);
    return new Promise((resolve, reject) => {
      const settle = () => {
        worker.off("message", onReady);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onReady = () => {
        settle();
        resolve(worker);
      };
      const onError = (cause: Error) => {
        settle();
        reject(new Error(`Internal error: Markdown worker could not start: ${cause.stack ?? cause.message}`));
      };
      const onExit = (code: number) => {
        settle();
        reject(new Error(`Internal error: Markdown worker exited while starting (code ${code})`));
      };
      worker.once("message", onReady);
      worker.once("error", onError);
      worker.once("exit", onExit);
    });
  }

  private release(worker: Worker): void {
    worker.unref();
    this.idle.push(worker);
  }
}

let pool: WorkerPool | undefined;
function sharedPool(): WorkerPool {
  return (pool ??= new WorkerPool());
}

/**
 * Stops the idle workers: a one-off build calls this once its bodies are rendered, so the memory
 * of remark in every worker is not held while pages are rendered and written.
 */
export async function stopIdleWorkers(): Promise<void> {
  await pool?.stopIdle();
}

/**
 * Starts one Markdown worker in the background, if none is idle, for a long-lived process (the dev
 * server) whose first build rendered nothing (a warm cache): its first edit then finds remark
 * loaded instead of waiting for a thread to start and import it. Does nothing without compiled workers.
 */
export function warmWorker(): void {
  if (canUseWorkers()) sharedPool().warm();
}
