/**
 * I/O edge: writes the site incrementally and atomically.
 *
 * `dist` is a symbolic link to one of two trees, `.dist.builds/a` and `.dist.builds/b`. A build
 * brings the tree that is *not* live up to date — unchanged files are hard-linked from the live
 * tree (keeping their mtimes), changed files written, vanished files deleted — then swaps the link
 * in one rename. Readers never see a half-updated site, a failed or killed build never touches the
 * live tree, and a build in which nothing changed writes nothing at all.
 */
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { promises as fsp } from "node:fs";
import path from "node:path";
import { hashOf } from "../cache/hash.js";
import { crashPoint } from "./crash-points.js";

/** One file of the site, produced lazily: skipped entirely when its fingerprint is unchanged. */
export interface PlannedOutput {
  readonly path: string;
  /** Hash of everything the bytes depend on, or null to always produce them. */
  readonly fingerprint: string | null;
  readonly produce: () => string | Uint8Array | Promise<string | Uint8Array>;
}

/** What a write did. */
export interface WriteReport {
  /** Paths whose bytes differ from the previous site (new or changed), sorted. */
  readonly changed: readonly string[];
  /** Paths of the previous site that are gone. */
  readonly deleted: readonly string[];
  /** Outputs produced (rendered) in this build. */
  readonly produced: number;
}

/** A write that has produced what it needs and can still be abandoned. */
export interface PendingWrite {
  commit(): Promise<WriteReport>;
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
  if (relPath.includes("\0") || path.isAbsolute(relPath) || rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new Error(`Internal error: output path "${relPath}" escapes the output folder`);
  }
  return full;
}

type Manifest = Map<string, { hash: string; fingerprint: string | null }>;
const MANIFEST_FORMAT = "broadsheet-manifest-2";

/** The atomic, incremental file-system writer. */
export class FsWriter implements Writer {
  private readonly out: string;
  private readonly buildsDir: string;

  constructor(outDir: string) {
    this.out = path.resolve(outDir);
    this.buildsDir = path.join(path.dirname(this.out), `.${path.basename(this.out)}.builds`);
  }

  current(): { stamp: SiteStamp; files: string[] } | null {
    const live = this.liveTree();
    if (!live) return null;
    const { manifest, stamp } = this.readManifestWithStamp(live);
    return stamp && manifest.size > 0 ? { stamp, files: [...manifest.keys()] } : null;
  }

