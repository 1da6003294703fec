#!/usr/bin/env node
/**
 * `npm run fuzz [-- vitest options]`: the fuzz properties with FUZZ_RUNS (default 25) times the runs
 * of `npm test`, one file at a time, with a random seed (or FUZZ_SEED) printed first so a failure
 * can be replayed: `FUZZ_SEED=<seed> FUZZ_RUNS=<n> npm run fuzz`.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const seed = process.env.FUZZ_SEED || String(Math.floor(Math.random() * 2 ** 31));
const runs = process.env.FUZZ_RUNS || "25";
console.log(
  `Fuzzing with FUZZ_SEED=${seed} FUZZ_RUNS=${runs} (replay with: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz)`,
);
const vitest = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));
const args = [vitest, "run", "tests/fuzz", "--no-file-parallelism", ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, {
  stdio: "inherit",
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
process.exit(result.status ?? 1);
