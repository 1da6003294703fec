/**
 * Incremental planning is invisible: after any sequence of edits (a body, a title, tags with another
 * spelling, a date, an author, `featured`, a new article, a removed one, a static page, the site's
 * title), a build that starts from the previous build's plan and cache publishes exactly the bytes a
 * clean build of the same content publishes (pages/page-memo.ts).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { generateCorpus } from "../helpers/corpus.js";
import { NOW, readTree, ROOT } from "../helpers/site.js";
import { fuzzParameters, fuzzTimeout } from "./settings.js";

let corpus: string;
const made: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

beforeAll(async () => {
  corpus = await generateCorpus(14);
  made.push(path.dirname(corpus));
});
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Edit =
  | { kind: "body"; at: number; text: string }
  | { kind: "summary"; at: number; text: string }
  | { kind: "title"; at: number; text: string }
  | { kind: "tags"; at: number; tags: string[] }
  | { kind: "date"; at: number; day: number }
  | { kind: "author"; at: number; name: string }
  | { kind: "featured"; at: number }
  | { kind: "add"; name: string; tags: string[] }
  | { kind: "remove"; at: number }
  | { kind: "page"; text: string }
  | { kind: "site-title"; text: string };

const words = fc.constantFrom("grid", "harbour", "tram", "budget", "ferry", "council");
const phrase = fc.array(words, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
const tagSet = fc.subarray(["energy", "Energy", "transport", "housing", "weather"], { maxLength: 3 });
const at = fc.nat(30);
// Edits that keep the site's shape (a body, a summary) are the ones planned incrementally: most edits.
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("body" as const), at, text: phrase }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("summary" as const), at, text: phrase }), weight: 4 },
  fc.record({ kind: fc.constant("title" as const), at, text: phrase }),
  fc.record({ kind: fc.constant("tags" as const), at, tags: tagSet }),
  fc.record({ kind: fc.constant("date" as const), at, day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant("author" as const), at, name: fc.constantFrom("Ana Costa", "Chloé Martin", "Li Wei") }),
  fc.record({ kind: fc.constant("featured" as const), at }),
  fc.record({ kind: fc.constant("add" as const), name: words, tags: tagSet }),
  fc.record({ kind: fc.constant("remove" as const), at }),
  fc.record({ kind: fc.constant("page" as const), text: phrase }),
  fc.record({ kind: fc.constant("site-title" as const), text: phrase }),
);

/** Applies an edit to the content folder, as an editor would. */
function apply(content: string, e: Edit): unknown {
  const dir = path.join(content, "articles");
  const files = readdirSync(dir).sort();
  const file = "at" in e ? path.join(dir, files[e.at % files.length]!) : "";
  const rewrite = (change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, "utf8")));
  const field = (name: string, value: string) =>
    rewrite((t) =>
      new RegExp(`^${name}: .*$`, "m").test(t)
        ? t.replace(new RegExp(`^${name}: .*$`, "m"), `${name}: ${value}`)
        : t.replace(/^---\n/, `---\n${name}: ${value}\n`),
    );
  switch (e.kind) {
    case "body":
      return rewrite((t) => `${t}\nA new paragraph on the ${e.text}.\n`);
    case "summary":
      return field("summary", JSON.stringify(`What the ${e.text} means`));
    case "title":
      return field("title", JSON.stringify(`The ${e.text} story`));
    case "tags":
      return field("tags", JSON.stringify(e.tags));
    case "date":
      return field("date", `2026-10-${String(e.day).padStart(2, "0")}T09:00:00Z`);
    case "author":
      return field("author", JSON.stringify(e.name));
    case "featured":
      return field("featured", "true");
    case "add":
      return writeFileSync(
        path.join(dir, `new-${e.name}-${files.length}.md`),
        `---\ntitle: "New: ${e.name}"\ndate: 2026-11-0${1 + (files.length % 9)}T08:00:00Z\ntags: ${JSON.stringify(e.tags)}\n---\nFresh news about the ${e.name}.\n`,
      );
    case "remove":
      if (files.length > 2) rmSync(file);
      return;
    case "page":
      mkdirSync(path.join(content, "pages"), { recursive: true });
      return writeFileSync(path.join(content, "pages/about.md"), `---\ntitle: About\n---\nWe cover the ${e.text}.\n`);
    case "site-title":
      return writeFileSync(
        path.join(content, "site.yaml"),
        `title: The ${e.text} Post\nbaseUrl: https://news.example/\n`,
      );
  }
}

/** Builds `content` into `out` with `cache`; the site must build. */
async function buildSite(content: string, out: string, cache: string): Promise<Map<string, Buffer>> {
  const result = await build({
    now: NOW,
    paths: {
      content,
      templates: path.join(ROOT, "theme/templates"),
      public: path.join(ROOT, "public"),
      out,
      cache,
    },
  });
  if (!result.isOk) throw new Error(result.diagnostics.map((d) => `${d.file}: ${d.message}`).join("\n"));
  return readTree(out);
}

describe("incremental planning", () => {
  it(
    "publishes what a clean build publishes after any sequence of edits",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
          const project = temp("incremental-plan-");
          const content = path.join(project, "content");
          cpSync(corpus, content, { recursive: true });
          if (!existsSync(path.join(content, "site.yaml")))
            writeFileSync(path.join(content, "site.yaml"), "title: The Daily Test\nbaseUrl: https://news.example/\n");
          const out = path.join(project, "dist");
          const cache = path.join(project, ".cache");
          await buildSite(content, out, cache);
          for (const [i, e] of edits.entries()) {
            apply(content, e);
            const incremental = await buildSite(content, out, cache);
            const clean = await buildSite(content, temp("clean-out-"), temp("clean-cache-"));
            const differ = [...new Set([...incremental.keys(), ...clean.keys()])].filter(
              (f) => !incremental.get(f)?.equals(clean.get(f) ?? Buffer.alloc(0)),
            );
            expect(differ, `after edit ${i + 1} of ${JSON.stringify(edits)}`).toEqual([]);
          }
          rmSync(project, { recursive: true, force: true });
        }),
        fuzzParameters(6),
      );
    },
    fuzzTimeout(240_000),
  );
});
