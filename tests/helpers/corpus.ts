/** Test helper: a generated news corpus (../shared/bench/gen-corpus.mjs), copied into a temp folder. */
import { execFileSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./site.js";

/** Writes `count` deterministic articles to <tmp>/content/articles and returns the content folder. */
export async function generateCorpus(count: number): Promise<string> {
  const content = path.join(await mkdtemp(path.join(tmpdir(), "corpus-")), "content");
  execFileSync(process.execPath, [path.join(ROOT, "../shared/bench/gen-corpus.mjs"), "--count", String(count), "--out", path.join(content, "articles")], { stdio: "ignore" });
  return content;
}
