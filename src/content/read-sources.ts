/** I/O edge: reads the content folder into SourceFiles (sorted, so file-system order never matters). */
import { promises as fs, readFileSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import path from "node:path";
import { error, type Diagnostic } from "../errors.js";
import type { SourceFile } from "../model.js";

/** Everything the content folder holds, read once. */
export interface ContentSources {
  readonly siteYaml: string | null;
  readonly articles: readonly SourceFile[];
  readonly pages: readonly SourceFile[];
  readonly diagnostics: readonly Diagnostic[];
}

const MARKDOWN = /\.(md|markdown)$/i;

/** Reads site.yaml, articles/**\/*.md and pages/*.md. Only articles/ is required. */
export async function readSources(contentDir: string): Promise<ContentSources> {
  const diagnostics: Diagnostic[] = [];
  const articlesDir = path.join(contentDir, "articles");
  if (!(await isDirectory(articlesDir))) {
    return {
      siteYaml: null,
      articles: [],
      pages: [],
      diagnostics: [error("MissingContent", `No articles folder at ${articlesDir}`, { file: articlesDir, hint: "Create content/articles/ with one Markdown file per article, or pass --content DIR." })],
    };
  }
  const siteYamlPath = path.join(contentDir, "site.yaml");
  const siteYaml = (await isFile(siteYamlPath)) ? readText(siteYamlPath, diagnostics) : null;
  const articles = await readCollection(articlesDir, true, diagnostics);
  const pagesDir = path.join(contentDir, "pages");
  const pages = (await isDirectory(pagesDir)) ? await readCollection(pagesDir, false, diagnostics) : [];
  return { siteYaml, articles, pages, diagnostics };
}

async function readCollection(dir: string, isRecursive: boolean, diagnostics: Diagnostic[]): Promise<SourceFile[]> {
  const relPaths = (await listMarkdown(dir, "", isRecursive)).sort();
  const files: SourceFile[] = [];
  for (const relPath of relPaths) {
    const full = path.join(dir, relPath);
    const text = readText(full, diagnostics);
    if (text !== null) files.push({ path: path.relative(process.cwd(), full) || full, relPath, text });
  }
  return files;
}

async function listMarkdown(root: string, rel: string, isRecursive: boolean): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    // Names starting with "_" or "." are drafts-by-convention, section files or editor litter.
    if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    const relPath = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory() && isRecursive) out.push(...(await listMarkdown(root, relPath, isRecursive)));
    // An index.md directly in articles/ describes the section (Hugo, the Node.js blog), not an article.
    else if (entry.isFile() && MARKDOWN.test(entry.name) && !(isRecursive && rel === "" && /^index\./i.test(entry.name))) out.push(relPath);
  }
  return out;
}

// Synchronous on purpose: for thousands of small files it is several times faster than
// fs.promises (no thread-pool round trip per open/read/close), and the build waits anyway.
function readText(file: string, diagnostics: Diagnostic[]): string | null {
  const shown = path.relative(process.cwd(), file) || file;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    diagnostics.push(error("ReadError", `Cannot read file: ${(cause as Error).message}`, { file: shown, hint: "Check the file's permissions." }));
    return null;
  }
  if (!isUtf8(bytes)) {
    diagnostics.push(error("InvalidEncoding", "File is not valid UTF-8 text", { file: shown, hint: "Save the file as UTF-8 (most editors offer 'Save with encoding')." }));
    return null;
  }
  return bytes.toString("utf8");
}

async function isDirectory(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isDirectory() ?? false;
}

async function isFile(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isFile() ?? false;
}

/** Reads one source file again by the path it was listed under (for re-rendering a body). */
export function readSourceAgain(sourcePath: string, relPath = path.basename(sourcePath)): SourceFile {
  const diagnostics: Diagnostic[] = [];
  const text = readText(sourcePath, diagnostics);
  if (text === null) throw new Error(`Internal error: ${sourcePath} could not be read again: ${diagnostics[0]?.message ?? ""}`);
  return { path: sourcePath, relPath, text };
}
