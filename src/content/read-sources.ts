/** I/O edge: reads the content folder into SourceFiles (sorted, so file-system order never matters). */
import { statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import path from "node:path";
import { error, SiteError, type Diagnostic } from "../errors.js";
import {
  listFolder,
  readBytes,
  readPolicyFor,
  readUnderPolicy,
  resolveUnderPolicy,
  shownPath,
  type ReadPolicy,
} from "../io/read-policy.js";
import type { SourceFile } from "../model.js";
import { hashOf } from "../cache/hash.js";

/** Everything the content folder holds, read once. */
export interface ContentSources {
  readonly siteYaml: string | null;
  readonly articles: readonly SourceFile[];
  readonly pages: readonly SourceFile[];
  /** Author profiles (content/authors/*.md): never articles or pages. */
  readonly authors: readonly SourceFile[];
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
  /** Where to read each of `files` (its real path when reached through a link inside the site). */
  readonly paths: ReadonlyMap<string, string>;
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
 * Reads site.yaml, articles/**\/*.md, pages/*.md and authors/*.md. Only articles/ is required. An article whose
 * size and times match `known` is not read: its hash comes from there and its text is read only
 * if a later stage asks for it. Links are followed only inside the site (`policy`); a link out of
 * it, a loop or an unreadable folder is an error, never an empty folder.
 */
export async function readSources(
  contentDir: string,
  known: ReadonlyMap<string, FileStamp> = new Map(),
  policy: ReadPolicy = readPolicyFor([contentDir]),
): Promise<ContentSources> {
  const diagnostics: Diagnostic[] = [];
  const stamps = new Map<string, FileStamp>();
  const articlesDir = path.join(contentDir, "articles");
  const articlesRoot = resolveUnderPolicy(policy, articlesDir);
  const empty = { siteYaml: null, articles: [], pages: [], authors: [], stamps, bundles: new Map() };
  if (articlesRoot.kind === "refused") return { ...empty, diagnostics: [articlesRoot.diagnostic] };
  if (articlesRoot.kind !== "dir") {
    return {
      ...empty,
      diagnostics: [
        error("MissingContent", `No articles folder at ${articlesDir}`, {
          file: articlesDir,
          hint: "Create content/articles/ with one Markdown file per article, or pass --content DIR.",
        }),
      ],
    };
  }
  const siteYamlPath = path.join(contentDir, "site.yaml");
  const siteYamlBytes = readUnderPolicy(policy, siteYamlPath, shownPath(siteYamlPath), diagnostics);
  const siteYaml = siteYamlBytes === null ? null : decodeText(siteYamlBytes, shownPath(siteYamlPath), diagnostics);
  const bundleFiles = new Map<string, Bundle>();
  const walk = { policy, diagnostics, bundles: bundleFiles };
  const articles = readCollection(articlesDir, articlesRoot.real, true, walk, known, stamps);
  const pagesDir = path.join(contentDir, "pages");
  const pagesRoot = resolveUnderPolicy(policy, pagesDir);
  if (pagesRoot.kind === "refused") diagnostics.push(pagesRoot.diagnostic);
  const pages =
    pagesRoot.kind === "dir"
      ? readCollection(pagesDir, pagesRoot.real, false, { ...walk, bundles: new Map() }, new Map(), new Map())
      : [];
  const authorsDir = path.join(contentDir, "authors");
  const authorsRoot = resolveUnderPolicy(policy, authorsDir);
  if (authorsRoot.kind === "refused") diagnostics.push(authorsRoot.diagnostic);
  const authors =
    authorsRoot.kind === "dir"
      ? readCollection(authorsDir, authorsRoot.real, false, { ...walk, bundles: new Map() }, new Map(), new Map())
      : [];
  // Keyed by the path articles are known by (as shown in messages).
  const bundles = new Map([...bundleFiles].map(([rel, b]) => [shownPath(path.join(articlesDir, rel)), b]));
  return { siteYaml, articles, pages, authors, diagnostics, stamps, bundles };
}

/** What a walk of the content folder shares. */
interface Walk {
  readonly policy: ReadPolicy;
  readonly diagnostics: Diagnostic[];
  readonly bundles: Map<string, Bundle>;
}

function readCollection(
  dir: string,
  dirReal: string,
  isRecursive: boolean,
  walk: Walk,
  known: ReadonlyMap<string, FileStamp>,
  stamps: Map<string, FileStamp>,
): SourceFile[] {
  const listed = listMarkdown({ path: dir, real: dirReal, shown: shownPath(dir) }, "", isRecursive, walk, new Set());
  const files: SourceFile[] = [];
  for (const { relPath, file } of listed.sort((a, b) => (a.relPath < b.relPath ? -1 : 1))) {
    const shown = shownPath(path.join(dir, relPath));
    const stat = statSafe(file);
    const previous = known.get(shown);
    if (
      stat &&
      previous &&
      previous.size === stat.size &&
      previous.mtimeMs === stat.mtimeMs &&
      previous.ctimeMs === stat.ctimeMs
    ) {
      stamps.set(shown, previous);
      files.push(lazySource(shown, relPath, previous.hash));
      continue;
    }
    if (stat && stat.size > MAX_SOURCE_BYTES) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      walk.diagnostics.push(
        error(
          "FileTooLarge",
          `File is ${mb(stat.size)}; Broadsheet renders articles and pages up to ${mb(MAX_SOURCE_BYTES)}`,
          {
            file: shown,
            hint: "Split it into several articles, or put large tables and data in files under public/ and link to them.",
          },
        ),
      );
      continue;
    }
    const bytes = readBytes(file, shown, walk.diagnostics);
    const text = bytes === null ? null : decodeText(bytes, shown, walk.diagnostics);
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

/** A folder being walked: where to list it, and its real path (for loops). */
interface Folder {
  readonly path: string;
  readonly real: string;
  /** As shown in messages: the path the user knows, links not resolved. */
  readonly shown: string;
}

function listMarkdown(
  folder: Folder,
  rel: string,
  isRecursive: boolean,
  walk: Walk,
  ancestors: ReadonlySet<string>,
): { relPath: string; file: string }[] {
  const entries = (
    listFolder(walk.policy, folder.path, folder.real, folder.shown, walk.diagnostics, ancestors) ?? []
  ).filter((e) => !isHidden(e.name));
  // A folder below articles/ with an index.md is a page bundle: one article, the rest its files.
  const index = isRecursive && rel !== "" ? entries.find((e) => e.kind === "file" && INDEX.test(e.name)) : undefined;
  if (index) {
    const relPath = `${rel}/${index.name}`;
    const files = listFiles(folder, "", walk, new Set([...ancestors, folder.real])).filter(
      (f) => !MARKDOWN.test(f.rel),
    );
    walk.bundles.set(relPath, {
      dir: folder.shown,
      files: files.map((f) => f.rel).sort(),
      paths: new Map(files.map((f) => [f.rel, f.file])),
    });
    return [{ relPath, file: index.path }];
  }
  const out: { relPath: string; file: string }[] = [];
  const below = new Set([...ancestors, folder.real]);
  for (const entry of entries) {
    const relPath = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.kind === "dir" && isRecursive)
      out.push(
        ...listMarkdown(
          { path: entry.path, real: entry.real, shown: `${folder.shown}/${entry.name}` },
          relPath,
          isRecursive,
          walk,
          below,
        ),
      );
    // An index.md directly in articles/ describes the section (Hugo, the Node.js blog), not an article.
    else if (
      entry.kind === "file" &&
      MARKDOWN.test(entry.name) &&
      !(isRecursive && rel === "" && INDEX.test(entry.name))
    )
      out.push({ relPath, file: entry.path });
  }
  return out;
}

function listFiles(
  folder: Folder,
  rel: string,
  walk: Walk,
  ancestors: ReadonlySet<string>,
): { rel: string; file: string }[] {
  const out: { rel: string; file: string }[] = [];
  const entries = listFolder(walk.policy, folder.path, folder.real, folder.shown, walk.diagnostics, ancestors) ?? [];
  const below = new Set([...ancestors, folder.real]);
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const relPath = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.kind === "dir")
      out.push(
        ...listFiles(
          { path: entry.path, real: entry.real, shown: `${folder.shown}/${entry.name}` },
          relPath,
          walk,
          below,
        ),
      );
    else out.push({ rel: relPath, file: entry.path });
  }
  return out;
}

