/** argv → one command (build, check, new, dev, clean, init, preview); returns the process exit code. */
import { parseCli, type CliIo, type CliValues } from "./commands/options.js";
import { didYouMean } from "./text/did-you-mean.js";
import { runBuild } from "./commands/build.js";
import { runCheck } from "./commands/check.js";
import { runNew } from "./commands/new.js";
import { runDev } from "./commands/dev.js";
import { runClean } from "./commands/clean.js";
import { runInit } from "./commands/init.js";
import { runPreview } from "./commands/preview.js";

const USAGE = `Usage: broadsheet <command> [options]

Commands:
  build                      build the site into the output folder (the default)
  dev [--port N] [--host H] [--open]
                             build with drafts, serve on http://127.0.0.1:8080/, rebuild and
                             reload open pages on every save, show problems in the page
  new "Headline" [--tags a,b] [--source-url URL] [--source-name NAME]
      [--author NAME] [--summary TEXT]
                             write content/articles/<slug>.md as a draft (never overwrites)
  check [--format text|json|github] [--strict]
                             validate everything a build would, plus links, alt text and
                             shortcodes, without writing; exit 1 on errors (--strict: on warnings)
  clean                      remove the build cache
  init [DIR] [--title T] [--base-url URL]
                             start a new site in DIR (default: here), which must be empty
  preview [--port N] [--out DIR]
                             serve the built site on http://127.0.0.1:8080/ as it will be
                             published (no drafts, no reload); --content and --base-url
                             give the base path

Options for build, dev and check:
  --content DIR     content folder (site.yaml, articles/, pages/)   [content]
  --templates DIR   Handlebars templates                              [templates]
  --public DIR      static files copied as is                         [public]
  --out DIR         output folder (build)                             [dist]
  --base-url URL    absolute site URL (overrides site.yaml baseUrl)
  --drafts          include draft articles (build; dev always shows them)
  --now ISO         build clock, e.g. 2026-11-26T12:00:00Z (reproducible builds)
  --jobs N          worker threads for Markdown                       [all cores]
  --render-timeout S
                    seconds an article may take to render (per MB)    [10]
  --cache DIR       persistent build cache                            [.cache]
  --no-cache        build without reading or writing the cache
  --timings         print the time spent in each build step (build)
  --atomic-link     publish the output as a link to a complete tree, switched at
                    once (for servers that serve from a link; build)
  --report FILE     also write the build report (scheduled and expired articles,
                    when to rebuild next; always in .dist.builds/report.json) to
                    FILE (build)
  --shard I/N       render part I of N of a cold build into the cache and write no
                    site; copy the N caches into one, then build (CI matrices: see
                    docs/ci-shards.md; build)
  -h, --help        show this help`;

const SHARED = [
  "content",
  "templates",
  "public",
  "base-url",
  "now",
  "jobs",
  "render-timeout",
  "cache",
  "no-cache",
  "help",
];
/** Which options each command takes, and how many positional arguments. */
const COMMANDS: Record<
  string,
  {
    options: readonly string[];
    positionals: number | readonly [least: number, most: number];
    run: (values: CliValues, positionals: readonly string[], io: CliIo) => Promise<number>;
  }
> = {
  build: {
    options: [...SHARED, "out", "drafts", "timings", "atomic-link", "report", "shard"],
    positionals: 0,
    run: runBuild,
  },
  check: { options: [...SHARED, "format", "strict"], positionals: 0, run: runCheck },
  new: {
    options: ["content", "tags", "source-url", "source-name", "author", "summary", "help"],
    positionals: 1,
    run: runNew,
  },
  dev: { options: [...SHARED, "port", "host", "open"], positionals: 0, run: runDev },
  clean: { options: ["cache", "help"], positionals: 0, run: runClean },
  init: { options: ["title", "base-url", "help"], positionals: [0, 1], run: runInit },
  preview: { options: ["port", "out", "content", "base-url", "help"], positionals: 0, run: runPreview },
};

/** Runs the CLI with `argv` (without node and script); resolves to the process exit code. */
export async function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
  err: (s: string) => void = (s) => process.stderr.write(`${s}\n`),
): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv, (name) => commandNamed(name)?.options);
  } catch (cause) {
    err(`${(cause as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const name = positionals[0] ?? "build";
  const command = commandNamed(name);
  if (!command) {
    const meant = didYouMean(name, Object.keys(COMMANDS));
    err(`Unknown command "${name}"${meant === null ? "." : `: did you mean "${meant}"?`}\n\n${USAGE}`);
    return 2;
  }
  const args = positionals.slice(1);
  const misplaced = Object.keys(values).filter((k) => !command.options.includes(k));
  const [least, most] =
    typeof command.positionals === "number" ? [command.positionals, command.positionals] : command.positionals;
  if (misplaced.length > 0 || args.length < least || args.length > most) {
    const problem =
      misplaced.length > 0
        ? `\`broadsheet ${name}\` does not take ${misplaced.map((k) => `--${k}`).join(", ")}`
        : name === "new"
          ? 'Give the headline in quotes: broadsheet new "Headline"'
          : `\`broadsheet ${name}\` takes ${most === 0 ? "no arguments" : `at most ${most} argument${most === 1 ? "" : "s"}`} (got "${args.join(" ")}")`;
    err(`${problem}.\n\n${USAGE}`);
    return 2;
  }
  return command.run(values, args, { out, err });
}

// Own keys only: "constructor" or "toString" typed as a command must not find Object's.
function commandNamed(name: string): (typeof COMMANDS)[string] | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}
