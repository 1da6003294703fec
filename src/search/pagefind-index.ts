/**
 * The one module that talks to Pagefind (its Node API drives the `pagefind` binary, which ships in a
 * per-platform npm package and needs no network): search documents in, the bundle's files out.
 * Nothing is written to disk here; the build plans the files like any other output.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { error, SiteError } from "../errors.js";

/** One page to index: its site path (without the base path) and a small HTML document. */
export interface SearchDocument {
  readonly url: string;
  readonly html: string;
}

/** A file of the Pagefind bundle, relative to `/pagefind/`. */
export interface BundleFile {
  readonly path: string;
  readonly content: Uint8Array;
}

// The bundle also holds Pagefind's ready-made interfaces and a playground; our search page uses
// only pagefind.js (with its worker, WebAssembly and index), so the rest is never published.
const UNUSED = /^(pagefind-(ui|component-ui|modular-ui|highlight)\.|playground\/)/;

let version: string | undefined;

/** The installed Pagefind's version (part of the index's cache key: another version, another index). */
export function pagefindVersion(): string {
  if (version !== undefined) return version;
  // Found as Node finds the package (its exports hide package.json): the nearest node_modules up.
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = readFileSync(path.join(dir, "node_modules", "pagefind", "package.json"), "utf8");
      return (version = (JSON.parse(pkg) as { version: string }).version);
    } catch {
      if (path.dirname(dir) === dir) return (version = "unknown");
    }
  }
}

/**
 * Indexes each set of documents (in the order given: the caller sorts them) as its own bundle, in
 * one language, and returns each bundle's files sorted by path. Pagefind's output is byte-identical
 * for the same documents (tested). A Pagefind that cannot start or refuses a document is a
 * `SearchIndex` error. The sets (one per search shard) are indexed all at once: the Node API
 * drives one `pagefind` process, which is multi-threaded and builds several indexes side by side
 * (measured: two indexes of 1,000 at once take about as long as one of 2,000; a second process per
 * index gains nothing on two cores). Returns the bundles in the order of the sets.
 */
export async function indexDocumentSets(
  sets: readonly (readonly SearchDocument[])[],
  language: string,
): Promise<BundleFile[][]> {
  if (sets.length === 0) return [];
  // Loaded on first use: a site without search never starts the binary.
  let pagefind: typeof import("pagefind");
  try {
    pagefind = await import("pagefind");
  } catch (cause) {
    throw failure(`Pagefind could not be loaded: ${(cause as Error).message}`);
  }
  try {
    return await Promise.all(sets.map((documents) => indexOne(pagefind, documents, language)));
  } catch (cause) {
    if (cause instanceof SiteError) throw cause;
    throw failure(`Pagefind failed: ${(cause as Error).message}`);
  } finally {
    // The binary would otherwise keep a one-off build's process alive.
    await pagefind.close().catch(() => null);
  }
}

async function indexOne(
  pagefind: typeof import("pagefind"),
  documents: readonly SearchDocument[],
  language: string,
): Promise<BundleFile[]> {
  const created = await pagefind.createIndex({ forceLanguage: language });
  if (!created.index) throw failure(`Pagefind could not start: ${created.errors.join("; ")}`);
  const index = created.index;
  // The binary parses documents as they arrive; sending them all at once keeps its pipe full.
  const added = await Promise.all(documents.map((d) => index.addHTMLFile({ url: d.url, content: d.html })));
  const refused = added.flatMap((r, i) => r.errors.map((e) => `${documents[i]!.url}: ${e}`));
  if (refused.length > 0)
    throw failure(`Pagefind refused ${refused.length} page(s): ${refused.slice(0, 3).join("; ")}`);
  const got = await index.getFiles();
  if (got.errors.length > 0) throw failure(`Pagefind could not write its index: ${got.errors.join("; ")}`);
  return got.files
    .filter((f) => !UNUSED.test(f.path))
    .map((f) => ({ path: f.path.replaceAll("\\", "/"), content: f.content }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function failure(message: string): SiteError {
  return new SiteError([
    error("SearchIndex", message, {
      hint: "Reinstall dependencies (npm ci) so Pagefind's binary for this platform is present, or set `search: false` in site.yaml.",
    }),
  ]);
}
