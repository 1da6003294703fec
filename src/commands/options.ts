/** The command line's options (one table for every command) and the build settings they give. */
import { parseArgs } from "node:util";
import type { ConfigOverrides } from "../config/resolve-config.js";
import { explainParseError } from "./parse-errors.js";

const OPTIONS = {
  content: { type: "string" },
  templates: { type: "string" },
  public: { type: "string" },
  out: { type: "string" },
  "base-url": { type: "string" },
  drafts: { type: "boolean" },
  now: { type: "string" },
  jobs: { type: "string" },
  "render-timeout": { type: "string" },
  cache: { type: "string" },
  "no-cache": { type: "boolean" },
  timings: { type: "boolean" },
  "atomic-link": { type: "boolean" },
  report: { type: "string" },
  shard: { type: "string" },
  format: { type: "string" },
  strict: { type: "boolean" },
  port: { type: "string" },
  host: { type: "string" },
  open: { type: "boolean" },
  tags: { type: "string" },
  "source-url": { type: "string" },
  "source-name": { type: "string" },
  author: { type: "string" },
  summary: { type: "string" },
  title: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Parsed command-line values. */
export type CliValues = ReturnType<typeof parseCli>["values"];

/** Where a command prints. */
export interface CliIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/**
 * Parses argv (without node and script); throws a CommandLineError, a sentence of our own, on an
 * unknown option or a missing value. `optionsOf` gives a command's options, for "did you mean".
 */
export function parseCli(argv: readonly string[], optionsOf?: (command: string) => readonly string[] | undefined) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (cause) {
    throw explainParseError(cause, argv, OPTIONS, optionsOf);
  }
}

/** The build settings every command shares, from the command line. */
export function overridesFrom(values: CliValues): ConfigOverrides {
  return {
    paths: {
      ...(values.content !== undefined && { content: values.content }),
      ...(values.templates !== undefined && { templates: values.templates }),
      ...(values.public !== undefined && { public: values.public }),
      ...(values.out !== undefined && { out: values.out }),
      ...(values.cache !== undefined && { cache: values.cache }),
      ...(values["no-cache"] && { cache: null }),
    },
    ...(values.jobs !== undefined && { threads: Number(values.jobs) }),
    ...(values["render-timeout"] !== undefined && { renderTimeout: Number(values["render-timeout"]) }),
    ...(values["base-url"] !== undefined && { baseUrl: values["base-url"] }),
    ...(values.drafts !== undefined && { includeDrafts: values.drafts }),
    ...(values.now !== undefined && { now: values.now }),
  };
}
