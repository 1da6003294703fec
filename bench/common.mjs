// Shared by the benchmark scripts: command-line flags, medians, and the corpora they build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeCorpus } from "./gen-corpus.mjs";

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

/**
 * What `broadsheet build --timings` printed: the summary line's counts (null when the build failed)
 * and each step's seconds (`step("search")`; 0 for a step the build did not run).
 */
export function buildFigures(text) {
  const summary = /\((\d+) rendered, (\d+) changed, (\d+) deleted(?:, (\d+) files from the cache)?\)/.exec(text);
  const step = (name) => Number(new RegExp(`^${name}\\s+(\\d+) ms$`, "m").exec(text)?.[1] ?? 0) / 1000;
  return summary
    ? { rendered: +summary[1], changed: +summary[2], deleted: +summary[3], reused: +(summary[4] ?? 0), step }
    : null;
}

/**
 * The articles folder given with `--corpus DIR` (a folder of Markdown articles, or a content folder
 * holding them in articles/, e.g. ../shared/corpora/nodejs-blog), or null when none was given.
 */
export function givenCorpus() {
  const dir = flag("--corpus", null);
  if (dir === null) return null;
  const resolved = path.resolve(dir);
  const articles = existsSync(path.join(resolved, "articles")) ? path.join(resolved, "articles") : resolved;
  if (!existsSync(articles) || !statSync(articles).isDirectory())
    throw new Error(`bench: --corpus ${dir} is not a folder`);
  return articles;
}

/**
 * The articles folder to build: `--corpus DIR` when given (whatever its size), otherwise
 * `<work>/corpus-<count>/articles`, generated once by bench/gen-corpus.mjs and reused.
 */
export function ensureCorpus(work, count) {
  const given = givenCorpus();
  if (given) return given;
  const corpus = path.join(work, `corpus-${count}`);
  // The marker holds the generator's hash, so a corpus made by an older generator is made again.
  const marker = path.join(corpus, ".done");
  const stamp = `seed 1, generator ${createHash("sha256")
    .update(readFileSync(path.join(root, "bench/gen-corpus.mjs")))
    .digest("hex")}`;
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== stamp) {
    rmSync(corpus, { recursive: true, force: true });
    writeCorpus({ count, out: path.join(corpus, "articles"), seed: 1 });
    writeFileSync(marker, stamp);
  }
  return path.join(corpus, "articles");
}

/** Every article under `articles` as sorted "/"-separated paths: the .md files a build reads (no _ or . names, no top-level index.md). */
export function listArticles(articles) {
  return readdirSync(articles, { recursive: true })
    .map((f) => String(f).split(path.sep).join("/"))
    .filter((f) => f.endsWith(".md") && f !== "index.md" && !f.split("/").some((part) => /^[_.]/.test(part)))
    .sort();
}

/**
 * The article the warm scenarios edit: the middle one of those with a "##" section and a `tags: [`
 * line (every generated article), else of those with a section, else of all; never one with its own
 * `slug:`, so its URL follows from its file name.
 */
export function pickVictim(articles) {
  const all = listArticles(articles)
    .map((rel) => ({ rel, text: readFileSync(path.join(articles, rel), "utf8") }))
    .filter((a) => !/^slug:/m.test(a.text));
  const tiers = [
    all.filter((a) => /\n## /.test(a.text) && /^tags: \[/m.test(a.text)),
    all.filter((a) => /\n## /.test(a.text)),
    all,
  ];
  const pool = tiers.find((t) => t.length > 0);
  if (!pool) throw new Error(`bench: no article to edit in ${articles}`);
  return pool[Math.floor(pool.length / 2)].rel;
}

/** `text` with an editor's sentence added to the body: before the first "##" section, or at the end. */
export function editBody(text, take) {
  const sentence = `An editor's sentence, take ${take}.`;
  return /\n## /.test(text) ? text.replace(/\n## /, `\n${sentence}\n\n## `) : `${text}\n${sentence}\n`;
}

/** `text` with a new first tag: added to its `tags: [` line, or as a `tags:` line of its own (YAML front-matter). */
export function editTags(text, take) {
  const tag = JSON.stringify(`bench tag ${take}`);
  return /^tags: \[/m.test(text)
    ? text.replace(/^tags: \[/m, `tags: [${tag}, `)
    : text.replace(/^---\r?\n/, `---\ntags: [${tag}]\n`);
}
