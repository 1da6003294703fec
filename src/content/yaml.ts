/** The one module that parses YAML: YAML 1.2 core schema (dates stay strings), with positions. */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node, isPair, stringify } from "yaml";

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
  const doc = parseDocument(text, { schema: "core", lineCounter, uniqueKeys: true, prettyErrors: false });
  const errors = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    return { message: firstLine(e.message), line: pos.line, column: pos.col };
  });
  const data = errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
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

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Writes plain data as YAML (core schema), quoting whatever would not read back as the same text. */
export function stringifyYaml(data: Readonly<Record<string, unknown>>): string {
  return stringify(data, { schema: "core", lineWidth: 0 });
}
