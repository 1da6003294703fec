/**
 * Progress of Markdown rendering for the CLI: a bar on a terminal, a few plain lines elsewhere
 * (CI logs), nothing for small builds.
 */

/** Where progress goes. */
export interface ProgressSink {
  readonly isTTY: boolean;
  write(text: string): void;
}

// Below this many bodies a build is quick enough that progress would only be noise.
const MIN_TOTAL = 200;
const BAR_WIDTH = 28;

/** Returns an onProgress(done, total) callback and a `finish` that clears the bar. */
export function createProgress(sink: ProgressSink, now: () => number = () => performance.now()) {
  const started = now();
  let lastDraw = 0;
  let lastQuarter = 0;
  let isDrawn = false;
  const rate = (done: number) => done / Math.max(0.001, (now() - started) / 1000);
  return {
    onProgress(done: number, total: number): void {
      if (total < MIN_TOTAL) return;
      if (sink.isTTY) {
        if (done < total && now() - lastDraw < 100) return;
        lastDraw = now();
        const filled = Math.round((done / total) * BAR_WIDTH);
        const perSecond = rate(done);
        const eta = perSecond > 0 ? Math.ceil((total - done) / perSecond) : 0;
        sink.write(
          `\r  Rendering [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total} ${perSecond.toFixed(0)}/s ETA ${eta}s `,
        );
        isDrawn = true;
      } else {
        const quarter = Math.floor((done / total) * 4);
        if (quarter > lastQuarter) {
          lastQuarter = quarter;
          sink.write(`Rendered ${done}/${total} articles (${rate(done).toFixed(0)}/s)\n`);
        }
      }
    },
    finish(): void {
      if (isDrawn) sink.write(`\r${" ".repeat(BAR_WIDTH + 60)}\r`);
    },
  };
}
