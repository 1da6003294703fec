/**
 * Property (issue 13, "cheaper Markdown, identical output"): the renderer every build uses — GFM
 * constructs enabled per document, bodies without raw HTML sanitized without re-parsing HTML, the
 * feed variant made from the page HTML by absoluteHtmlOf — gives byte for byte what the reference
 * pipeline gives (`renderMarkdown(md, urls, {reference: true})`: all of GFM, remark-html's output
 * parsed with rehype-parse, both URL variants serialized from the tree), and the same excerpt,
 * headings, word count and findings. Over generated articles (bench/gen-corpus.mjs), random bodies
 * (fast-check), every hostile payload as the hostile site places it, and every post of the Node.js
 * blog when ../shared/corpora/nodejs-blog is there (all 1,043 posts take ~4 CPU-minutes rendered
 * both ways, so `npm test` takes every fourth post; `npm run fuzz`, or FAST_RENDER_ALL=1, all of them).
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown, type UrlContext } from "../../src/markdown/render-markdown.js";
import { withPlainTextFallback } from "../../src/markdown/load-renderer.js";
import { absoluteHtmlOf } from "../../src/markdown/absolute-urls.js";
import { splitBody } from "../../src/content/parse-front-matter.js";
import { PAYLOADS } from "../fixtures/hostile/payloads.js";
import { writeHostileSite } from "../fixtures/hostile/generate-site.js";
import { ROOT } from "../helpers/site.js";
import { markdownFromFile, ordinaryMarkdownFromFile } from "./arbitraries.js";
import { describe as show } from "./checks.js";
import { fuzzParameters, fuzzTimeout } from "./settings.js";

const URLS: readonly UrlContext[] = [
  { pageUrl: "https://site.example/articles/x/", basePath: "" },
  { pageUrl: "https://site.example/news/articles/x/", basePath: "/news" },
];

/** Both renderers as builds use them (too-deep bodies become plain text in both). */
const fast = withPlainTextFallback((md, urls) => renderMarkdown(md, urls));
const reference = withPlainTextFallback((md, urls) => renderMarkdown(md, urls, { reference: true }));

/** What differs between the fast and the reference render of `markdown` (empty when they are identical). */
function differences(markdown: string, urls: UrlContext): string[] {
  const got = fast(markdown, urls);
  const want = reference(markdown, urls);
  const found: string[] = [];
  if (got.html !== want.html)
    found.push(`html:\n  fast:      ${cut(got.html, want.html)}\n  reference: ${cut(want.html, got.html)}`);
  // The plain-text fallback has one variant (no URLs to resolve).
  const wantAbsolute = (want as { absoluteHtml?: string }).absoluteHtml ?? want.html;
  const gotAbsolute = absoluteHtmlOf(got.html, urls.pageUrl);
  if (gotAbsolute !== wantAbsolute)
    found.push(
      `absoluteHtml:\n  fast:      ${cut(gotAbsolute, wantAbsolute)}\n  reference: ${cut(wantAbsolute, gotAbsolute)}`,
    );
  const summary = (r: typeof got) => JSON.stringify([r.excerpt, r.headings, r.wordCount, r.findings]);
  if (summary(got) !== summary(want))
    found.push(`summary:\n  fast:      ${summary(got)}\n  reference: ${summary(want)}`);
  return found;
}

/** `a` from shortly before its first difference with `b`. */
function cut(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return JSON.stringify(a.slice(Math.max(0, i - 60), i + 100));
}

/** Renders every body both ways, alternating the two URL contexts; the list of bodies that differ. */
function compareAll(bodies: readonly { name: string; markdown: string }[]): string[] {
  return bodies.flatMap(({ name, markdown }, i) => {
    const urls = URLS[i % URLS.length]!;
    const found = differences(markdown, urls);
    return found.length === 0 ? [] : [`${name} (base path "${urls.basePath}"):\n${found.join("\n")}`];
  });
}

const body = (text: string) => splitBody({ path: "x.md", relPath: "x.md", text, hash: "" });

