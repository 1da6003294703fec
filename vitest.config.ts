import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/** Options every project shares (inline projects do not inherit the root's test options). */
const shared = {
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Builds sign their cache with this key instead of making one in the user's ~/.cache.
  env: { BROADSHEET_CACHE_KEY: "broadsheet-tests-cache-key-0123456789abcdef" },
  // Every project renders Markdown in worker threads from lib/ (unit: the worker pool and the golden
  // site), so each refuses to run on a stale lib/.
  globalSetup: ["tests/setup/fresh-lib.ts"],
};

const covered: string[] = [];

/** A project: its name (`vitest --project <name>`) and the folders it runs. */
function project(name: string, folders: string[]): TestProjectInlineConfiguration {
  covered.push(...folders.map((f) => `${f}/`));
  return { test: { name, include: folders.map((f) => `${f}/**/*.test.ts`), ...shared } };
}

/** Fails loudly on a test file that no project includes: it would otherwise never run. */
function checkEveryTestHasAProject(): void {
  const files = (readdirSync(fileURLToPath(new URL("tests", import.meta.url)), { recursive: true }) as string[]).map(
    (f) => `tests/${f.replaceAll("\\", "/")}`,
  );
  const orphans = files.filter((f) => f.endsWith(".test.ts") && !covered.some((folder) => f.startsWith(folder)));
  if (orphans.length)
    throw new Error(
      `No vitest project runs ${orphans.join(", ")}: move it into a project's folder or add its folder in vitest.config.ts`,
    );
}

const projects = [
  // Fast and in-process: no site built to disk, no CLI spawned.
  project("unit", ["tests/unit", "tests/golden"]),
  project("e2e", ["tests/e2e"]),
  project("dev", ["tests/dev"]),
  project("browser", ["tests/browser"]),
  project("fuzz", ["tests/fuzz"]),
];
checkEveryTestHasAProject();

export default defineConfig({
  test: {
    // Two test files at a time: vitest's default (one per core but one) runs them one after another
    // on a 2-core machine, and most e2e time is spent waiting for CLI subprocesses and the disk.
    maxWorkers: 2,
    // Runs once per run, whatever projects are selected: one temp folder for the run, removed at its end.
    globalSetup: ["tests/setup/temp-folder.ts"],
    projects,
  },
});