  async prepare(outputs: readonly PlannedOutput[], stamp: SiteStamp): Promise<PendingWrite> {
    for (const o of outputs) resolveInside(this.out, o.path);
    const liveName = this.liveTree();
    const live: Manifest = liveName ? this.readManifest(liveName) : new Map();
    const targetName = liveName === "a" ? "b" : "a";
    const target = path.join(this.buildsDir, targetName);
    const liveDir = liveName ? path.join(this.buildsDir, liveName) : null;

    // The target tree is not served, so it is updated as outputs are produced (no site is held in
    // memory). Its manifest goes first: if we fail or die half-way, the next build rebuilds it whole.
    let have: Manifest = liveName ? this.readManifest(targetName) : new Map();
    rmSync(this.manifestPath(targetName), { force: true });
    if (have.size === 0 || !existsSync(target)) {
      rmSync(target, { recursive: true, force: true });
      have = new Map();
    }
    mkdirSync(target, { recursive: true });
    const made = new Set<string>();

    const next: Manifest = new Map();
    const changed: string[] = [];
    let produced = 0;
    let staged = 0;
    for (const o of [...outputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      const previous = live.get(o.path);
      const isFresh = o.fingerprint !== null && previous?.fingerprint === o.fingerprint;
      const bytes = isFresh ? null : await o.produce();
      if (bytes !== null) produced++;
      const hash = bytes === null ? previous!.hash : hashOf(bytes);
      next.set(o.path, { hash, fingerprint: o.fingerprint });
      if (previous?.hash !== hash) changed.push(o.path);
      if (have.get(o.path)?.hash === hash) continue;

      const file = resolveInside(target, o.path);
      const dir = path.dirname(file);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
      // Never write through an existing name: it may be a hard link shared with the live tree.
      rmSync(file, { force: true });
      staged++;
      // Same bytes as the live site: share the live file (no write, and its mtime is kept).
      if (liveDir !== null && previous?.hash === hash) {
        try {
          linkSync(resolveInside(liveDir, o.path), file);
          crashPoint("staged", staged);
          continue;
        } catch {
          // The live file is missing (edited by hand?): write it below.
        }
      }
      writeFileSync(file, bytes ?? (await o.produce()));
      crashPoint("staged", staged);
    }
    crashPoint("staged-all");
    const deleted = [...live.keys()].filter((p) => !next.has(p)).sort();

    return {
      commit: async () => {
        for (const rel of have.keys()) if (!next.has(rel)) removeWithEmptyParents(target, rel);
        this.writeManifest(targetName, next, stamp);
        crashPoint("manifest-written");
        if (liveName && changed.length === 0 && deleted.length === 0) {
          // Same bytes everywhere: keep serving the live tree, but record the new stamp and
          // fingerprints (e.g. after a template change that rendered identically).
          this.writeManifest(liveName, next, stamp);
        } else {
          this.swapTo(targetName);
        }
        return { changed, deleted, produced };
      },
    };
  }

  /**
   * Makes the standby tree a copy of the live one by hard links, so the next build writes only what
   * changes (a long-lived process calls this while idle: the dev server after its first build).
   * Must not run during a build. Its manifest is written last, so an interrupted mirror is redone.
   */
  async mirrorLive(): Promise<void> {
    const liveName = this.liveTree();
    if (!liveName) return;
    const { manifest: live, stamp } = this.readManifestWithStamp(liveName);
    const standby = liveName === "a" ? "b" : "a";
    const have = this.readManifest(standby);
    const differing = [...live].filter(([p, e]) => have.get(p)?.hash !== e.hash).map(([p]) => p);
    const extra = [...have.keys()].filter((p) => !live.has(p));
    if (!stamp || (differing.length === 0 && extra.length === 0)) return;
    const liveDir = path.join(this.buildsDir, liveName);
    const target = path.join(this.buildsDir, standby);
    rmSync(this.manifestPath(standby), { force: true });
    // Without a manifest the standby tree's files are unknown: start it afresh.
    if (have.size === 0) await fsp.rm(target, { recursive: true, force: true });
    for (const rel of extra) removeWithEmptyParents(target, rel);
    const made = new Set<string>();
    for (const rel of differing) {
      const file = resolveInside(target, rel);
      const dir = path.dirname(file);
      if (!made.has(dir)) await fsp.mkdir(dir, { recursive: true }), made.add(dir);
      await fsp.rm(file, { force: true });
      await fsp.link(resolveInside(liveDir, rel), file);
    }
    this.writeManifest(standby, live, stamp);
  }

  /** Which tree `out` points at, or null when it is absent or a plain folder. */
  private liveTree(): "a" | "b" | null {
    try {
      if (!lstatSync(this.out).isSymbolicLink()) return null;
      const target = path.resolve(path.dirname(this.out), readlinkSync(this.out));
      if (path.dirname(target) !== this.buildsDir) return null;
      const name = path.basename(target);
      return name === "a" || name === "b" ? name : null;
    } catch {
      return null;
    }
  }

  private manifestPath(tree: string): string {
    return path.join(this.buildsDir, `${tree}.manifest`);
  }

  private writeManifest(tree: string, manifest: Manifest, stamp: SiteStamp): void {
    const file = this.manifestPath(tree);
    const rows = JSON.stringify([...manifest].map(([p, e]) => [p, e.hash, e.fingerprint]));
    writeFileSync(`${file}.tmp`, `${MANIFEST_FORMAT}\n${JSON.stringify(stamp)}\n${rows}`);
    renameSync(`${file}.tmp`, file);
  }

  private readManifest(tree: string): Manifest {
    return this.readManifestWithStamp(tree).manifest;
  }

  private readManifestWithStamp(tree: string): { manifest: Manifest; stamp: SiteStamp | null } {
    try {
      const [format, stampLine, rowsLine] = readFileSync(this.manifestPath(tree), "utf8").split("\n");
      if (format !== MANIFEST_FORMAT || stampLine === undefined || rowsLine === undefined) throw new Error("old or damaged manifest");
      const rows = JSON.parse(rowsLine) as [string, string, string | null][];
      return { manifest: new Map(rows.map(([p, hash, fingerprint]) => [p, { hash, fingerprint }])), stamp: JSON.parse(stampLine) as SiteStamp };
    } catch {
      return { manifest: new Map(), stamp: null };
    }
  }

  /** Points `out` at a tree with one rename; a plain `out` folder from older builds is replaced. */
  private swapTo(tree: string): void {
    const link = `${this.out}.link-${process.pid}`;
    rmSync(link, { force: true });
    symlinkSync(path.relative(path.dirname(this.out), path.join(this.buildsDir, tree)), link);
    crashPoint("link-made");
    let old: string | null = null;
    try {
      if (!lstatSync(this.out).isSymbolicLink()) {
        old = path.join(path.dirname(this.out), `.${path.basename(this.out)}.old-${process.pid}`);
        renameSync(this.out, old);
      }
    } catch {
      // No previous output.
    }
    renameSync(link, this.out);
    crashPoint("swapped");
    if (old) rmSync(old, { recursive: true, force: true });
  }
}

function removeWithEmptyParents(root: string, rel: string): void {
  rmSync(resolveInside(root, rel), { force: true });
  for (let dir = path.dirname(rel); dir !== "." && dir !== ""; dir = path.dirname(dir)) {
    try {
      rmdirSync(path.join(root, dir));
    } catch {
      return;
    }
  }
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
        const changed = produced.filter(([p, bytes]) => previous.get(p) !== bytes).map(([p]) => p).sort();
        return { changed, deleted: [...previous.keys()].filter((p) => !this.files.has(p)).sort(), produced: produced.length };
      },
    };
  }
}
