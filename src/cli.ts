/** argv → overrides → build(); prints diagnostics and one summary line; returns the exit code. */
import { parseArgs } from "node:util";
import path from "node:path";
import { build } from "./build.js";
import { formatDiagnostics } from "./report.js";
import { DEFAULT_PATHS } from "./config/resolve-config.js";
import { DiskCache } from "./cache/disk-cache.js";
import { createProgress } from "./progress.js";

const USAGE = `Usage: broadsheet build [options]
       broadsheet clean [--cache DIR]      remove the build cache

Options:
  --content DIR     content folder (site.yaml, articles/, pages/)   [content]
  --templates DIR   Handlebars templates                              [templates]
  --public DIR      static files copied as is                         [public]
  --out DIR         output folder                                     [dist]
  --base-url URL    absolute site URL (overrides site.yaml baseUrl)
  --drafts          include draft articles
  --now ISO         build clock, e.g. 2026-11-26T12:00:00Z (reproducible builds)
  --jobs N          worker threads for Markdown                       [all cores]
  --cache DIR       persistent build cache                            [.cache]
  --no-cache        build without reading or writing the cache
  --timings         print the time spent in each build step
  -h, --help        show this help`;

/** Runs the CLI with `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s + "\n"), err: (s: string) => void = (s) => process.stderr.write(s + "\n")): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        content: { type: "string" },
        templates: { type: "string" },
        public: { type: "string" },
        out: { type: "string" },
        "base-url": { type: "string" },
        drafts: { type: "boolean" },
        now: { type: "string" },
        jobs: { type: "string" },
        cache: { type: "string" },
        "no-cache": { type: "boolean" },
        timings: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (cause) {
    err(`${(cause as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? "build";
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (command === "clean" && positionals.length === 1) {
    const dir = values.cache ?? DEFAULT_PATHS.cache!;
    new DiskCache(dir).clear();
    out(`Removed the build cache ${dir}`);
    return 0;
  }
  if (command !== "build" || positionals.length > 1) {
    err(`Unknown command "${positionals.join(" ")}".\n\n${USAGE}`);
    return 2;
  }
  const progress = createProgress({ isTTY: process.stderr.isTTY === true, write: (t) => process.stderr.write(t) });
  const result = await build({
    onProgress: progress.onProgress,
    paths: {
      ...(values.content !== undefined && { content: values.content }),
      ...(values.templates !== undefined && { templates: values.templates }),
      ...(values.public !== undefined && { public: values.public }),
      ...(values.out !== undefined && { out: values.out }),
      ...(values.cache !== undefined && { cache: values.cache }),
      ...(values["no-cache"] && { cache: null }),
    },
    ...(values.jobs !== undefined && { threads: Number(values.jobs) }),
    ...(values["base-url"] !== undefined && { baseUrl: values["base-url"] }),
    ...(values.drafts !== undefined && { includeDrafts: values.drafts }),
    ...(values.now !== undefined && { now: values.now }),
  });
  progress.finish();
  if (result.diagnostics.length > 0) err(formatDiagnostics(result.diagnostics));
  if (!result.isOk) {
    err(`Build failed; ${result.config ? path.relative(process.cwd(), path.resolve(result.config.paths.out)) || "." : "the output folder"} was left untouched.`);
    return 1;
  }
  if (values.timings) err(Object.entries(result.timings).map(([step, ms]) => `${step.padEnd(11)}${ms.toFixed(0).padStart(7)} ms`).join("\n"));
  const { articles, pages, files, rendered, ms } = result.stats;
  const w = result.write!;
  out(`Built ${articles} articles, ${pages} pages, ${files} files (${rendered} rendered, ${w.changed.length} changed, ${w.deleted.length} deleted) in ${(ms / 1000).toFixed(2)} s → ${result.config!.paths.out}`);
  return 0;
}
