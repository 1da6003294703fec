/**
 * I/O edge: `.<out>.builds/`, the folder beside the output where the writers keep their state
 * (manifests, staged files, the trees of link mode). Nothing in it is trusted until checked: the
 * folder must be a real folder with Broadsheet's marker, holding only names the writers make, each
 * of the right kind (a committed `.dist.builds/b -> /elsewhere` stops the build); a manifest is
 * believed only when its HMAC, made with the cache key kept outside the site, verifies — a forged
 * one means "rebuild from empty", never "delete what it lists"; and every file written, linked or
 * deleted lies in a folder whose real path is inside the folder it belongs to.
 */
import { lstatSync, mkdirSync, readdirSync, realpathSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { createHmac } from "node:crypto";
import path from "node:path";
import { error, SiteError } from "../errors.js";
import { readOwnFile, writeOwnFileAtomic } from "../io/own-files.js";
import { shownPath } from "../io/read-policy.js";
import { resolveInside, type SiteStamp } from "./writer.js";
import { lstatOrNull } from "../io/stat.js";

/** What a site folder holds: each output path's content hash and the fingerprint it was produced for. */
export type Manifest = Map<string, { hash: string; fingerprint: string | null }>;

const MANIFEST_FORMAT = "broadsheet-manifest-3";
/** The file that says the folder is Broadsheet's. */
const MARKER = "BROADSHEET";
const MARKER_TEXT =
  "Broadsheet's build state for the output folder beside it. Safe to delete (the next build remakes it; an interrupted one is then rebuilt whole).\n";

/**
 * Names the writers make, and of which kind: folders (trees, staging), or files (manifests, plans,
 * the build report of output/report-file, their temp files).
 */
const OWN_FOLDERS = new Set(["a", "b", "stage"]);
const OWN_FILE = /^(?:(?:a|b|folder)\.manifest|apply\.plan|report\.json|BROADSHEET)(?:\.\d+\.tmp)?$/;

/** The state folder of one output folder. */
export class BuildState {
  /** `.<name>.builds` beside the output. */
  readonly dir: string;

  constructor(
    readonly out: string,
    private readonly key: Buffer,
  ) {
    this.dir = path.join(path.dirname(out), `.${path.basename(out)}.builds`);
  }

  /** True when the folder exists (whatever it holds). */
  exists(): boolean {
    return lstatOrNull(this.dir) !== null;
  }

  /**
   * Makes sure the folder is ours before anything in it is touched, making it when absent. A folder
   * from a version without the marker is adopted when it holds nothing else. Temp files of an
   * interrupted write are removed. Anything else stops the build with UnsafeOutput, touching nothing.
   */
  claim(): void {
    if (lstatOrNull(this.dir) === null) {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(path.join(this.dir, MARKER), MARKER_TEXT);
      return;
    }
    const foreign = this.foreignEntry();
    if (foreign !== null) {
      throw new SiteError([
        error(
          "UnsafeOutput",
          `${shownPath(foreign.path)} ${foreign.why}; Broadsheet never makes one there, so it will not write or delete anything in ${shownPath(this.dir)}`,
          {
            file: shownPath(foreign.path),
            hint: `Delete ${shownPath(this.dir)} (and the output ${shownPath(this.out)}) if you are sure they are left over from Broadsheet; the next build remakes them.`,
          },
        ),
      ]);
    }
    for (const name of readdirSync(this.dir))
      if (name.endsWith(".tmp")) rmSync(path.join(this.dir, name), { force: true });
    if (lstatOrNull(path.join(this.dir, MARKER)) === null) writeFileSync(path.join(this.dir, MARKER), MARKER_TEXT);
  }

  /** True when the folder exists, is a real folder and holds only what the writers make. */
  isOurs(): boolean {
    return this.exists() && this.foreignEntry() === null;
  }

  /** The first entry that makes the folder not (only) ours, or null. */
  private foreignEntry(): { path: string; why: string } | null {
    const stats = lstatOrNull(this.dir);
    if (stats === null) return null;
    if (!stats.isDirectory())
      return { path: this.dir, why: stats.isSymbolicLink() ? "is a symbolic link" : "is not a folder" };
    for (const name of readdirSync(this.dir)) {
      const entry = path.join(this.dir, name);
      const isFolder = OWN_FOLDERS.has(name);
      if (!isFolder && !OWN_FILE.test(name)) return { path: entry, why: "is not a file Broadsheet makes" };
      const kind = lstatSync(entry);
      if (isFolder ? !kind.isDirectory() : !kind.isFile())
        return {
          path: entry,
          why: kind.isSymbolicLink() ? "is a symbolic link" : isFolder ? "is not a folder" : "is not a regular file",
        };
    }
    return null;
  }

  /** Path of an entry of the folder. */
  entry(name: string): string {
    return path.join(this.dir, name);
  }

  /** Writes a manifest (signed), atomically. */
  writeManifest(name: string, manifest: Manifest, stamp: SiteStamp): void {
    const body = `${JSON.stringify(stamp)}\n${JSON.stringify([...manifest].map(([p, e]) => [p, e.hash, e.fingerprint]))}`;
    writeOwnFileAtomic(this.entry(`${name}.manifest`), `${MANIFEST_FORMAT} ${this.sign(name, body)}\n${body}`);
  }

  /** A manifest whose HMAC verifies, or an empty one (absent, old, damaged, forged or another machine's). */
  readManifest(name: string): { manifest: Manifest; stamp: SiteStamp | null } {
    try {
      const text = readOwnFile(this.entry(`${name}.manifest`))?.toString("utf8");
      if (text === undefined) throw new Error("no manifest");
      const body = this.verified(name, text, MANIFEST_FORMAT);
      const [stampLine, rowsLine] = body.split("\n");
      const rows = JSON.parse(rowsLine!) as [string, string, string | null][];
      // Paths come from this build's own planning, but a manifest is still checked like any input.
      for (const [p] of rows) resolveInside(this.out, p);
      return {
        manifest: new Map(rows.map(([p, hash, fingerprint]) => [p, { hash, fingerprint }])),
        stamp: JSON.parse(stampLine!) as SiteStamp,
      };
    } catch {
      return { manifest: new Map(), stamp: null };
    }
  }

  /** Removes a manifest. */
  removeManifest(name: string): void {
    rmSync(this.entry(`${name}.manifest`), { force: true });
  }

  /** Writes a signed JSON document (a plan), atomically. */
  writeSigned(name: string, format: string, value: unknown): void {
    const body = JSON.stringify(value);
    writeOwnFileAtomic(this.entry(name), `${format} ${this.sign(name, body)}\n${body}`);
  }

  /** A signed JSON document that verifies, or null. */
  readSigned<T>(name: string, format: string): T | null {
    const text = readOwnFile(this.entry(name))?.toString("utf8");
    if (text === undefined) return null;
    try {
      return JSON.parse(this.verified(name, text, format)) as T;
    } catch {
      return null;
    }
  }

  private verified(name: string, text: string, format: string): string {
    const newline = text.indexOf("\n");
    const [written, mac] = text.slice(0, newline).split(" ");
    const body = text.slice(newline + 1);
    if (newline < 0 || written !== format || mac !== this.sign(name, body)) throw new Error("old, damaged or forged");
    return body;
  }

  private sign(name: string, body: string): string {
    return createHmac("sha256", this.key).update(`manifest\0${name}\0`).update(body).digest("hex");
  }
}

/**
 * The folders of one tree, each checked once to be a real folder inside the tree's real path
 * before anything is written into, linked from or deleted in it: a link planted in a tree cannot
 * lead a write or a delete outside.
 */
export class RealFolders {
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
      throw new SiteError([
        error(
          "UnsafeOutput",
          `${shownPath(dir)} leads outside the output tree (to ${real}); Broadsheet never makes links there`,
          { file: shownPath(dir), hint: `Delete ${shownPath(this.root)}; the next build remakes it.` },
        ),
      ]);
    }
    this.checked.add(dir);
  }
}

/** lstat, or null when the path does not exist (or cannot be looked at). */
