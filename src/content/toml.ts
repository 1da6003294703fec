/** The one module that parses TOML (Hugo's `+++` front-matter), returning the same shape as YAML. */
import { parse, TomlDate, TomlError } from "smol-toml";
import { keyCountProblem, MAX_FRONT_MATTER_KEYS, type YamlResult } from "./yaml.js";

/**
 * Parses TOML front-matter. Dates become the text they were written as ("2024-05-01",
 * "2024-05-01T10:00:00+02:00"), so a date without an offset is read in the site's time zone, as in YAML.
 */
export function parseToml(text: string): YamlResult {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (cause) {
    if (!(cause instanceof TomlError)) throw cause;
    return {
      data: undefined,
      errors: [{ message: cause.message.split("\n")[0]!, line: cause.line, column: cause.column }],
      locate: () => undefined,
    };
  }
  // smol-toml reads many keys in linear time (100,000 in about 120 ms), so the count can wait until
  // after parsing; the caller has already refused text over MAX_FRONT_MATTER_BYTES.
  const keys = countKeys(parsed);
  if (keys.overLimitPath) {
    return {
      data: undefined,
      errors: [keyCountProblem(keys.count, locateKey(text, keys.overLimitPath) ?? { line: 1, column: 1 })],
      locate: () => undefined,
    };
  }
  const rolled = rolledOverDate(parsed, new Set(text.match(/\d{4}-\d{2}-\d{2}/g)), []);
  if (rolled) {
    const pos = locateKey(text, rolled) ?? { line: 1, column: 1 };
    return {
      data: undefined,
      errors: [{ message: `\`${rolled.join(".")}\` is a date that does not exist (such as February 30)`, ...pos }],
      locate: () => undefined,
    };
  }
  return { data: datesToText(parsed), errors: [], locate: (path) => locateKey(text, path) };
}

/**
 * The path of a date smol-toml moved to the next month instead of refusing it (1979-02-30 becomes
 * 1979-03-02, as JavaScript's Date does), or null. A real date's day is written in the text as is:
 * `writtenDays` holds every YYYY-MM-DD of the text, found once (searching the text for each date
 * took 140 ms for 64 KB of dates).
 */
function rolledOverDate(
  value: unknown,
  writtenDays: ReadonlySet<string>,
  path: (string | number)[],
): (string | number)[] | null {
  if (value instanceof TomlDate)
    return !value.isTime() && !writtenDays.has(value.toISOString().slice(0, 10)) ? path : null;
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = rolledOverDate(item, writtenDays, [...path, Array.isArray(value) ? Number(key) : key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Every key of every table (nested, inline and in arrays of tables) and the path of the first key over
 * MAX_FRONT_MATTER_KEYS, in the order smol-toml stored them (close to, not exactly, the text's order).
 * Iterative, with parent links instead of copied paths: `[a.a.a…]` headers nest tables 30,000 deep.
 */
function countKeys(root: unknown): { count: number; overLimitPath?: (string | number)[] } {
  type Step = { readonly value: unknown; readonly key?: string | number; readonly parent?: Step };
  const pathOf = (step: Step): (string | number)[] => (step.parent ? [...pathOf(step.parent), step.key!] : []);
  let count = 0;
  let overLimitPath: (string | number)[] | undefined;
  const stack: Step[] = [{ value: root }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { value } = step;
    if (value === null || typeof value !== "object" || value instanceof TomlDate) continue;
    const entries = Object.entries(value);
    const isTable = !Array.isArray(value);
    for (let i = entries.length - 1; i >= 0; i--)
      stack.push({ value: entries[i]![1], key: isTable ? entries[i]![0] : i, parent: step });
    if (!isTable) continue;
    if (count <= MAX_FRONT_MATTER_KEYS && count + entries.length > MAX_FRONT_MATTER_KEYS)
      overLimitPath = [...pathOf(step), entries[MAX_FRONT_MATTER_KEYS - count]![0]];
    count += entries.length;
  }
  return { count, overLimitPath };
}

function datesToText(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map(datesToText);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, datesToText(v)]));
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
    const re = new RegExp(`^(\\s*)["']?${escapeRegExp(name)}["']?\\s*=`);
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
  const re = new RegExp(`^\\s*\\[\\[?\\s*["']?${escapeRegExp(name)}["']?\\s*\\]`);
  const i = lines.findIndex((l) => re.test(l));
  return i === -1 ? undefined : { line: i + 1, column: 1 };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
