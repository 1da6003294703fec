/** `broadsheet build`. */
import { existsSync } from "node:fs";
import path from "node:path";
import { build } from "../build.js";
import { localBaseUrlWarning, subPathRobotsWarning } from "../config/site-address.js";
import { leftOutLine, scheduleLines } from "../build-report.js";
import { createProgress } from "../progress.js";
import { error } from "../errors.js";
import { overridesFrom, type CliIo, type CliValues } from "./options.js";
import { diagnosticsText } from "./print.js";
import { buildShard, parseShard, shardSummary } from "../shard.js";

/** Builds the site; prints problems (at most 20 warnings), one summary line, what was left out, and why. */
export async function runBuild(values: CliValues, args: readonly string[], io: CliIo): Promise<number> {
  if (values.shard !== undefined) return runShardBuild(values, args, io);
  const { out, err } = io;
  const progress = createProgress({ isTTY: process.stderr.isTTY === true, write: (t) => process.stderr.write(t) });
  const overrides = overridesFrom(values);
  const result = await build({
    ...overrides,
    onProgress: progress.onProgress,
    atomicLink: values["atomic-link"] === true,
    reportFile: values.report,
  });
  progress.finish();
  // Only a build for publication: the dev server builds with the same baseUrl on purpose. First, so
  // the 20-warning limit never hides it.
  const siteYaml = result.config ? path.join(result.config.paths.content, "site.yaml") : null;
  const hasSiteYaml = siteYaml !== null && existsSync(siteYaml);
  const address =
    result.config && siteYaml
      ? [
          localBaseUrlWarning(result.config.site.baseUrl, siteYaml, hasSiteYaml),
          subPathRobotsWarning(result.config.site.baseUrl, siteYaml, hasSiteYaml),
        ].filter((d) => d !== null)
      : [];
  const diagnostics = [...address, ...result.diagnostics];
  if (diagnostics.length > 0) err(diagnosticsText(diagnostics, { maxWarnings: 20, paths: overrides.paths }));
  if (!result.isOk) {
    err(
      `Build failed; ${result.config ? path.relative(process.cwd(), path.resolve(result.config.paths.out)) || "." : "the output folder"} was left untouched.`,
    );
    return 1;
  }
  if (values.timings) err(timingsText(result.timings));
  const { articles, pages, files, rendered, reused, ms } = result.stats;
  const w = result.write;
  const fromCache = reused > 0 ? `, ${reused} files from the cache` : "";
  out(
    `Built ${articles} articles, ${pages} pages, ${files} files (${rendered} rendered, ${w.changed.length} changed, ${w.deleted.length} deleted${fromCache}) in ${(ms / 1000).toFixed(2)} s → ${result.config.paths.out}`,
  );
  const config = result.config;
  const schedule = result.schedule!;
  const leftOut = leftOutLine(schedule, config.site.timeZone);
  if (leftOut) out(leftOut);
  for (const line of scheduleLines(schedule, config)) out(line);
  return 0;
}

/** `build --shard i/n`: renders one part of the site into the cache; prints problems and one summary line. */
async function runShardBuild(values: CliValues, _args: readonly string[], { out, err }: CliIo): Promise<number> {
  const overrides = overridesFrom(values);
  const shard = parseShard(values.shard!);
  // What publishes a site means nothing to a build that writes none: refused, not silently ignored.
  const refused = (["atomic-link", "report"] as const).filter((k) => values[k] !== undefined);
  if ("code" in shard || refused.length > 0) {
    const problems =
      "code" in shard
        ? [shard]
        : [
            error(
              "InvalidConfig",
              `--shard writes no site, so ${refused.map((k) => `--${k}`).join(" and ")} would do nothing`,
              {
                field: "--shard",
                hint: "Leave them out of the shard builds; pass them to the final build that writes the site.",
              },
            ),
          ];
    err(diagnosticsText(problems, { paths: overrides.paths }));
    err("Shard build failed; the cache was left untouched.");
    return 1;
  }
  const progress = createProgress({ isTTY: process.stderr.isTTY === true, write: (t) => process.stderr.write(t) });
  const result = await buildShard({ ...overrides, shard, onProgress: progress.onProgress });
  progress.finish();
  if (result.diagnostics.length > 0)
    err(diagnosticsText(result.diagnostics, { maxWarnings: 20, paths: overrides.paths }));
  if (!result.isOk) {
    err(`Shard build failed; no site was written.`);
    return 1;
  }
  if (values.timings) err(timingsText(result.timings));
  out(shardSummary(result, shard));
  return 0;
}

/** `--timings`: one line per step. */
function timingsText(timings: Readonly<Record<string, number>>): string {
  return Object.entries(timings)
    .map(([step, ms]) => `${step.padEnd(11)}${ms.toFixed(0).padStart(7)} ms`)
    .join("\n");
}
