/** Splits a source file into front-matter and body; the one module that uses gray-matter. */
import matter from "gray-matter";
import { error, type Diagnostic } from "../errors.js";
import type { ParsedSource, SourceFile } from "../model.js";
import { parseYaml, type YamlResult } from "./yaml.js";

/** Parses front-matter; a YAML syntax error is reported at its line in the file. */
export function parseFrontMatter(file: SourceFile): ParsedSource | Diagnostic[] {
  // Editors' files may start with a BOM or blank lines before "---"; both are allowed.
  const text = file.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const leading = /^(?:[ \t]*\n)*/.exec(text)![0];
  const blankLines = leading.split("\n").length - 1;
  let yaml: YamlResult | undefined;
  const parsed = matter(text.slice(leading.length), {
    engines: { yaml: (raw: string) => ((yaml = parseYaml(raw)), {}) },
  });
  const hasMatter = yaml !== undefined;
  const hasFence = text.startsWith("---", leading.length);
  // The raw matter starts with the newline after the opening "---", so its line L is file line L + blankLines.
  const shift = blankLines;
  if (yaml && yaml.errors.length > 0) {
    return yaml.errors.map((e) =>
      error("YamlSyntax", `Front-matter is not valid YAML: ${e.message}`, {
        file: file.path,
        line: e.line + shift,
        column: e.column,
        hint: "Fix the YAML syntax; quote values that contain ': ' or start with a special character.",
      }),
    );
  }
  const data = yaml?.data ?? {};
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    if (data === null) return finish(file, {}, parsed.content, blankLines, parsed.matter, hasFence, yaml);
    return [
      error("YamlSyntax", "Front-matter must be a set of `key: value` lines", {
        file: file.path,
        line: blankLines + 2,
        column: 1,
        hint: "Write one `key: value` per line between the two `---` lines.",
      }),
    ];
  }
  return finish(file, hasMatter ? (data as Record<string, unknown>) : {}, parsed.content, blankLines, parsed.matter, hasFence, yaml);
}

function finish(
  file: SourceFile,
  data: Record<string, unknown>,
  body: string,
  blankLines: number,
  rawMatter: string,
  hasFence: boolean,
  yaml: YamlResult | undefined,
): ParsedSource {
  const matterNewlines = rawMatter.split("\n").length - 1;
  const bodyLine = hasFence ? blankLines + 1 + matterNewlines + 2 : blankLines + 1;
  return {
    file,
    data,
    body,
    bodyLine,
    locate: (path) => {
      const pos = yaml?.locate(path);
      return pos ? { line: pos.line + blankLines, column: pos.column } : undefined;
    },
  };
}
