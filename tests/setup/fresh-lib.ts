/**
 * Global setup of the projects that run compiled code: Markdown renders in worker threads from
 * lib/markdown/render-worker.js, and the CLI runs lib/. When lib/ is older than src/ those tests would
 * pass or fail on old code, so the run stops before any test with one message saying what to do.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The first src/ file whose compiled lib/ file is missing or older, or null when lib/ is up to date. */
export function findStaleOutput(root: string = ROOT): string | null {
  const src = path.join(root, "src");
  for (const rel of (readdirSync(src, { recursive: true }) as string[]).sort()) {
    if (!rel.endsWith(".ts") || rel.endsWith(".d.ts")) continue;
    // tsc rewrites every output file on each compile, so an output older than its source was not compiled since.
    const out = path.join(root, "lib", rel.replace(/\.ts$/, ".js"));
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(path.join(src, rel)).mtimeMs)
      return `src/${rel.split(path.sep).join("/")}`;
  }
  return null;
}

/** Stops the run, before any test, when lib/ is older than src/. */
export function setup(): void {
  const stale = findStaleOutput();
  if (!stale) return;
  // Exit rather than throw: a thrown setup error is printed after "No test files found" and a stack
  // trace, which hides the one thing to do. Nothing needs cleaning up: vitest runs the projects'
  // setups before the root's, so the run's temp folder (tests/setup/temp-folder.ts) is not made yet.
  console.error(
    `\nlib/ is older than src/: run \`npm run compile\` (npm test does it for you).\n(${stale} changed after the last compile.)\n`,
  );
  process.exit(1);
}
