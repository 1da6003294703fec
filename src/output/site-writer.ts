/**
 * I/O edge: writes the site incrementally and atomically.
 *
 * `dist` is a symbolic link to one of two trees, `.dist.builds/a` and `.dist.builds/b`. A build
 * brings the tree that is *not* live up to date — unchanged files are hard-linked from the live
 * tree (keeping their mtimes), changed files written, vanished files deleted — then swaps the link
 * in one rename. Readers never see a half-updated site, a failed or killed build never touches the
 * live tree, and a build in which nothing changed writes nothing at all.
 */
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { promises as fsp } from "node:fs";
import { createHmac } from "node:crypto";
import path from "node:path";
import { error, SiteError } from "../errors.js";
import { hashOf } from "../cache/hash.js";
import { cacheKey } from "../cache/cache-key.js";
import { readOwnFile, writeError, writeOwnFileAtomic } from "../io/own-files.js";
import { shownPath } from "../io/read-policy.js";
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
  if (relPath.includes("\0") || path.isAbsolute(relPath) || rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new Error(`Internal error: output path "${relPath}" escapes the output folder`);
  }
  return full;
}

type Manifest = Map<string, { hash: string; fingerprint: string | null }>;
const MANIFEST_FORMAT = "broadsheet-manifest-3";
/** The file in `.<out>.builds/` that says the folder is Broadsheet's. */
const MARKER = "BROADSHEET";
const MARKER_TEXT = "Broadsheet's output trees: the output folder is a link to one of them. Safe to delete (the next build remakes them).\n";
/** Names of the builds folder: the trees, their manifests, the marker, and temp files of an interrupted write. */
const OWN_NAME = /^(?:[ab]|[ab]\.manifest|BROADSHEET|[ab]\.manifest\.\d+\.tmp)$/;

/**
 * The atomic, incremental file-system writer. Its folders are checked before use: the builds
 * folder and its trees must be real folders (never links) holding only what the writer puts there,
 * every file written, linked or deleted lies in a folder whose real path is inside its tree, and a
 * manifest is trusted only when its HMAC (made with the cache key, kept outside the site) verifies.
 * A forged or foreign manifest therefore means "rebuild this tree from empty", never "delete what
 * it lists".
 */
export class FsWriter implements Writer {
  private readonly out: string;
  private readonly buildsDir: string;
  private readonly key: Buffer;

  constructor(outDir: string, key: Buffer = cacheKey().key) {
    this.out = path.resolve(outDir);
    this.buildsDir = path.join(path.dirname(this.out), `.${path.basename(this.out)}.builds`);
    this.key = key;
  }

  current(): { stamp: SiteStamp; files: string[] } | null {
    const live = this.liveTree();
    if (!live || this.foreignEntry() !== null) return null;
    const { manifest, stamp } = this.readManifestWithStamp(live);
    return stamp && manifest.size > 0 ? { stamp, files: [...manifest.keys()] } : null;
  }

  async prepare(outputs: readonly PlannedOutput[], stamp: SiteStamp): Promise<PendingWrite> {
    for (const o of outputs) resolveInside(this.out, o.path);
    this.claimBuildsDir();
    const liveName = this.liveTree();
    const live: Manifest = liveName ? this.readManifest(liveName) : new Map();
    const targetName = liveName === "a" ? "b" : "a";
    const target = path.join(this.buildsDir, targetName);
    const liveDir = liveName ? path.join(this.buildsDir, liveName) : null;
    try {
      return await this.stage(outputs, stamp, { live, liveName, liveDir, targetName, target });
    } catch (cause) {
      // A half-written standby tree is never served; remove it so a full disk gets its space back.
      if (isSystemError(cause) || cause instanceof SiteError) rmSync(target, { recursive: true, force: true });
      if (isSystemError(cause)) throw new SiteError([writeError(target, cause)]);
      throw cause;
    }
  }

