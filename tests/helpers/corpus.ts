/** Test helper: a generated news corpus (the project's bench/gen-corpus.mjs) in a temp folder. */
import { execFileSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./site.js";

/** The project's article generator, shared with the benchmarks. */
const GENERATOR = path.join(ROOT, "bench/gen-corpus.mjs");

/** Writes `count` deterministic articles (seed 1) to <tmp>/content/articles and returns the content folder. */
export async function generateCorpus(count: number): Promise<string> {
  const content = path.join(await mkdtemp(path.join(tmpdir(), "corpus-")), "content");
  // Run as a user would run it (the CLI), so a broken generator fails here with its own message.
  execFileSync(process.execPath, [GENERATOR, "--count", String(count), "--out", path.join(content, "articles")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  return content;
}
