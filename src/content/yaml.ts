/** The one module that parses YAML: YAML 1.2 core schema (dates stay strings), with positions. */
import {
  LineCounter,
  parseDocument,
  isAlias,
  isMap,
  isSeq,
  isScalar,
  isPair,
  isCollection,
  stringify,
  visit,
  type Node,
  type Document,
} from "yaml";

/**
 * Most bytes of front-matter (the text between the fences, YAML or TOML) and of site.yaml. Both
 * hold metadata, a few KB at most, and are parsed whole on the main thread: 1 MB of keys took over a
 * minute, while the slowest 64 KB we found (aliases of a 20,000-item list) takes about 150 ms.
 */
const MAX_FRONT_MATTER_BYTES = 64 * 1024;

/**
 * Most keys in front-matter or site.yaml, counting every key of every map, nested ones included.
 * Real front-matter has a few dozen; each key reaches templates as a field, so a data dump of
 * thousands of keys is a mistake to report, not metadata to render.
 */
export const MAX_FRONT_MATTER_KEYS = 1_000;

/**
 * Most aliases (`*name`) in front-matter or site.yaml. The yaml library finds each alias's anchor by
 * scanning every earlier anchor and alias, so n aliases cost n²: 6,000 in 64 KB took over a second.
 * Expansion is capped separately (maxAliasCount); real front-matter rarely has a single alias.
 */
const MAX_FRONT_MATTER_ALIASES = 100;

/** A problem at a 1-based line and column of the YAML (or TOML) text. */
export interface YamlProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /**
   * True when the text is over MAX_FRONT_MATTER_BYTES, _KEYS or _ALIASES rather than wrong; the
   * message then starts with a verb ("is 70,000 bytes; …") for the caller to name the file.
   */
  readonly isOverLimit?: boolean;
}

/** A parsed YAML document: plain data, syntax problems with positions, and a key locator. */
export interface YamlResult {
  readonly data: unknown;
  readonly errors: readonly YamlProblem[];
  /** 1-based line/column of the value (or key) at a path, relative to the YAML text. */
  readonly locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

/** The size problem of text over MAX_FRONT_MATTER_BYTES (at its first line), or undefined; checked before any parsing. */
export function sizeProblem(text: string): YamlProblem | undefined {
  // Counting UTF-8 bytes is linear and allocates nothing, so it is safe on any input.
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= MAX_FRONT_MATTER_BYTES) return undefined;
  const message = `is ${bytes.toLocaleString("en")} bytes; the limit is ${MAX_FRONT_MATTER_BYTES.toLocaleString("en")} bytes (${MAX_FRONT_MATTER_BYTES / 1024} KB)`;
  return { message, line: 1, column: 1, isOverLimit: true };
}

/** The key-count problem for `count` keys, at the first key over MAX_FRONT_MATTER_KEYS. */
export function keyCountProblem(count: number, at: { line: number; column: number }): YamlProblem {
  const message = `has ${count.toLocaleString("en")} keys; the limit is ${MAX_FRONT_MATTER_KEYS.toLocaleString("en")}, nested keys included`;
  return { message, ...at, isOverLimit: true };
}

/**
 * Parses YAML without turning timestamps into Dates: a date without an offset must be read in the
 * site's time zone, which the YAML 1.1 timestamp type would silently read as UTC. Text over
 * MAX_FRONT_MATTER_BYTES is not parsed; a document over the key or alias limit gives no data.
 */
export function parseYaml(text: string): YamlResult {
  const tooBig = sizeProblem(text);
  if (tooBig) return { data: undefined, errors: [tooBig], locate: () => undefined };
  const lineCounter = new LineCounter();
  // The library's own unique-key check compares each key with every earlier key of its map
  // (100,000 keys took over a minute); inspectNodes does the same check with a Set per map.
  const doc = parseDocument(text, {
    schema: "core",
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    logLevel: "error",
  });
  const nodes = inspectNodes(doc);
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  let errors: YamlProblem[];
  if (nodes.keyOverLimitAt !== undefined) {
    errors = [keyCountProblem(nodes.keys, at(nodes.keyOverLimitAt))];
  } else if (nodes.aliasOverLimitAt !== undefined) {
    const message = `has ${nodes.aliases.toLocaleString("en")} aliases (*name); the limit is ${MAX_FRONT_MATTER_ALIASES}`;
    errors = [{ message, ...at(nodes.aliasOverLimitAt), isOverLimit: true }];
  } else {
    errors = [...doc.errors.map((e) => ({ offset: e.pos[0], message: firstLine(e.message) })), ...nodes.duplicates]
      .sort((a, b) => a.offset - b.offset)
      .map((e) => ({ message: e.message, ...at(e.offset) }));
  }
  let data: unknown;
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      // Aliases are resolved only here: one naming no anchor, or so many that expanding them would
      // exhaust memory ("billion laughs"), throws instead of being listed in doc.errors.
      errors.push(aliasError(doc, lineCounter, (cause as Error).message));
    }
    errors.push(...loneSurrogates(doc, lineCounter));
    if (errors.length > 0) data = undefined;
  }
  const locate = (path: readonly (string | number)[]) => {
    let node: unknown = doc.contents;
    let offset: number | undefined = rangeStart(node);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        node = node.items[key];
        offset = rangeStart(node) ?? offset;
      } else break;
    }
    if (offset === undefined) return undefined;
    return at(offset);
  };
  return { data, errors, locate };
}

