/** Runs builds one at a time: requests are debounced, and a request during a build runs one more after it. */

/** A serial, debounced build runner. */
export interface BuildQueue {
  /** Runs a build now, or right after the one in progress. */
  runNow(): void;
  /** Runs a build once no request has come for the debounce time. */
  schedule(): void;
  /** Resolves when nothing is running, waiting or debounced (at once when idle). */
  whenIdle(): Promise<void>;
  /** Drops waiting requests; resolves when the build in progress (if any) has ended. */
  close(): Promise<void>;
}

/** Creates a queue around `run`, which must report its own failures (a rejection is ignored). */
export function createBuildQueue(run: () => Promise<void>, debounceMs: number): BuildQueue {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let isDirty = false;
  let isClosed = false;
  const waiters: (() => void)[] = [];

  const settleIfIdle = () => {
    if (timer === null && running === null) for (const resolve of waiters.splice(0)) resolve();
  };
  const start = () => {
    timer = null;
    if (isClosed) return settleIfIdle();
    if (running !== null) {
      isDirty = true;
      return;
    }
    running = (async () => {
      do {
        isDirty = false;
        await run().catch(() => undefined);
      } while (isDirty && !isClosed);
    })().finally(() => {
      running = null;
      settleIfIdle();
    });
  };

  const queue: BuildQueue = {
    runNow() {
      if (timer !== null) clearTimeout(timer);
      start();
    },
    schedule() {
      if (isClosed) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(start, debounceMs);
    },
    whenIdle() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settleIfIdle();
      });
    },
    close() {
      isClosed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      return queue.whenIdle();
    },
  };
  return queue;
}
