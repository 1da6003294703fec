/** Node's parseArgs errors → short sentences of our own, with "did you mean" for a mistyped option. */
import { parseArgs } from "node:util";
import { didYouMean } from "../text/did-you-mean.js";

/** A command line we cannot run; the message is ready to print above the usage. */
class CommandLineError extends Error {
  override readonly name = "CommandLineError";
}

/** How an option's value is shown in messages (`--content DIR`). */
const VALUE_NAMES: Readonly<Record<string, string>> = {
  content: "DIR",
  templates: "DIR",
  public: "DIR",
  out: "DIR",
  cache: "DIR",
  "base-url": "URL",
  "source-url": "URL",
  now: "ISO",
  jobs: "N",
  port: "N",
  "render-timeout": "S",
  host: "H",
  format: "text|json|github",
  tags: "a,b",
  "source-name": "NAME",
  author: "NAME",
  summary: "TEXT",
  title: "TEXT",
};

type OptionTable = Readonly<Record<string, { readonly type: "string" | "boolean"; readonly short?: string }>>;

/**
 * The sentence for a command line parseArgs refused (`cause`), found by reading `argv` again
 * leniently; anything that is not a parseArgs error comes back unchanged. An unknown option is
 * compared with the options of the command it was given to (`optionsOf`; all options when the
 * command is unknown).
 */
export function explainParseError(
  cause: unknown,
  argv: readonly string[],
  options: OptionTable,
  optionsOf?: (command: string) => readonly string[] | undefined,
): unknown {
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) return cause;
  const { tokens } = parseArgs({ args: [...argv], allowPositionals: true, options, strict: false, tokens: true });
  const command = tokens.find((t) => t.kind === "positional")?.value ?? "build";
  const candidates = optionsOf?.(command) ?? Object.keys(options);
  for (const token of tokens) {
    if (token.kind === "positional" && code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
      return new CommandLineError(`Unexpected argument "${token.value}".`);
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (option === undefined) {
      // Only long options get suggestions: one letter is too short to guess from.
      const meant = token.rawName.startsWith("--") ? didYouMean(token.name, candidates) : null;
      return new CommandLineError(
        meant === null
          ? `Unknown option ${token.rawName}.`
          : `Unknown option ${token.rawName}: did you mean --${meant}?`,
      );
    }
    const usage = `--${token.name} ${VALUE_NAMES[token.name] ?? "VALUE"}`;
    if (option.type === "boolean" && token.value !== undefined)
      return new CommandLineError(`--${token.name} takes no value (got "${token.rawName}=${token.value}").`);
    if (option.type === "string" && token.value === undefined)
      return new CommandLineError(`--${token.name} needs a value (${usage}).`);
    if (option.type === "string" && !token.inlineValue && token.value?.startsWith("-")) {
      return new CommandLineError(
        `--${token.name} needs a value (${usage}), not the option "${token.value}"; write --${token.name}=${token.value} if that is the value.`,
      );
    }
  }
  return new CommandLineError(`The command line cannot be read: ${(cause as Error).message}`);
}
