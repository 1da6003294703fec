/** The one module that parses YAML: YAML 1.2 core schema (dates stay strings), with positions. */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node, isPair, stringify, visit, type Document } from "yaml";

/** A parsed YAML document: plain data, syntax problems with positions, and a key locator. */
export interface YamlResult {
  readonly data: unknown;
  readonly errors: readonly { message: string; line: number; column: number }[];
  /** 1-based line/column of the value (or key) at a path, relative to the YAML text. */
  readonly locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

/**
 * Parses YAML without turning timestamps into Dates: a date without an offset must be read in the
 * site's time zone, which the YAML 1.1 timestamp type would silently read as UTC.
 */
export function parseYaml(text: string): YamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: "core", lineCounter, uniqueKeys: true, prettyErrors: false, logLevel: "error" });
  const errors = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    return { message: firstLine(e.message), line: pos.line, column: pos.col };
  });
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
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return { data, errors, locate };
}

/** A syntax problem for an alias that cannot be expanded, at the alias it names (or the first alias). */
function aliasError(doc: Document, lineCounter: LineCounter, message: string): { message: string; line: number; column: number } {
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
function loneSurrogates(doc: Document, lineCounter: LineCounter): { message: string; line: number; column: number }[] {
  const found: { message: string; line: number; column: number }[] = [];
  visit(doc, {
    Scalar(_, node) {
      const at = typeof node.value === "string" ? LONE_SURROGATE.exec(node.value) : null;
      if (!at) return;
      const code = at[0].charCodeAt(0).toString(16).toUpperCase();
      const pos = lineCounter.linePos(node.range?.[0] ?? 0);
      found.push({ message: `"\\u${code}" is half of a surrogate pair, not a character: write the character itself (or \\U0001F600 for one above U+FFFF)`, line: pos.line, column: pos.col });
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
