/** I/O edge: writes the site. FsWriter stages and swaps atomically; MemoryWriter serves tests. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { OutputFile } from "../model.js";

/** Something that can receive a complete site. */
export interface Writer {
  /** Writes the whole site; either all of it becomes visible or none of it. */
  writeSite(files: readonly OutputFile[]): Promise<void>;
}

/**
 * Resolves an output-relative path inside `root`, refusing anything that would land outside it
 * (absolute paths, "..", NUL). Content-derived paths are already safe; this is the last line of defence.
 */
export function resolveInside(root: string, relPath: string): string {
  const full = path.resolve(root, relPath);
  const rel = path.relative(root, full);
  if (relPath.includes("\0") || path.isAbsolute(relPath) || rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new Error(`Internal error: output path "${relPath}" escapes the output folder`);
  }
  return full;
}

/** Writes into a staging folder beside `outDir`, then swaps it in; a failure leaves `outDir` as it was. */
export class FsWriter implements Writer {
  constructor(private readonly outDir: string) {}

  async writeSite(files: readonly OutputFile[]): Promise<void> {
    const out = path.resolve(this.outDir);
    const parent = path.dirname(out);
    const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
    const staging = path.join(parent, `.${path.basename(out)}.staging-${tag}`);
    const previous = path.join(parent, `.${path.basename(out)}.previous-${tag}`);
    await fs.mkdir(parent, { recursive: true });
    try {
      await fs.mkdir(staging);
      await writeAll(staging, files);
    } catch (cause) {
      await fs.rm(staging, { recursive: true, force: true });
      throw cause;
    }
    // Two renames: the old site stays whole until the new one is complete on disk.
    const hadPrevious = await fs.rename(out, previous).then(() => true, (e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return false;
      throw e;
    });
    await fs.rename(staging, out);
    if (hadPrevious) await fs.rm(previous, { recursive: true, force: true });
  }
}

/** Collects the site in memory (tests, previews). */
export class MemoryWriter implements Writer {
  readonly files = new Map<string, string | Uint8Array>();

  async writeSite(files: readonly OutputFile[]): Promise<void> {
    this.files.clear();
    for (const f of files) this.files.set(f.path, f.contents);
  }
}

// Bounded parallelism: fast on SSDs without exhausting file descriptors on big sites.
const CONCURRENCY = 32;

async function writeAll(root: string, files: readonly OutputFile[]): Promise<void> {
  const dirs = new Set(files.map((f) => path.dirname(resolveInside(root, f.path))));
  for (const dir of [...dirs].sort()) await fs.mkdir(dir, { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await fs.writeFile(resolveInside(root, file.path), file.contents);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
}
