/**
 * Run counts and seed of the fuzz properties.
 *
 * - `FUZZ_SEED`: the seed of every property (default a constant, so `npm test` is deterministic).
 * - `FUZZ_RUNS`: a multiplier of each property's run count (default 1, the counts `npm test` uses);
 *   `npm run fuzz` sets it to 25 and picks a random seed, which it prints first.
 *
 * A failure prints fast-check's seed and path: replay it with `FUZZ_SEED=<seed>` (same FUZZ_RUNS),
 * then keep the minimal input in regressions.test.ts. Counterexamples can be huge (100k-character
 * values), so the message is cut and the whole counterexample saved as JSON in a temp file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc, { type Parameters, type RunDetails } from "fast-check";

/** The seed of every property in this run. */
const FUZZ_SEED = readInteger("FUZZ_SEED", 20261126);

/** How many times more runs than in `npm test`. */
const FUZZ_MULTIPLIER = readInteger("FUZZ_RUNS", 1);

/** fast-check parameters for a property that `npm test` runs `ciRuns` times. */
export function fuzzParameters<T>(ciRuns: number, examples: T[] = []): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: ciRuns * FUZZ_MULTIPLIER, examples, reporter: report };
}

/** A vitest timeout that grows with the run count. */
export function fuzzTimeout(ciMs: number): number {
  return ciMs * FUZZ_MULTIPLIER * 2;
}

function readInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return value;
}

/** Throws fast-check's report of a failure, cut to a readable length, naming the file holding the whole counterexample. */
function report<T>(details: RunDetails<T>): void {
  if (!details.failed) return;
  const dir = path.join(tmpdir(), "broadsheet-fuzz-failures");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `seed-${details.seed}-path-${(details.counterexamplePath ?? "none").slice(0, 60)}.json`);
  writeFileSync(file, JSON.stringify(details.counterexample));
  const message = fc.defaultReportMessage(details) ?? "Property failed";
  const cut =
    message.length > 6000
      ? `${message.slice(0, 3000)}\n… (${message.length - 6000} characters cut) …\n${message.slice(-3000)}`
      : message;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `${cut}\nWhole counterexample (JSON): ${file}\nFailure: ${cause.length > 4000 ? `${cause.slice(0, 4000)}…` : cause}`,
  );
}