// Reads are synchronous on purpose: for thousands of small files they are several times faster
// than fs.promises (no thread-pool round trip per open/read/close), and the build waits anyway.
function decodeText(bytes: Buffer, shown: string, diagnostics: Diagnostic[]): string | null {
  if (!isUtf8(bytes)) {
    const [message, at] = describeEncoding(bytes);
    diagnostics.push(
      error("InvalidEncoding", message, {
        file: shown,
        ...at,
        hint: "Save the file as UTF-8 (most editors offer 'Save with encoding').",
      }),
    );
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
  return [
    `File is not valid UTF-8 text: byte 0x${hex} at line ${line}, column ${column} is not UTF-8 (Latin-1 or Windows-1252?)`,
    { line, column },
  ];
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

/**
 * Reads one source file again by the path it was listed under (for re-rendering a body). A file
 * that vanished or became unreadable since it was listed stops the build with a ReadError.
 */
export function readSourceAgain(sourcePath: string, relPath = path.basename(sourcePath)): SourceFile {
  const diagnostics: Diagnostic[] = [];
  const bytes = readBytes(sourcePath, sourcePath, diagnostics);
  const text = bytes === null ? null : decodeText(bytes, sourcePath, diagnostics);
  if (text === null) throw new SiteError(diagnostics);
  return { path: sourcePath, relPath, hash: hashOf(text), text };
}
