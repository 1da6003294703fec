/**
 * Property: parsing and validating any file text never throws; it gives an Article or at least one
 * error, and every diagnostic has a permanent code, a message, and a file, line and column.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { parseFrontMatter, splitBody } from "../../src/content/parse-front-matter.js";
import { validateArticle } from "../../src/content/validate-article.js";
import { validateContent } from "../../src/content/validate-content.js";
import { isValidSlug } from "../../src/content/slugify.js";
import { formatDiagnostics, withCodeFrames } from "../../src/report.js";
import type { Diagnostic } from "../../src/errors.js";
import { makeSource } from "../helpers/factories.js";
import { fileBaseName, pageFileText, sourceFileText } from "./arbitraries.js";
import { describe as show, diagnosticProblems } from "./checks.js";
import { fuzzParameters, fuzzTimeout } from "./settings.js";
import { FRONT_MATTER_REGRESSIONS } from "./regression-inputs.js";

const ZONES = ["UTC", "Europe/Amsterdam", "Pacific/Kiritimati", "America/St_Johns"] as const;

/** Every problem with the outcome of parsing and validating one file (empty when all is well). */
function checkFile(text: string, relPath: string, zone: string): string[] {
  const file = makeSource(`content/articles/${relPath}`, relPath, text);
  const problems: string[] = [];
  const parsed = parseFrontMatter(file);
  let diagnostics: Diagnostic[];
  if (Array.isArray(parsed)) {
    diagnostics = parsed;
    if (parsed.length === 0) problems.push("parseFrontMatter returned no diagnostics and no source");
  } else {
    const warnings: Diagnostic[] = [];
    const result = validateArticle(parsed, zone, warnings);
    diagnostics = [...warnings, ...(Array.isArray(result) ? result : [])];
    if (Array.isArray(result)) {
      if (!result.some((d) => d.severity === "error")) problems.push("validateArticle failed without an error");
    } else {
      if (!isValidSlug(result.slug)) problems.push(`invalid slug ${JSON.stringify(result.slug)}`);
      if (typeof result.title !== "string" || result.title === "") problems.push("empty title");
      if (!Number.isFinite(result.date)) problems.push(`date ${result.date}`);
      if (result.enhanced !== null && !(Number.isFinite(result.enhanced) && result.enhanced >= result.date))
        problems.push(`enhanced ${result.enhanced}`);
      if (!result.tags.every((t) => typeof t === "string" && t !== ""))
        problems.push("a tag is not a non-empty string");
      if (typeof splitBody(file) !== "string") problems.push("splitBody gave no body");
    }
  }
  for (const d of diagnostics)
    problems.push(...diagnosticProblems(d, true).map((p) => `${p} @${d.file}:${d.line}:${d.column}`));
  // The terminal report must cope with every diagnostic (code frames read this text).
  formatDiagnostics(withCodeFrames(diagnostics, () => text));
  return problems;
}

describe("front-matter fuzz", () => {
  it(
    "parses and validates any file without throwing, giving an Article or located diagnostics",
    () => {
      fc.assert(
        fc.property(sourceFileText, fileBaseName, fc.constantFrom(...ZONES), (text, base, zone) => {
          let problems: string[];
          try {
            problems = checkFile(text, `${base}.md`, zone);
          } catch (cause) {
            throw new Error(`threw ${(cause as Error).stack}\ninput: ${show({ text, base, zone })}`);
          }
          if (problems.length > 0) throw new Error(`${problems.join("\n")}\ninput: ${show({ text, base, zone })}`);
        }),
        fuzzParameters(
          300,
          FRONT_MATTER_REGRESSIONS.map((r) => [r.text, r.base, "UTC"] as [string, string, string]),
        ),
      );
    },
    fuzzTimeout(30_000),
  );

  it(
    "validates sets of articles and pages (duplicate slugs, pages) without throwing",
    () => {
      const files = fc.array(fc.tuple(fileBaseName, sourceFileText), { minLength: 1, maxLength: 5 });
      const pages = fc.array(fc.tuple(fileBaseName, pageFileText), { maxLength: 2 });
      fc.assert(
        fc.property(files, pages, fc.boolean(), (articleFiles, pageFiles, isSameSlug) => {
          // Half the time every article gets the same file name in another folder: duplicate slugs.
          const articles = articleFiles.map(([base, text], i) =>
            makeSource(
              `content/articles/${i}/${isSameSlug ? "same" : base}.md`,
              `${i}/${isSameSlug ? "same" : base}.md`,
              text,
            ),
          );
          const pageSources = pageFiles.map(([base, text], i) =>
            makeSource(`content/pages/${base}${i}.md`, `${base}${i}.md`, text),
          );
          let result: ReturnType<typeof validateContent>;
          try {
            result = validateContent(articles, pageSources, "UTC");
          } catch (cause) {
            throw new Error(`threw ${(cause as Error).stack}\ninput: ${show({ articleFiles, pageFiles, isSameSlug })}`);
          }
          const problems = result.diagnostics.flatMap((d) => diagnosticProblems(d, true));
          const slugs = result.articles.map((a) => a.slug);
          if (new Set(slugs).size !== slugs.length) problems.push(`duplicate slugs kept: ${slugs.join(", ")}`);
          if (problems.length > 0)
            throw new Error(`${problems.join("\n")}\ninput: ${show({ articleFiles, pageFiles, isSameSlug })}`);
        }),
        fuzzParameters(60),
      );
    },
    fuzzTimeout(30_000),
  );
});
