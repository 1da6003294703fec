/** The one module that parses TOML (Hugo's `+++` front-matter), returning the same shape as YAML. */
import { parse, TomlDate, TomlError } from "smol-toml";
import type { YamlResult } from "./yaml.js";

/**
 * Parses TOML front-matter. Dates become the text they were written as ("2024-05-01",
 * "2024-05-01T10:00:00+02:00"), so a date without an offset is read in the site's time zone, as in YAML.
 */
export function parseToml(text: string): YamlResult {
  let data: unknown;
  try {
    data = datesToText(parse(text));
  } catch (cause) {
    if (!(cause instanceof TomlError)) throw cause;
    return { data: undefined, errors: [{ message: cause.message.split("\n")[0]!, line: cause.line, column: cause.column }], locate: () => undefined };
  }
  return { data, errors: [], locate: (path) => locateKey(text, path) };
}

function datesToText(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map(datesToText);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, datesToText(v)]));
  return value;
}

/**
 * Finds the line of a key path: `key = …` at the top, or `name = …` under a `[table]` header, or
 * the header itself; inline tables are found by their first key. Good enough to point at a line.
 */
function locateKey(text: string, path: readonly (string | number)[]): { line: number; column: number } | undefined {
  const lines = text.split("\n");
  const [first, second] = path;
  if (first === undefined) return undefined;
  const keyLine = (name: string, from: number, to: number) => {
    const re = new RegExp(`^(\\s*)["']?${escape(name)}["']?\\s*=`);
    for (let i = from; i < to; i++) {
      const m = re.exec(lines[i]!);
      if (m) return { line: i + 1, column: m[1]!.length + 1 };
    }
    return undefined;
  };
  const firstTable = lines.findIndex((l) => /^\s*\[/.test(l));
  const topEnd = firstTable === -1 ? lines.length : firstTable;
  const top = keyLine(String(first), 0, topEnd);
  if (top || typeof second !== "string") return top ?? tableLine(lines, String(first));
  const header = tableLine(lines, String(first));
  if (!header) return undefined;
  const next = lines.findIndex((l, i) => i >= header.line && /^\s*\[/.test(l));
  return keyLine(second, header.line, next === -1 ? lines.length : next) ?? header;
}

function tableLine(lines: readonly string[], name: string): { line: number; column: number } | undefined {
  const re = new RegExp(`^\\s*\\[\\[?\\s*["']?${escape(name)}["']?\\s*\\]`);
  const i = lines.findIndex((l) => re.test(l));
  return i === -1 ? undefined : { line: i + 1, column: 1 };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
