/** Splits a source file into front-matter and body; the one module that uses gray-matter. */
import matter from "gray-matter";
import { error, type Diagnostic } from "../errors.js";
import type { ParsedSource, SourceFile } from "../model.js";
import { parseYaml, type YamlResult } from "./yaml.js";

// gray-matter's built-in `js`/`javascript` engines eval() the front-matter: content must never run
// code during a build, so every language but YAML is refused before gray-matter sees the file.
const refuse = () => {
  throw new Error("Internal error: non-YAML front-matter reached gray-matter");
};
const ENGINES = { yaml: refuse, js: refuse, javascript: refuse, json: refuse, coffee: refuse, toml: refuse };
const FENCE_LANGUAGE = /^---[ \t]*([^\s-][^\n]*)?\n/;

/** Parses front-matter; a YAML syntax error is reported at its line in the file. */
export function parseFrontMatter(file: SourceFile): ParsedSource | Diagnostic[] {
  // Editors' files may start with a BOM or blank lines before "---"; both are allowed.
  const text = file.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const leading = /^(?:[ \t]*\n)*/.exec(text)![0];
  const blankLines = leading.split("\n").length - 1;
  const source = text.slice(leading.length);

  const language = FENCE_LANGUAGE.exec(source)?.[1]?.trim();
  if (language && !/^ya?ml$/i.test(language)) {
    return [
      error("YamlSyntax", `Front-matter language "${language}" is not supported`, {
        file: file.path,
        line: blankLines + 1,
        column: 4,
        hint: "Write the front-matter in YAML between two `---` lines.",
      }),
    ];
  }

  let yaml: YamlResult | undefined;
  const parsed = matter(source, {
    language: "yaml",
    engines: { ...ENGINES, yaml: (raw: string) => ((yaml = parseYaml(raw)), {}) },
  });
  // The raw matter starts with the newline after the opening "---", so its line L is file line L + blankLines.
  if (yaml && yaml.errors.length > 0) {
    return yaml.errors.map((e) =>
      error("YamlSyntax", `Front-matter is not valid YAML: ${e.message}`, {
        file: file.path,
        line: e.line + blankLines,
        column: e.column,
        hint: "Fix the YAML syntax; quote values that contain ': ' or start with a special character.",
      }),
    );
  }
  const data = yaml?.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return [
      error("YamlSyntax", "Front-matter must be a set of `key: value` lines", {
        file: file.path,
        line: blankLines + 2,
        column: 1,
        hint: "Write one `key: value` per line between the two `---` lines.",
      }),
    ];
  }
  const finalYaml = yaml as YamlResult | undefined;
  return {
    file,
    data: (data ?? {}) as Record<string, unknown>,
    body: parsed.content,
    // The body is whatever follows the front-matter: count the lines before it.
    bodyLine: blankLines + lineCount(source) - lineCount(parsed.content) + 1,
    locate: (path) => {
      const pos = finalYaml?.locate(path);
      return pos ? { line: pos.line + blankLines, column: pos.column } : undefined;
    },
  };
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The Markdown body of a file, without parsing its front-matter (for re-rendering cached articles). */
export function splitBody(file: SourceFile): string {
  const text = file.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const source = text.slice(/^(?:[ \t]*\n)*/.exec(text)![0].length);
  return matter(source, { language: "yaml", engines: { ...ENGINES, yaml: () => ({}) } }).content;
}
