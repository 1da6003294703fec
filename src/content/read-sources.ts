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
  /** Page bundles: an article's source path → the files beside its index.md (copied with it). */
  readonly bundles: ReadonlyMap<string, Bundle>;
}

/** The folder of an `articles/<name>/index.md` article and the other files in it. */
export interface Bundle {
  /** The folder on disk. */
  readonly dir: string;
  /** Files in it other than Markdown, relative to it with "/" separators, sorted. */
  readonly files: readonly string[];
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
 * The largest article or page we render. Remark needs ~9 s and ~0.5 GB per MB of Markdown
 * (5.4 MB: 33 s, 2.8 GB peak; 8.5 MB: 66 s, 3.5 GB), so a bigger file — usually an export or a
 * data dump saved as .md — is refused with a clear message instead of exhausting memory.
 */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

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
      bundles: new Map(),
    };
  }
  const siteYamlPath = path.join(contentDir, "site.yaml");
  const siteYaml = (await isFile(siteYamlPath)) ? readText(siteYamlPath, diagnostics) : null;
  const bundleFiles = new Map<string, Bundle>();
  const articles = await readCollection(articlesDir, true, diagnostics, known, stamps, bundleFiles);
  const pagesDir = path.join(contentDir, "pages");
  const pages = (await isDirectory(pagesDir)) ? await readCollection(pagesDir, false, diagnostics, new Map(), new Map(), new Map()) : [];
  // Keyed by the path articles are known by (as shown in messages).
  const bundles = new Map([...bundleFiles].map(([rel, b]) => [shownPath(path.join(articlesDir, rel)), b]));
  return { siteYaml, articles, pages, diagnostics, stamps, bundles };
}

async function readCollection(dir: string, isRecursive: boolean, diagnostics: Diagnostic[], known: ReadonlyMap<string, FileStamp>, stamps: Map<string, FileStamp>, bundles: Map<string, Bundle>): Promise<SourceFile[]> {
  const relPaths = (await listMarkdown(dir, "", isRecursive, bundles)).sort();
  const files: SourceFile[] = [];
  for (const relPath of relPaths) {
    const full = path.join(dir, relPath);
    const shown = shownPath(full);
    const stat = statSafe(full);
    const previous = known.get(shown);
    if (stat && previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs && previous.ctimeMs === stat.ctimeMs) {
      stamps.set(shown, previous);
      files.push(lazySource(shown, relPath, previous.hash));
      continue;
    }
    if (stat && stat.size > MAX_SOURCE_BYTES) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      diagnostics.push(error("FileTooLarge", `File is ${mb(stat.size)}; Broadsheet renders articles and pages up to ${mb(MAX_SOURCE_BYTES)}`, { file: shown, hint: "Split it into several articles, or put large tables and data in files under public/ and link to them." }));
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

/** Names that are never content: drafts-by-convention, section files (`_index.md`), editor litter. */
const isHidden = (name: string) => name.startsWith(".") || name.startsWith("_");
const INDEX = /^index\.(md|markdown)$/i;

async function listMarkdown(root: string, rel: string, isRecursive: boolean, bundles: Map<string, Bundle>): Promise<string[]> {
  const entries = (await fs.readdir(path.join(root, rel), { withFileTypes: true })).filter((e) => !isHidden(e.name));
  // A folder below articles/ with an index.md is a page bundle: one article, the rest its files.
  const index = isRecursive && rel !== "" ? entries.find((e) => e.isFile() && INDEX.test(e.name)) : undefined;
  if (index) {
    const relPath = `${rel}/${index.name}`;
    bundles.set(relPath, { dir: path.join(root, rel), files: (await listFiles(path.join(root, rel), "")).filter((f) => !MARKDOWN.test(f)).sort() });
    return [relPath];
  }
  const out: string[] = [];
  for (const entry of entries) {
    const relPath = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory() && isRecursive) out.push(...(await listMarkdown(root, relPath, isRecursive, bundles)));
    // An index.md directly in articles/ describes the section (Hugo, the Node.js blog), not an article.
    else if (entry.isFile() && MARKDOWN.test(entry.name) && !(isRecursive && rel === "" && INDEX.test(entry.name))) out.push(relPath);
  }
  return out;
}

async function listFiles(root: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
    if (isHidden(entry.name)) continue;
    const relPath = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(root, relPath)));
    else if (entry.isFile()) out.push(relPath);
  }
  return out;
}

function shownPath(full: string): string {
  return path.relative(process.cwd(), full) || full;
}

// Synchronous on purpose: for thousands of small files it is several times faster than
// fs.promises (no thread-pool round trip per open/read/close), and the build waits anyway.
function readText(file: string, diagnostics: Diagnostic[]): string | null {
  const shown = shownPath(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    diagnostics.push(error("ReadError", `Cannot read file: ${(cause as Error).message}`, { file: shown, hint: "Check the file's permissions." }));
    return null;
  }
  if (!isUtf8(bytes)) {
    const [message, at] = describeEncoding(bytes);
    diagnostics.push(error("InvalidEncoding", message, { file: shown, ...at, hint: "Save the file as UTF-8 (most editors offer 'Save with encoding')." }));
    return null;
  }
  return bytes.toString("utf8");
}

/** Why bytes are not UTF-8, and where: a UTF-16 byte-order mark, or the first byte that breaks UTF-8. */
function describeEncoding(bytes: Buffer): [string, { line: number; column: number }] {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return ["File is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8", { line: 1, column: 1 }];
  }
  const at = Math.max(0, firstInvalidUtf8(bytes));
  const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
  const line = bytes.subarray(0, lineStart).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
  const column = bytes.subarray(lineStart, at).toString("utf8").length + 1;
  const hex = bytes[at]!.toString(16).toUpperCase().padStart(2, "0");
  return [`File is not valid UTF-8 text: byte 0x${hex} at line ${line}, column ${column} is not UTF-8 (Latin-1 or Windows-1252?)`, { line, column }];
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const extra = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    // The second byte's range excludes overlong forms, surrogates (ED A0–BF) and code points past U+10FFFF.
    const low = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const high = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (extra === 0 || !(b[i + 1]! >= low && b[i + 1]! <= high)) return i;
    for (let k = 2; k <= extra; k++) if (!(b[i + k]! >= 0x80 && b[i + k]! <= 0xbf)) return i;
    i += extra + 1;
  }
  return -1;
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