/** Pieces that exercise what the fast route decides on: GFM triggers in and out of links, raw-HTML-free trees, CR. */
const GFM_PIECE = fc.constantFrom(
  "| a | b |\n| - | :-: |\n| www.cell.example | c@d.example |",
  "a | b\n--|--\nx | y",
  "\\| escaped pipe and &#124; an entity",
  "text [^1] and [^note]",
  "[^1]: the note, see www.note.example\n\n[^note]: second",
  "[link [^1]](https://x.example/)",
  "[www.label.example](https://y.example/)",
  "![www.alt.example and a@b.example](i.png)",
  '[ref www.r.example][r]\n\n[r]: https://r.example/ "t"',
  "~~strike~~ and ~one~ and ~~~not",
  "~~~\nwww.fenced.example\n~~~",
  "- [ ] task www.task.example\n- [x] done",
  "mail desk@news.example or <a@b.example>",
  // GFM links `news@.A` (found by this property when only `x@label.` counted as a trigger).
  "news@.A and a@b and @handle and ftp://host.example/",
  "http://example.com/path?x=1. and https://a.b/c) and (www.paren.example)",
  "WWW.CAPS.EXAMPLE and HTTPS://CAPS.EXAMPLE",
  "`www.code.example` and `a|b`",
  "line one\r\nline two\r\n\r\nnext\rpara",
  "hard  \nbreak and \\\nbackslash",
  "# Heading www.h.example\n\n### Deeper",
  "> quote with https://q.example/ and [^1]",
  "1. one\n2. two\n\n7) seven",
  "*em www.e.example* **strong a@b.cd**",
  "<https://auto.example/> and <mailto:x@y.z>",
  "x:// y and @ alone and www. alone",
  '[rel](../x/) [root](/about/) [frag](#sec) ![img](/images/a.png "title")',
  "Term & <not html> &amp; \"quotes\" 'single' `tick`",
  "[^a]: definition\n    with indent\n\n[^a]",
  '{{< figure src="x" >}} and {% include x %}',
);
const gfmDocument = fc
  .array(fc.oneof({ weight: 4, arbitrary: GFM_PIECE }, { weight: 1, arbitrary: ordinaryMarkdownFromFile }), {
    minLength: 1,
    maxLength: 8,
  })
  .chain((pieces) =>
    fc
      .array(fc.constantFrom("\n\n", "\n", " ", "\r\n\r\n"), { minLength: pieces.length, maxLength: pieces.length })
      .map((seps) => pieces.map((p, i) => p + seps[i]).join("")),
  );

/** The property over one body: identical renders. */
const identical = (markdown: string, urls: UrlContext) => {
  const found = differences(markdown, urls);
  if (found.length > 0) throw new Error(`${found.join("\n")}\ninput: ${show(markdown)}`);
};

/** Every blog post (a fuzz run, or asked for), else every fourth. */
const ALL_POSTS = process.env.FAST_RENDER_ALL === "1" || Number(process.env.FUZZ_RUNS ?? "1") > 1;
const BLOG = path.join(ROOT, "../shared/corpora/nodejs-blog/articles");
let hasBlog = true;
try {
  readdirSync(BLOG);
} catch {
  hasBlog = false;
  console.warn(`Skipping the Node.js blog part of the fast-render property: ${BLOG} is missing.`);
}

describe("the fast Markdown route gives the reference pipeline's bytes", () => {
  it(
    "on 300 generated news articles (bench/gen-corpus.mjs)",
    async () => {
      const gen = new URL("../../bench/gen-corpus.mjs", import.meta.url).href;
      const { generateArticle } = (await import(gen)) as {
        generateArticle: (seed: number, index: number) => { name: string; text: string };
      };
      const bodies = Array.from({ length: 300 }, (_, i) => {
        const article = generateArticle(7, i);
        return { name: article.name, markdown: body(article.text) };
      });
      expect(compareAll(bodies)).toEqual([]);
    },
    fuzzTimeout(120_000),
  );

  it(
    "on random bodies: GFM tables, footnotes, strikethrough and autolinks in and out of links, and ordinary fuzz blocks",
    () => {
      fc.assert(fc.property(gfmDocument, fc.constantFrom(...URLS), identical), fuzzParameters(400));
      fc.assert(fc.property(ordinaryMarkdownFromFile, fc.constantFrom(...URLS), identical), fuzzParameters(300));
      // Costly and huge bodies too, fewer: each is rendered twice.
      fc.assert(fc.property(markdownFromFile, fc.constantFrom(...URLS), identical), fuzzParameters(40));
    },
    fuzzTimeout(240_000),
  );

  it(
    "on every hostile payload, alone and as the hostile site's articles place it",
    async () => {
      const site = await writeHostileSite(await mkdtemp(path.join(tmpdir(), "fast-render-hostile-")));
      const files = (readdirSync(site.content, { recursive: true }) as string[]).filter((f) => f.endsWith(".md"));
      expect(files.length).toBeGreaterThan(PAYLOADS.length / 2);
      const bodies = [
        ...PAYLOADS.map((p) => ({ name: `payload ${p.id}`, markdown: p.text })),
        ...files.map((f) => ({ name: f, markdown: body(readFileSync(path.join(site.content, f), "utf8")) })),
      ];
      expect(compareAll(bodies)).toEqual([]);
    },
    fuzzTimeout(120_000),
  );

  it.skipIf(!hasBlog)(
    `on ${ALL_POSTS ? "every post" : "every fourth post"} of the Node.js blog`,
    () => {
      const all = (readdirSync(BLOG, { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).sort();
      expect(all.length).toBeGreaterThan(1000);
      const files = ALL_POSTS ? all : all.filter((_, i) => i % 4 === 0);
      const bodies = files.map((f) => ({ name: f, markdown: body(readFileSync(path.join(BLOG, f), "utf8")) }));
      expect(compareAll(bodies)).toEqual([]);
    },
    fuzzTimeout(300_000),
  );
});