/** What inspectNodes finds: counts, the offset of the first key or alias over its limit, duplicate keys. */
interface NodeReport {
  keys: number;
  keyOverLimitAt?: number;
  aliases: number;
  aliasOverLimitAt?: number;
  readonly duplicates: { offset: number; message: string }[];
}

/**
 * Counts every key of every map (block or flow, nested, or inside a key) and every alias in document
 * order, and finds duplicate keys, in one pass with a Set per map. Keys are equal as the library's
 * `uniqueKeys` check compares them: scalars of the same type and value (1 and "1" differ).
 * The walk keeps its own stack, so deep nesting cannot overflow the call stack.
 */
function inspectNodes(doc: Document): NodeReport {
  const report: NodeReport = { keys: 0, aliases: 0, duplicates: [] };
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      if (++report.aliases === MAX_FRONT_MATTER_ALIASES + 1) report.aliasOverLimitAt = rangeStart(node) ?? 0;
    } else if (isPair(node)) {
      if (++report.keys === MAX_FRONT_MATTER_KEYS + 1)
        report.keyOverLimitAt = rangeStart(node.key) ?? rangeStart(node.value) ?? 0;
      stack.push(node.value, node.key);
    } else if (isCollection(node)) {
      if (isMap(node)) {
        const seen = new Set<unknown>();
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          // Same wording as the yaml library's own check, which tests and users already know.
          if (seen.has(pair.key.value))
            report.duplicates.push({ offset: rangeStart(pair.key) ?? 0, message: "Map keys must be unique" });
          else seen.add(pair.key.value);
        }
      }
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return report;
}

/** A syntax problem for an alias that cannot be expanded, at the alias it names (or the first alias). */
function aliasError(doc: Document, lineCounter: LineCounter, message: string): YamlProblem {
  const unresolved = /^Unresolved alias.*: (.+)$/.exec(message)?.[1];
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      if (unresolved !== undefined && node.source !== unresolved) return undefined;
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  const pos = lineCounter.linePos(offset);
  const text =
    unresolved !== undefined
      ? `Alias *${unresolved} names no anchor: write &${unresolved} on a value before using it`
      : /^Excessive alias count/.test(message)
        ? "Aliases (*name) expand to too many values; write the values out instead"
        : firstLine(message);
  return { message: text, line: pos.line, column: pos.col };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Escapes such as "\uD800" give half a UTF-16 surrogate pair, which is no character: it cannot be
 * written to a UTF-8 page or feed (TOML refuses the same escape), so it is a syntax error here too.
 */
function loneSurrogates(doc: Document, lineCounter: LineCounter): YamlProblem[] {
  const found: YamlProblem[] = [];
  visit(doc, {
    Scalar(_, node) {
      const at = typeof node.value === "string" ? LONE_SURROGATE.exec(node.value) : null;
      if (!at) return;
      const code = at[0].charCodeAt(0).toString(16).toUpperCase();
      const pos = lineCounter.linePos(node.range?.[0] ?? 0);
      found.push({
        message: `"\\u${code}" is half of a surrogate pair, not a character: write the character itself (or \\U0001F600 for one above U+FFFF)`,
        line: pos.line,
        column: pos.col,
      });
    },
  });
  return found;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function firstLine(message: string): string {
  // The parser reports running out of stack in deeply nested lists or maps as an error of its own.
  if (message.includes("Maximum call stack size exceeded")) return "Lists or maps are nested too deeply to read";
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Writes plain data as YAML (core schema), quoting whatever would not read back as the same text. */
export function stringifyYaml(data: Readonly<Record<string, unknown>>): string {
  return stringify(data, { schema: "core", lineWidth: 0 });
}