  private async stage(outputs: readonly PlannedOutput[], stamp: SiteStamp, t: { live: Manifest; liveName: "a" | "b" | null; liveDir: string | null; targetName: "a" | "b"; target: string }): Promise<PendingWrite> {
    const { live, liveName, liveDir, targetName, target } = t;
    // The target tree is not served, so it is updated as outputs are produced (no site is held in
    // memory). Its manifest goes first: if we fail or die half-way, the next build rebuilds it whole.
    let have: Manifest = liveName ? this.readManifest(targetName) : new Map();
    rmSync(this.manifestPath(targetName), { force: true });
    if (have.size === 0 || !existsSync(target)) {
      rmSync(target, { recursive: true, force: true });
      have = new Map();
    }
    mkdirSync(target, { recursive: true });
    const targetDirs = new RealFolders(target);
    const liveDirs = liveDir === null ? null : new RealFolders(liveDir);

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

      const file = targetDirs.fileFor(o.path);
      // Never write through an existing name: it may be a hard link shared with the live tree.
      rmSync(file, { force: true });
      staged++;
      // Same bytes as the live site: share the live file (no write, and its mtime is kept).
      const liveFile = liveDirs !== null && previous?.hash === hash ? liveDirs.existingFileFor(o.path) : null;
      if (liveFile !== null) {
        try {
          linkSync(liveFile, file);
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
        try {
          for (const rel of have.keys()) if (!next.has(rel)) targetDirs.remove(rel);
          this.writeManifest(targetName, next, stamp);
          crashPoint("manifest-written");
          if (liveName && changed.length === 0 && deleted.length === 0) {
            // Same bytes everywhere: keep serving the live tree, but record the new stamp and
            // fingerprints (e.g. after a template change that rendered identically).
            this.writeManifest(liveName, next, stamp);
          } else {
            this.swapTo(targetName);
          }
        } catch (cause) {
          if (isSystemError(cause)) throw new SiteError([writeError(this.out, cause)]);
          throw cause;
        }
        return { changed, deleted, produced };
      },
      abandon: () => {
        try {
          rmSync(target, { recursive: true, force: true });
        } catch {
          // Best effort: the next build starts this tree afresh anyway (its manifest is gone).
        }
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
    if (!liveName || this.foreignEntry() !== null) return;
    const { manifest: live, stamp } = this.readManifestWithStamp(liveName);
    const standby = liveName === "a" ? "b" : "a";
    const have = this.readManifest(standby);
    const differing = [...live].filter(([p, e]) => have.get(p)?.hash !== e.hash).map(([p]) => p);
    const extra = [...have.keys()].filter((p) => !live.has(p));
    if (!stamp || (differing.length === 0 && extra.length === 0)) return;
    const liveDirs = new RealFolders(path.join(this.buildsDir, liveName));
    const target = path.join(this.buildsDir, standby);
    rmSync(this.manifestPath(standby), { force: true });
    // Without a manifest the standby tree's files are unknown: start it afresh.
    if (have.size === 0) await fsp.rm(target, { recursive: true, force: true });
    await fsp.mkdir(target, { recursive: true });
    const targetDirs = new RealFolders(target);
    for (const rel of extra) targetDirs.remove(rel);
    for (const rel of differing) {
      const file = targetDirs.fileFor(rel);
      const source = liveDirs.existingFileFor(rel);
      await fsp.rm(file, { force: true });
      if (source !== null) await fsp.link(source, file);
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

  /**
   * Makes sure the builds folder is ours before anything in it is touched: a real folder (not a link)
   * with our marker, holding only trees (real folders), manifests (regular files) and our temp files.
   * A folder from a version without the marker is adopted when it holds nothing else. Temp files of
   * an interrupted write are removed. Anything else stops the build, touching nothing.
   */
  private claimBuildsDir(): void {
    const stats = lstatOrNull(this.buildsDir);
    if (stats === null) {
      mkdirSync(this.buildsDir, { recursive: true });
      writeFileSync(path.join(this.buildsDir, MARKER), MARKER_TEXT);
      return;
    }
    const foreign = this.foreignEntry();
    if (foreign !== null) {
      throw new SiteError([error("UnsafeOutput", `${shownPath(foreign.path)} ${foreign.why}; Broadsheet never makes one there, so it will not write or delete anything in ${shownPath(this.buildsDir)}`, { file: shownPath(foreign.path), hint: `Delete ${shownPath(this.buildsDir)} (and the output link ${shownPath(this.out)}) if you are sure they are left over from Broadsheet; the next build remakes them.` })]);
    }
    for (const name of readdirSync(this.buildsDir)) if (name.endsWith(".tmp")) rmSync(path.join(this.buildsDir, name), { force: true });
    if (lstatOrNull(path.join(this.buildsDir, MARKER)) === null) writeFileSync(path.join(this.buildsDir, MARKER), MARKER_TEXT);
  }

  /** The first entry that makes the builds folder not (only) ours, or null. */
  private foreignEntry(): { path: string; why: string } | null {
    const stats = lstatOrNull(this.buildsDir);
    if (stats === null) return null;
    if (!stats.isDirectory()) return { path: this.buildsDir, why: stats.isSymbolicLink() ? "is a symbolic link" : "is not a folder" };
    for (const name of readdirSync(this.buildsDir)) {
      const entry = path.join(this.buildsDir, name);
      if (!OWN_NAME.test(name)) return { path: entry, why: "is not a file Broadsheet makes" };
      const kind = lstatSync(entry);
      const isTree = name === "a" || name === "b";
      if (isTree ? !kind.isDirectory() : !kind.isFile()) return { path: entry, why: kind.isSymbolicLink() ? "is a symbolic link" : isTree ? "is not a folder" : "is not a regular file" };
    }
    return null;
  }

  private manifestPath(tree: string): string {
    return path.join(this.buildsDir, `${tree}.manifest`);
  }

  private writeManifest(tree: string, manifest: Manifest, stamp: SiteStamp): void {
    const body = `${JSON.stringify(stamp)}\n${JSON.stringify([...manifest].map(([p, e]) => [p, e.hash, e.fingerprint]))}`;
    writeOwnFileAtomic(this.manifestPath(tree), `${MANIFEST_FORMAT} ${this.sign(tree, body)}\n${body}`);
  }

  private readManifest(tree: string): Manifest {
    return this.readManifestWithStamp(tree).manifest;
  }

  /** A manifest whose HMAC verifies, or an empty one (old, damaged, forged or another machine's). */
  private readManifestWithStamp(tree: string): { manifest: Manifest; stamp: SiteStamp | null } {
    try {
      const text = readOwnFile(this.manifestPath(tree))?.toString("utf8");
      if (text === undefined) throw new Error("no manifest");
      const newline = text.indexOf("\n");
      const [format, mac] = text.slice(0, newline).split(" ");
      const body = text.slice(newline + 1);
      if (format !== MANIFEST_FORMAT || mac !== this.sign(tree, body)) throw new Error("old, damaged or forged manifest");
      const [stampLine, rowsLine] = body.split("\n");
      const rows = JSON.parse(rowsLine!) as [string, string, string | null][];
      // Paths come from this build's own planning, but a manifest is still checked like any input.
      for (const [p] of rows) resolveInside(this.out, p);
      return { manifest: new Map(rows.map(([p, hash, fingerprint]) => [p, { hash, fingerprint }])), stamp: JSON.parse(stampLine!) as SiteStamp };
    } catch {
      return { manifest: new Map(), stamp: null };
    }
  }

  private sign(tree: string, body: string): string {
    return createHmac("sha256", this.key).update(`manifest\0${tree}\0`).update(body).digest("hex");
  }

  /** Points `out` at a tree with one rename; an empty `out` folder is replaced (a non-empty one was refused before the build). */
  private swapTo(tree: string): void {
    const link = `${this.out}.link-${process.pid}`;
    rmSync(link, { force: true });
    symlinkSync(path.relative(path.dirname(this.out), path.join(this.buildsDir, tree)), link);
    crashPoint("link-made");
    const stats = lstatOrNull(this.out);
    // rmdir, never a recursive delete: it fails rather than remove a folder that gained files since.
    if (stats !== null && stats.isDirectory()) rmdirSync(this.out);
    renameSync(link, this.out);
    crashPoint("swapped");
  }
}

/**
 * The folders of one tree, each checked once to be a real folder inside the tree's real path
 * before anything is written into, linked from or deleted in it: a link planted in a tree cannot
 * lead a write or a delete outside.
 */
class RealFolders {
  private readonly real: string;
  private readonly checked = new Set<string>();

  constructor(private readonly root: string) {
    this.real = realpathSync.native(root);
  }

  /** The path to write `rel` at, its folder made and checked. */
  fileFor(rel: string): string {
    const file = resolveInside(this.root, rel);
    const dir = path.dirname(file);
    if (!this.checked.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.check(dir);
    }
    return file;
  }

  /** The path of an existing regular file `rel` (never a link), or null. */
  existingFileFor(rel: string): string | null {
    const file = resolveInside(this.root, rel);
    const dir = path.dirname(file);
    try {
      if (!this.checked.has(dir)) this.check(dir);
      return lstatSync(file).isFile() ? file : null;
    } catch (cause) {
      if (cause instanceof SiteError) throw cause;
      return null;
    }
  }

  /** Deletes `rel` and the folders it leaves empty, inside the tree only. */
  remove(rel: string): void {
    const file = resolveInside(this.root, rel);
    try {
      this.check(path.dirname(file));
    } catch (cause) {
      // Its folder is already gone: nothing to delete.
      if (cause instanceof SiteError) throw cause;
      return;
    }
    rmSync(file, { force: true });
    for (let dir = path.dirname(rel); dir !== "." && dir !== ""; dir = path.dirname(dir)) {
      try {
        rmdirSync(path.join(this.root, dir));
      } catch {
        return;
      }
    }
  }

  private check(dir: string): void {
    const real = realpathSync.native(dir);
    const rel = path.relative(this.real, real);
    if (rel.startsWith("..") || path.isAbsolute(rel)) {
      throw new SiteError([error("UnsafeOutput", `${shownPath(dir)} leads outside the output tree (to ${real}); Broadsheet never makes links there`, { file: shownPath(dir), hint: `Delete ${shownPath(this.root)}; the next build remakes it.` })]);
    }
    this.checked.add(dir);
  }
}

function lstatOrNull(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

/** Errors from the file system carry a code (ENOSPC, EACCES, ENAMETOOLONG…); anything else is a bug. */
export function isSystemError(cause: unknown): boolean {
  return typeof (cause as NodeJS.ErrnoException)?.code === "string";
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
      abandon: () => {},
    };
  }
}
