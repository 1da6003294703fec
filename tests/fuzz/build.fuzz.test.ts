/**
 * Properties of whole builds of generated sites (2–8 articles, sometimes a site.yaml, a page and a
 * page bundle): build() never throws; it succeeds with outputs and no error, or fails with at least
 * one error; output paths stay relative and normalized; every XML output is well-formed XML 1.0;
 * every HTML output is UTF-8 without lone surrogates; with the real FsWriter nothing appears outside
 * the output folder, its build trees, the lock and the cache.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, it } from "vitest";
import type { BuildResult } from "../../src/build.js";
import { MemoryWriter } from "../../src/output/writer.js";
import { siteInput } from "./arbitraries.js";
import { describe as show } from "./checks.js";
import { fuzzParameters, fuzzTimeout } from "./settings.js";
import { SITE_REGRESSIONS } from "./regression-inputs.js";
import { buildSite, diskProblems, resultProblems, writeSite, type SiteInput } from "./sites.js";

/** How the in-memory builds ended (FUZZ_STATS=1 prints them): a property that only ever fails early tests little. */
const outcomes = new Map<string, number>();
const diskOutcomes = new Map<string, number>();

describe("build fuzz", () => {
  it(
    "builds generated sites in memory without throwing; outputs are safe paths, well-formed XML 1.0 and UTF-8 HTML",
    async () => {
      await fc.assert(
        fc.asyncProperty(siteInput, async (site) => {
          const root = writeSite(site);
          const writer = new MemoryWriter();
          let result: BuildResult;
          try {
            result = await buildSite(root, { writer });
          } catch (cause) {
            throw new Error(`build threw ${(cause as Error).stack}\ninput: ${show(site)}`);
          } finally {
            rmSync(root, { recursive: true, force: true });
          }
          const outcome = result.isOk
            ? "built"
            : `failed (${[...new Set(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} in ${path.basename(path.dirname(d.file ?? "x/?"))}${process.env.FUZZ_STATS === "2" ? `: ${d.message.slice(0, 60)}` : ""}`))].sort().join(", ")})`;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          const problems = resultProblems(result, result.isOk ? writer.files : new Map());
          if (problems.length > 0) throw new Error(`${problems.slice(0, 10).join("\n")}\ninput: ${show(site)}`);
        }),
        fuzzParameters(
          30,
          SITE_REGRESSIONS.map((r) => [r.site] as [SiteInput]),
        ),
      );
      if (process.env.FUZZ_STATS)
        console.log(
          [...outcomes]
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => `${n}\t${k}`)
            .join("\n"),
        );
    },
    fuzzTimeout(60_000),
  );

  it(
    "builds generated sites to disk twice (worker threads, cache) and writes nothing outside the output folder",
    async () => {
      await fc.assert(
        fc.asyncProperty(siteInput, async (site) => {
          const root = writeSite(site);
          const problems: string[] = [];
          try {
            for (const run of ["first", "second"]) {
              let result: BuildResult;
              try {
                result = await buildSite(root, { threads: 2, cache: path.join(root, "cache") });
              } catch (cause) {
                throw new Error(`${run} build threw ${(cause as Error).stack}\ninput: ${show(site)}`);
              }
              problems.push(...diskProblems(root, result).map((p) => `${run} build: ${p}`));
              if (run === "first")
                diskOutcomes.set(
                  result.isOk ? "built" : "failed",
                  (diskOutcomes.get(result.isOk ? "built" : "failed") ?? 0) + 1,
                );
            }
          } finally {
            rmSync(root, { recursive: true, force: true });
          }
          if (existsSync(root)) problems.push("temp root not removed");
          if (problems.length > 0) throw new Error(`${problems.slice(0, 10).join("\n")}\ninput: ${show(site)}`);
        }),
        fuzzParameters(12),
      );
      if (process.env.FUZZ_STATS) console.log(JSON.stringify([...diskOutcomes]));
    },
    fuzzTimeout(90_000),
  );
});
