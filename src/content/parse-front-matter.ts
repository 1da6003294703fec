/** Splits a source file into front-matter (YAML `---` or TOML `+++`) and body; the one module that uses gray-matter. */
import matter from "gray-matter";
import { error, type Diagnostic } from "../errors.js";
import type { ParsedSource, SourceFile } from "../model.js";
import { parseYaml, sizeProblem, type YamlProblem, type YamlResult } from "./yaml.js";
import { parseToml } from "./toml.js";
import { cleanData } from "../text/clean-text.js";

// gray-matter's built-in `js`/`javascript` engines eval() the front-matter: content must never run
// code during a build, so every language but YAML is refused before gray-matter sees the file.
const refuse = () => {
  throw new Error("Internal error: non-YAML front-matter reached gray-matter");
};
const ENGINES = { yaml: refuse, js: refuse, javascript: refuse, json: refuse, coffee: refuse, toml: refuse };
const TOML_OPEN = /^\+\+\+[ \t]*\n/;
const TOML_CLOSE = /^\+\+\+[ \t]*$/m;

/** Parses front-matter; a YAML syntax error is reported at its line in the file. */
export function parseFrontMatter(file: SourceFile): ParsedSource | Diagnostic[] {
  // Editors' files may start with a BOM or blank lines before "---"; both are allowed.
  const text = file.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const leading = /^(?:[ \t]*\n)*/.exec(text)![0];
  const blankLines = leading.split("\n").length - 1;
  const source = withFenceLine(text.slice(leading.length));

  const language = fenceLanguage(source);
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

  if (TOML_OPEN.test(source)) return parseTomlSource(file, source, blankLines);

  let yaml: YamlResult | undefined;
  const parsed = matter(source, {
    language: "yaml",
    // gray-matter only finds the fences; parseYaml refuses matter over the size limit before parsing it.
    engines: {
      ...ENGINES,
      yaml: (raw: string) => {
        yaml = parseYaml(raw);
        return {};
      },
    },
  });
  // The raw matter starts with the newline after the opening "---", so its line L is file line L + blankLines.
  const bodyLine = blankLines + lineCount(source) - lineCount(parsed.content) + 1;
  return toParsed(file, yaml, parsed.content, bodyLine, blankLines, "YAML");
}

/**
 * The language gray-matter will read after an opening `---` ("js" in `---js`), trimmed as it trims
 * it (any Unicode space), or "" for none. gray-matter runs the engine of that name, so anything but
 * YAML is refused before it sees the file.
 */
function fenceLanguage(source: string): string {
  if (!source.startsWith("---") || source[3] === "-") return "";
  return source.slice(3, source.indexOf("\n")).trim();
}

/**
 * The text as gray-matter will see it: without the BOM it would strip itself (so the fence checks
 * here look at what it looks at), and with a newline after a lone `---…` line (it reads the
 * language up to the first newline and drops a character when there is none).
 */
function withFenceLine(text: string): string {
  const source = text.replace(/^\uFEFF/, "");
  return source.startsWith("---") && !source.includes("\n") ? `${source}\n` : source;
}

/** Hugo's TOML front-matter between two `+++` lines. */
function parseTomlSource(file: SourceFile, source: string, blankLines: number): ParsedSource | Diagnostic[] {
  const afterOpen = source.slice(source.indexOf("\n") + 1);
  const close = TOML_CLOSE.exec(afterOpen);
  if (!close) {
    return [
      error("TomlSyntax", "TOML front-matter has no closing `+++` line", {
        file: file.path,
        line: blankLines + 1,
        column: 1,
        hint: "End the front-matter with a line containing only `+++`.",
      }),
    ];
  }
  const raw = afterOpen.slice(0, close.index);
  const rest = afterOpen.slice(close.index + close[0].length);
  const body = rest.startsWith("\n") ? rest.slice(1) : rest;
  // The raw TOML starts on the line after "+++": its line L is file line L + 1 + blankLines.
  const bodyLine = blankLines + lineCount(raw) + 2;
  const tooBig = sizeProblem(raw);
  // Checked before smol-toml sees the text; line 1 + blankLines is the opening "+++".
  if (tooBig) return [overLimit(file, tooBig, blankLines)];
  return toParsed(file, parseToml(raw), body, bodyLine, blankLines + 1, "TOML");
}

function toParsed(
  file: SourceFile,
  result: YamlResult | undefined,
  body: string,
  bodyLine: number,
  lineOffset: number,
  language: "YAML" | "TOML",
): ParsedSource | Diagnostic[] {
  const code = language === "YAML" ? "YamlSyntax" : "TomlSyntax";
  const fence = language === "YAML" ? "---" : "+++";
  if (result && result.errors.length > 0) {
    return result.errors.map((e) =>
      e.isOverLimit
        ? overLimit(file, e, lineOffset)
        : error(code, `Front-matter is not valid ${language}: ${e.message}`, {
            file: file.path,
            line: e.line + lineOffset,
            column: e.column,
            hint:
              language === "YAML"
                ? "Fix the YAML syntax; quote values that contain ': ' or start with a special character."
                : 'Fix the TOML syntax: `key = "text"`, `tags = ["a", "b"]`, dates unquoted (2024-05-01T10:00:00Z).',
          }),
    );
  }
  const data = result?.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return [
      error(code, "Front-matter must be a set of `key: value` lines", {
        file: file.path,
        line: lineOffset + (language === "YAML" ? 2 : 1),
        column: 1,
        hint: `Write one key and value per line between the two \`${fence}\` lines.`,
      }),
    ];
  }
  return {
    file,
    // The one place all front-matter passes: no field (title, tags, unknown keys for templates) can
    // carry a control character, noncharacter or lone surrogate to a page.
    data: cleanData(data ?? {}) as Record<string, unknown>,
    body,
    bodyLine,
    locate: (path) => {
      const pos = result?.locate(path);
      return pos ? { line: pos.line + lineOffset, column: pos.column } : undefined;
    },
  };
}

function overLimit(file: SourceFile, problem: YamlProblem, lineOffset: number): Diagnostic {
  return error("FrontMatterTooLarge", `Front-matter ${problem.message}`, {
    file: file.path,
    line: problem.line + lineOffset,
    column: problem.column,
    hint: "Keep front-matter to metadata (title, date, tags, summary); move long text into the body and data into a file under public/.",
  });
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The Markdown body of a file, without parsing its front-matter (for re-rendering cached articles). */
export function splitBody(file: SourceFile): string {
  const text = file.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const source = withFenceLine(text.slice(/^(?:[ \t]*\n)*/.exec(text)![0].length));
  if (fenceLanguage(source) !== "" && !/^ya?ml$/i.test(fenceLanguage(source))) return "";
  if (TOML_OPEN.test(source)) {
    const parsed = parseTomlSource(file, source, 0);
    return Array.isArray(parsed) ? "" : parsed.body;
  }
  return matter(source, { language: "yaml", engines: { ...ENGINES, yaml: () => ({}) } }).content;
}
