/**
 * I/O edge: the writer of link mode (`--atomic-link`, and the dev server's site): the whole site
 * switches at once.
 *
 * The output is a symbolic link to one of two trees, `.dist.builds/a` and `.dist.builds/b`. A
 * build brings the tree that is *not* live up to date — unchanged files are hard-linked from the
 * live tree (keeping their mtimes), changed files written, vanished files deleted — then swaps the
 * link in one rename. Readers never see a half-updated site, a failed or killed build never
 * touches the live tree, and a build in which nothing changed writes nothing at all. Servers that
 * serve from a link get this; tools that copy the folder (tar, cp -r, zip) need folder mode.
 */
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { promises as fsp } from "node:fs";
import path from "node:path";
import { SiteError } from "../errors.js";
import { hashOf } from "../cache/hash.js";
import { cacheKey } from "../cache/cache-key.js";
import { writeError } from "../io/own-files.js";
import { crashPoint } from "./crash-points.js";
import { BuildState, RealFolders, type Manifest } from "./build-state.js";
import { lstatOrNull } from "../io/stat.js";
import {
  byPath,
  isSystemError,
  resolveInside,
  type PendingWrite,
  type PlannedOutput,
  type SiteStamp,
  type Writer,
} from "./writer.js";

/**
 * The atomic, incremental file-system writer. Its folders are checked before use: the builds
 * folder and its trees must be real folders (never links) holding only what the writer puts there,
 * every file written, linked or deleted lies in a folder whose real path is inside its tree, and a
 * manifest is trusted only when its HMAC (made with the cache key, kept outside the site) verifies.
 * A forged or foreign manifest therefore means "rebuild this tree from empty", never "delete what
 * it lists".
 */
export class LinkWriter implements Writer {
  private readonly out: string;
  private readonly buildsDir: string;
  private readonly state: BuildState;

  constructor(outDir: string, key: Buffer = cacheKey().key) {
    this.out = path.resolve(outDir);
    this.state = new BuildState(this.out, key);
    this.buildsDir = this.state.dir;
  }

  current(): { stamp: SiteStamp; files: string[] } | null {
    const live = this.liveTree();
    if (!live || !this.state.isOurs()) return null;
    const { manifest, stamp } = this.state.readManifest(live);
    return stamp && manifest.size > 0 ? { stamp, files: [...manifest.keys()] } : null;
  }

  async prepare(outputs: readonly PlannedOutput[], stamp: SiteStamp): Promise<PendingWrite> {
    for (const o of outputs) resolveInside(this.out, o.path);
    this.state.claim();
    const liveName = this.liveTree();
    const live: Manifest = liveName ? this.state.readManifest(liveName).manifest : new Map();
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

  private async stage(
    outputs: readonly PlannedOutput[],
    stamp: SiteStamp,
    t: { live: Manifest; liveName: "a" | "b" | null; liveDir: string | null; targetName: "a" | "b"; target: string },
  ): Promise<PendingWrite> {
    const { live, liveName, liveDir, targetName, target } = t;
    // The target tree is not served, so it is updated as outputs are produced (no site is held in
    // memory). Its manifest goes first: if we fail or die half-way, the next build rebuilds it whole.
    let have: Manifest = liveName ? this.state.readManifest(targetName).manifest : new Map();
    this.state.removeManifest(targetName);
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
    for (const o of byPath(outputs)) {
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
          this.state.writeManifest(targetName, next, stamp);
          crashPoint("manifest-written");
          if (liveName && changed.length === 0 && deleted.length === 0) {
            // Same bytes everywhere: keep serving the live tree, but record the new stamp and
            // fingerprints (e.g. after a template change that rendered identically).
            this.state.writeManifest(liveName, next, stamp);
          } else {
            this.swapTo(targetName);
          }
        } catch (cause) {
          if (isSystemError(cause)) throw new SiteError([writeError(this.out, cause)]);
          throw cause;
        }
        return { changed, deleted, produced, reused: 0 };
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
    if (!liveName || !this.state.isOurs()) return;
    const { manifest: live, stamp } = this.state.readManifest(liveName);
    const standby = liveName === "a" ? "b" : "a";
    const have = this.state.readManifest(standby).manifest;
    const differing = [...live].filter(([p, e]) => have.get(p)?.hash !== e.hash).map(([p]) => p);
    const extra = [...have.keys()].filter((p) => !live.has(p));
    if (!stamp || (differing.length === 0 && extra.length === 0)) return;
    const liveDirs = new RealFolders(path.join(this.buildsDir, liveName));
    const target = path.join(this.buildsDir, standby);
    this.state.removeManifest(standby);
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
    this.state.writeManifest(standby, live, stamp);
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

  /** Points `out` at a tree with one rename; an empty `out` folder is replaced (a non-empty one was refused before the build). */
  private swapTo(tree: string): void {
    const link = `${this.out}.link-${process.pid}`;
    rmSync(link, { force: true });
    symlinkSync(path.relative(path.dirname(this.out), path.join(this.buildsDir, tree)), link);
    crashPoint("link-made");
    const stats = lstatOrNull(this.out);
    let aside: string | null = null;
    if (stats?.isDirectory()) {
      // A folder a folder-mode build published (its manifest verifies) is moved aside and removed
      // after the switch; any other folder only by rmdir, which fails rather than delete files.
      if (this.state.readManifest("folder").stamp !== null) {
        aside = `${this.out}.old-${process.pid}`;
        renameSync(this.out, aside);
      } else rmdirSync(this.out);
    }
    renameSync(link, this.out);
    crashPoint("swapped");
    if (aside !== null) {
      rmSync(aside, { recursive: true, force: true });
      this.state.removeManifest("folder");
    }
  }
}
