/** What a writer is: the contract between the build and the disk, and the in-memory writer for tests. */
import path from "node:path";
import type { PageSpec, RenderedHtml } from "../model.js";

/**
 * One file of the site, produced lazily: skipped entirely when its fingerprint is unchanged.
 * Writers take outputs whose `produce` needs nothing; the plan's outputs (`SiteOutput`) ask the
 * executor for what they need, and the executor binds them before they reach a writer.
 */
export interface PlannedOutput {
  readonly path: string;
  /** Hash of everything the bytes depend on, or null to always produce them. */
  readonly fingerprint: string | null;
  readonly produce: () => Bytes | Promise<Bytes>;
}

type Bytes = string | Uint8Array;

/** Rendered article HTML by content key (only keys asked for with `Producers.html`). */
export type HtmlLookup = (key: string) => RenderedHtml;

/** What a planned output may ask the executor for when its bytes are needed. */
export interface Producers {
  /** Makes the HTML of `keys` available (from the cache, or rendered again). */
  html(keys: readonly string[]): Promise<HtmlLookup>;
  /** A page through the templates (a template error is recorded by the executor, and the page is empty). */
  page(spec: PageSpec): Promise<string>;
}

/** An output as the site plan has it (plan-site.ts): every PlannedOutput is one (it asks for nothing). */
export interface SiteOutput extends Omit<PlannedOutput, "produce"> {
  readonly produce: (using: Producers) => Bytes | Promise<Bytes>;
}

/** What a write did. */
export interface WriteReport {
  /** Paths whose bytes differ from the previous site (new or changed), sorted. */
  readonly changed: readonly string[];
  /** Paths of the previous site that are gone. */
  readonly deleted: readonly string[];
  /** Outputs produced (rendered) in this build. */
  readonly produced: number;
  /** Outputs placed from the cache instead of produced (a writer without kept outputs: 0). */
  readonly reused: number;
}

/** A write that has produced what it needs and can still be abandoned. */
export interface PendingWrite {
  commit(): Promise<WriteReport>;
  /** Gives the write up: nothing is published, and what was staged is removed (it holds disk space). */
  abandon(): void;
}

/** Recorded with a site: a hash of every input of the build, and counts for the summary line. */
export interface SiteStamp {
  readonly inputKey: string;
  readonly articles: number;
  readonly pages: number;
}

/** Something that can receive a complete site. */
export interface Writer {
  /** The stamp of the site now published, with its file list, or null when unknown. */
  current(): { stamp: SiteStamp; files: string[] } | null;
  /** Produces every output that needs producing; nothing on disk changes until `commit()`. */
  prepare(outputs: readonly PlannedOutput[], stamp: SiteStamp): Promise<PendingWrite>;
}

/**
 * Resolves an output-relative path inside `root`, refusing anything that would land outside it
 * (absolute paths, "..", NUL). Content-derived paths are already safe; this is the last line of defence.
 */
export function resolveInside(root: string, relPath: string): string {
  const full = path.resolve(root, relPath);
  const rel = path.relative(root, full);
  if (
    relPath.includes("\0") ||
    path.isAbsolute(relPath) ||
    rel === "" ||
    rel.startsWith("..") ||
    path.isAbsolute(rel)
  ) {
    throw new Error(`Internal error: output path "${relPath}" escapes the output folder`);
  }
  return full;
}

/** Errors from the file system carry a code (ENOSPC, EACCES, ENAMETOOLONG…); anything else is a bug. */
export function isSystemError(cause: unknown): boolean {
  return typeof (cause as NodeJS.ErrnoException)?.code === "string";
}

/** Outputs in path order (every writer works through them the same way). */
export function byPath<T extends { readonly path: string }>(outputs: readonly T[]): T[] {
  return [...outputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Collects the site in memory (tests, previews): every output is produced. */
export class MemoryWriter implements Writer {
  readonly files = new Map<string, string | Uint8Array>();

  current(): null {
    return null;
  }

  async prepare(outputs: readonly PlannedOutput[], _stamp?: SiteStamp): Promise<PendingWrite> {
    const produced: (readonly [string, string | Uint8Array])[] = [];
    for (const o of outputs) produced.push([o.path, await o.produce()]);
    return {
      commit: async () => {
        const previous = new Map(this.files);
        this.files.clear();
        for (const [p, bytes] of produced) this.files.set(p, bytes);
        const changed = produced
          .filter(([p, bytes]) => previous.get(p) !== bytes)
          .map(([p]) => p)
          .sort();
        return {
          changed,
          deleted: [...previous.keys()].filter((p) => !this.files.has(p)).sort(),
          produced: produced.length,
          reused: 0,
        };
      },
      abandon: () => {},
    };
  }
}
