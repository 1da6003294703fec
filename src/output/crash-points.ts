/**
 * Failure injection for the interrupted-build tests: with `BROADSHEET_CRASH_AT=<point>` the process
 * kills itself with SIGKILL at that point — no cleanup, no finally blocks, as a power cut or
 * `kill -9` would. Points: `locked`, `rendered:<n>` (after the n-th body rendered),
 * `staged:<n>` (after the n-th file put in the standby tree),
 * `staged-all`, `index-saving` (before the switch), `manifest-written`, `link-made`, `swapped`, `cache-temp-written`.
 */
const target = process.env.BROADSHEET_CRASH_AT;

/** Dies here when the environment names this point (and `n`, for counted points). */
export function crashPoint(point: string, n?: number): void {
  if (target !== undefined && target === (n === undefined ? point : `${point}:${n}`))
    process.kill(process.pid, "SIGKILL");
}
