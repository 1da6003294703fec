/** I/O edge: reads the content folder into SourceFiles (sorted, so file-system order never matters). */
import { promises as fs, readFileSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import path from "node:path";
import { error, type Diagnostic } from "../errors.js";
import type { SourceFile } from "../model.js";
import { hashOf } from "../cache/hash.js";

/** Everything the content folder holds, read once. */
export interface ContentSources {
  readonly siteYaml: string | null;
  readonly articles: readonly SourceFile[];
  readonly pages: readonly SourceFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Size, times and hash of every article file, for the next build. */
  readonly stamps: Map<string, FileStamp>;
}

/** What identifies an unchanged file without reading it (as git's index does). */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly hash: string;
}

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * Reads site.yaml, articles/**\/*.md and pages/*.md. Only articles/ is required. An article whose
 * size and times match `known` is not read: its hash comes from there and its text is read only
 * if a later stage asks for it.
 */
export async function readSources(contentDir: string, known: ReadonlyMap<string, FileStamp> = new Map()): Promise<ContentSources> {
  const diagnostics: Diagnostic[] = [];
  const stamps = new Map<string, FileStamp>();
  const articlesDir = path.join(contentDir, "articles");
  if (!(await isDirectory(articlesDir))) {
    return {
      siteYaml: null,
      articles: [],
      pages: [],
      diagnostics: [error("MissingContent", `No articles folder at ${articlesDir}`, { file: articlesDir, hint: "Create content/articles/ with one Markdown file per article, or pass --content DIR." })],
      stamps,
    };
  }
  const siteYamlPath = path.join(contentDir, "site.yaml");
  const siteYaml = (await isFile(siteYamlPath)) ? readText(siteYamlPath, diagnostics) : null;
  const articles = await readCollection(articlesDir, true, diagnostics, known, stamps);
  const pagesDir = path.join(contentDir, "pages");
  const pages = (await isDirectory(pagesDir)) ? await readCollection(pagesDir, false, diagnostics, new Map(), new Map()) : [];
  return { siteYaml, articles, pages, diagnostics, stamps };
}

async function readCollection(dir: string, isRecursive: boolean, diagnostics: Diagnostic[], known: ReadonlyMap<string, FileStamp>, stamps: Map<string, FileStamp>): Promise<SourceFile[]> {
  const relPaths = (await listMarkdown(dir, "", isRecursive)).sort();
  const files: SourceFile[] = [];
  for (const relPath of relPaths) {
    const full = path.join(dir, relPath);
    const shown = path.relative(process.cwd(), full) || full;
    const stat = statSafe(full);
    const previous = known.get(shown);
    if (stat && previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs && previous.ctimeMs === stat.ctimeMs) {
      stamps.set(shown, previous);
      files.push(lazySource(shown, relPath, previous.hash));
      continue;
    }
    const text = readText(full, diagnostics);
    if (text === null) continue;
    const hash = hashOf(text);
    if (stat) stamps.set(shown, { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, hash });
    files.push({ path: shown, relPath, hash, text });
  }
  return files;
}

/** A source known unchanged: its text is read from disk only if asked for. */
function lazySource(shown: string, relPath: string, hash: string): SourceFile {
  let text: string | undefined;
  return {
    path: shown,
    relPath,
    hash,
    get text() {
      return (text ??= readSourceAgain(shown, relPath).text);
    },
  };
}

function statSafe(file: string): { size: number; mtimeMs: number; ctimeMs: number } | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
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
  return { path: sourcePath, relPath, hash: hashOf(text), text };
}
