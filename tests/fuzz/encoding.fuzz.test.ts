/**
 * Property: files that are not UTF-8 (random bytes, Latin-1, UTF-16 with a BOM, CESU-8 surrogates,
 * overlong or cut sequences) as articles, pages or site.yaml make the build fail with an
 * InvalidEncoding error naming each of them, beside the other files' problems; it never throws.
 */
import { isUtf8 } from "node:buffer";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, it } from "vitest";
import type { BuildResult } from "../../src/build.js";
import { MemoryWriter } from "../../src/output/writer.js";
import { hostileName, hostileString, viaUtf8 } from "./arbitraries.js";
import { describe as show } from "./checks.js";
import { fuzzParameters, fuzzTimeout } from "./settings.js";
import { buildSite, resultProblems, writeSite } from "./sites.js";

/** Bytes that are (almost always) not UTF-8, as editors and tools produce them. */
const foreignBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 300 }),
  // Latin-1 / Windows-1252 text with at least one accented letter.
  fc
    .tuple(hostileString(8), fc.constantFrom("café", "Müller", "naïve £5", "§ ©"))
    .map(([t, w]) => Buffer.from(`---\ntitle: ${viaUtf8(t).replace(/[^\x00-\xff]/g, "?")} ${w}\n---\n`, "latin1")),
  // UTF-16 with a byte-order mark, little- and big-endian.
  fc.tuple(hostileString(8), fc.boolean()).map(([t, isLittle]) => {
    const le = Buffer.from(`---\ntitle: ${viaUtf8(t)}\n---\nBody\n`, "utf16le");
    return Buffer.concat([
      Buffer.from(isLittle ? [0xff, 0xfe] : [0xfe, 0xff]),
      isLittle ? le : Buffer.from(le).swap16(),
    ]);
  }),
  // Valid UTF-8 around one bad sequence: a CESU-8 surrogate, an overlong "/", a cut sequence, a stray continuation byte, beyond U+10FFFF.
  fc
    .tuple(
      hostileString(6),
      fc.constantFrom([0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]),
      hostileString(6),
    )
    .map(([a, bad, b]) =>
      Buffer.concat([Buffer.from(`---\ntitle: ${viaUtf8(a)}`), Buffer.from(bad), Buffer.from(`${viaUtf8(b)}\n---\n`)]),
    ),
);

/** A small valid article (what this property is about is the other files). */
const plainArticle = fc
  .tuple(hostileName, hostileString(12))
  .map(([title, body]) => `---\ntitle: ${JSON.stringify(viaUtf8(title))}\ndate: 2026-11-20\n---\n${viaUtf8(body)}\n`);

/** Where a foreign file goes: an article, a page or the settings. */
const place = fc.constantFrom(
  "articles/latin.md",
  "articles/sub/deep.md",
  "articles/bundle/index.md",
  "pages/about.md",
  "site.yaml",
);

describe("encoding fuzz", () => {
  it(
    "fails with an InvalidEncoding error naming every file that is not UTF-8, and reports the other files' problems too",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(plainArticle, fc.boolean()), { minLength: 1, maxLength: 3 }),
          fc.uniqueArray(fc.tuple(place, foreignBytes), { minLength: 1, maxLength: 3, selector: ([p]) => p }),
          async (articles, foreign) => {
            // Some valid articles get a YAML error, which must be reported as well.
            const texts = articles.map(
              ([text, isBroken], i) =>
                [`ok-${i}`, isBroken ? text.replace("---\n", "---\nbroken: [unclosed\n") : text] as [string, string],
            );
            const root = writeSite({ articles: texts, siteYaml: null, page: null, bundle: null });
            for (const [rel, bytes] of foreign) {
              const file = path.join(root, "content", rel);
              rmSync(file, { force: true });
              mkdirSync(path.dirname(file), { recursive: true });
              writeFileSync(file, bytes);
            }
            const writer = new MemoryWriter();
            let result: BuildResult;
            try {
              result = await buildSite(root, { writer });
            } catch (cause) {
              throw new Error(
                `build threw ${(cause as Error).stack}\ninput: ${show({ articles, foreign: foreign.map(([p, b]) => [p, Buffer.from(b).toString("hex")]) })}`,
              );
            } finally {
              rmSync(root, { recursive: true, force: true });
            }
            const problems = resultProblems(result, writer.files);
            const bad = foreign.filter(([, bytes]) => !isUtf8(bytes));
            if (bad.length > 0 && result.isOk) problems.push("built although a file is not UTF-8");
            for (const [rel, bytes] of bad) {
              const found = result.diagnostics.find(
                (d) => d.code === "InvalidEncoding" && d.file?.endsWith(path.join("content", rel)),
              );
              if (!found)
                problems.push(
                  `no InvalidEncoding naming ${rel}: ${result.diagnostics.map((d) => `${d.code} ${d.file}`).join("; ")}`,
                );
              else if (!/UTF-8/.test(found.message + (found.hint ?? "")))
                problems.push(`unclear message for ${rel}: ${found.message}`);
              else if (
                !(
                  found.line! >= 1 &&
                  found.column! >= 1 &&
                  found.line! <= Buffer.from(bytes).toString("utf8").split("\n").length
                )
              )
                problems.push(`${rel}: position ${found.line}:${found.column}`);
            }
            // A broken article is reported too, unless a foreign file took its place.
            texts.forEach(([name, text], i) => {
              if (
                articles[i]![1] &&
                !result.diagnostics.some((d) => d.file?.endsWith(`${name}.md`) && d.severity === "error")
              )
                problems.push(`the YAML error in ${name}.md was not reported: ${show(text, 200)}`);
            });
            if (problems.length > 0)
              throw new Error(
                `${problems.join("\n")}\ninput: ${show({ articles, foreign: foreign.map(([p, b]) => [p, Buffer.from(b).toString("hex")]) })}`,
              );
          },
        ),
        fuzzParameters(25),
      );
    },
    fuzzTimeout(60_000),
  );
});
