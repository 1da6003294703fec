// Shared by the benchmark scripts: command-line flags, medians, and the generated corpora.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The value after `--name` on the command line, or `fallback`. */
export function flag(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
}

/** The median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** `<work>/corpus-<count>`, generated once by ../shared/bench/gen-corpus.mjs and reused; returns its folder. */
export function ensureCorpus(work, count) {
  const corpus = path.join(work, `corpus-${count}`);
  if (!existsSync(path.join(corpus, ".done"))) {
    rmSync(corpus, { recursive: true, force: true });
    execFileSync(process.execPath, [path.resolve(root, "../shared/bench/gen-corpus.mjs"), "--count", String(count), "--out", path.join(corpus, "articles")], { stdio: "ignore" });
    writeFileSync(path.join(corpus, ".done"), "");
  }
  return corpus;
}
