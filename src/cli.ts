/** argv → one command (build, check, new, dev, clean); returns the process exit code. */
import { parseCli, type CliIo, type CliValues } from "./commands/options.js";
import { runBuild } from "./commands/build.js";
import { runCheck } from "./commands/check.js";
import { runNew } from "./commands/new.js";
import { runDev } from "./commands/dev.js";
import { runClean } from "./commands/clean.js";

const USAGE = `Usage: broadsheet <command> [options]

Commands:
  build                      build the site into the output folder (the default)
  dev [--port N] [--host H] [--open]
                             build with drafts, serve on http://127.0.0.1:8080/, rebuild and
                             reload open pages on every save, show problems in the page
  new "Headline" [--tags a,b] [--source-url URL] [--source-name NAME]
                             write content/articles/<slug>.md as a draft (never overwrites)
  check [--format text|json|github] [--strict]
                             validate everything a build would, plus links, alt text and
                             shortcodes, without writing; exit 1 on errors (--strict: on warnings)
  clean                      remove the build cache

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
  -h, --help        show this help`;

const SHARED = ["content", "templates", "public", "base-url", "now", "jobs", "render-timeout", "cache", "no-cache", "help"];
/** Which options each command takes, and how many positional arguments. */
const COMMANDS: Record<string, { options: readonly string[]; positionals: number; run: (values: CliValues, positionals: readonly string[], io: CliIo) => Promise<number> }> = {
  build: { options: [...SHARED, "out", "drafts", "timings"], positionals: 0, run: runBuild },
  check: { options: [...SHARED, "format", "strict"], positionals: 0, run: runCheck },
  new: { options: ["content", "tags", "source-url", "source-name", "help"], positionals: 1, run: runNew },
  dev: { options: [...SHARED, "port", "host", "open"], positionals: 0, run: runDev },
  clean: { options: ["cache", "help"], positionals: 0, run: runClean },
};

/** Runs the CLI with `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s + "\n"), err: (s: string) => void = (s) => process.stderr.write(s + "\n")): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(argv);
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
  const command = COMMANDS[name];
  if (!command) {
    err(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  const args = positionals.slice(1);
  const misplaced = Object.keys(values).filter((k) => !command.options.includes(k));
  if (misplaced.length > 0 || args.length !== command.positionals) {
    const problem = misplaced.length > 0 ? `\`broadsheet ${name}\` does not take ${misplaced.map((k) => `--${k}`).join(", ")}` : name === "new" ? 'Give the headline in quotes: broadsheet new "Headline"' : `\`broadsheet ${name}\` takes no arguments (got "${args.join(" ")}")`;
    err(`${problem}.\n\n${USAGE}`);
    return 2;
  }
  return command.run(values, args, { out, err });
}
