/**
 * I/O edge: the default writer. The output is a real folder of regular files, so every deploy tool
 * gets the whole site from it (`tar czf site.tgz dist`, `cp -r dist x`, `rsync -a dist/ host:`,
 * `zip -r`, GitHub's Pages artifact, Netlify's publish folder); link mode (link-writer.ts) is for
 * servers that can serve from a link and want the whole site to switch at once.
 *
 * A build stages only the files whose bytes change in `.dist.builds/stage/`, writes a signed plan
 * (what to move in, what to delete, the new manifest), then moves each staged file into place
 * with one rename: new files first, then changed ones, deletions last, so no page a reader can
 * already reach ever links to a page that is not there yet. Unchanged files are never touched (they keep their mtime, and
 * rsync/CDN uploads skip them). A build killed while applying leaves every file whole, old or new;
 * the next build finishes the plan before anything else. A failed build publishes nothing.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SiteError } from "../errors.js";
import { hashOf } from "../cache/hash.js";
import { cacheKey } from "../cache/cache-key.js";
import { writeError } from "../io/own-files.js";
import { crashPoint } from "./crash-points.js";
import { BuildState, RealFolders, type Manifest } from "./build-state.js";
import { lstatOrNull } from "../io/stat.js";
import type { KeptOutputs } from "./kept-outputs.js";
import {
  byPath,
  isSystemError,
  resolveInside,
  type PendingWrite,
  type PlannedOutput,
  type SiteStamp,
  type Writer,
} from "./writer.js";

const PLAN = "apply.plan";
const PLAN_FORMAT = "broadsheet-plan-1";

/** What a commit does, written down first so a killed build can finish it. */
interface Plan {
  readonly stamp: SiteStamp;
  readonly manifest: [string, string, string | null][];
  /** Staged paths to move into the output, in order. */
  readonly moves: string[];
  readonly deletes: string[];
  /** The output's content is unknown (no manifest that verifies): empty it first. */
  readonly clear: boolean;
  /** The output is a link-mode link: replace it with a folder first. */
  readonly fromLink: boolean;
  /** There was no output (or an empty folder): the staged tree becomes the output with one rename. */
  readonly swap?: boolean;
}

/** The folder writer: incremental, every file replaced whole, nothing published before commit. */
export class FolderWriter implements Writer {
  private readonly out: string;
  private readonly state: BuildState;
  private readonly stageDir: string;

  /** `kept`: finished outputs in the cache, placed instead of produced (kept-outputs.ts). @default none */
  constructor(
    outDir: string,
    key: Buffer = cacheKey().key,
    private readonly kept: KeptOutputs | null = null,
  ) {
    this.out = path.resolve(outDir);
    this.state = new BuildState(this.out, key);
    this.stageDir = this.state.entry("stage");
  }

  current(): { stamp: SiteStamp; files: string[] } | null {
    if (!lstatOrNull(this.out)?.isDirectory() || !this.state.isOurs() || existsSync(this.state.entry(PLAN)))
      return null;
    // An output folder someone emptied is not the site its manifest describes.
    if (readdirSync(this.out).length === 0) return null;
    const { manifest, stamp } = this.state.readManifest("folder");
    return stamp && manifest.size > 0 ? { stamp, files: [...manifest.keys()] } : null;
  }

  async prepare(outputs: readonly PlannedOutput[], stamp: SiteStamp): Promise<PendingWrite> {
    for (const o of outputs) resolveInside(this.out, o.path);
    this.state.claim();
    try {
      this.finishPlan();
      return await this.stage(outputs, stamp);
    } catch (cause) {
      rmSync(this.stageDir, { recursive: true, force: true });
      if (isSystemError(cause)) throw new SiteError([writeError(this.stageDir, cause)]);
      throw cause;
    }
  }

  private async stage(outputs: readonly PlannedOutput[], stamp: SiteStamp): Promise<PendingWrite> {
    const kind = lstatOrNull(this.out);
    const fromLink = kind?.isSymbolicLink() === true;
    const known = kind?.isDirectory()
      ? this.state.readManifest("folder")
      : { manifest: new Map() as Manifest, stamp: null };
    // A folder with no manifest that verifies holds files we cannot vouch for: it is emptied and rebuilt.
    const isEmpty = kind?.isDirectory() === true && readdirSync(this.out).length === 0;
    const clear = kind?.isDirectory() === true && known.stamp === null && !isEmpty;
    // An emptied output folder holds none of the files its manifest lists.
    const live: Manifest = clear || isEmpty ? new Map() : known.manifest;
    rmSync(this.stageDir, { recursive: true, force: true });
    mkdirSync(this.stageDir, { recursive: true });
    const staging = new RealFolders(this.stageDir);
    // The published folder, checked once, for unchanged outputs the cache does not keep yet.
    let publishedFolders: RealFolders | null = null;
    const published = () => (publishedFolders ??= new RealFolders(this.out));

    const next: Manifest = new Map();
    const added: string[] = [];
    const changed: string[] = [];
    let produced = 0;
    let reused = 0;
    for (const o of byPath(outputs)) {
      const previous = live.get(o.path);
      const isFresh = o.fingerprint !== null && previous?.fingerprint === o.fingerprint;
      // Copies of public/ files are in memory already; everything else with a fingerprint is kept.
      const keeps = this.kept !== null && o.fingerprint !== null && !o.fingerprint.startsWith("public:");
      if (isFresh) {
        next.set(o.path, previous!);
        if (keeps) this.keepUnchanged(o.fingerprint!, previous!.hash, o.path, published);
        continue;
      }
      const staged = staging.fileFor(o.path);
      let hash: string;
      if (keeps && this.kept!.place(o.fingerprint!, staged)) {
        hash = this.kept!.hashFor(o.fingerprint!)!;
        reused++;
      } else {
        const bytes = await o.produce();
        produced++;
        hash = hashOf(bytes);
        if (previous?.hash !== hash) writeFileSync(staged, bytes);
        if (keeps && previous?.hash !== hash) this.kept!.keep(o.fingerprint!, hash, staged);
      }
      next.set(o.path, { hash, fingerprint: o.fingerprint });
      if (previous?.hash === hash) {
        rmSync(staged, { force: true });
        if (keeps) this.keepUnchanged(o.fingerprint!, hash, o.path, published);
        continue;
      }
      (previous === undefined ? added : changed).push(o.path);
      crashPoint("staged", added.length + changed.length);
    }
    crashPoint("staged-all");
    const deleted = [...live.keys()].filter((p) => !next.has(p)).sort();
    const plan: Plan = {
      stamp,
      manifest: [...next].map(([p, e]) => [p, e.hash, e.fingerprint]),
      moves: [...added, ...changed],
      deletes: deleted,
      clear,
      fromLink,
      // A first build, or a CI build into an empty folder: one rename instead of one per file.
      swap: kind === null || isEmpty,
    };

    return {
      commit: async () => {
        try {
          this.state.writeSigned(PLAN, PLAN_FORMAT, plan);
          crashPoint("plan-written");
          this.apply(plan);
          // Only a published build says which outputs are kept: a failed one may have staged an
          // empty page for a template error, which must be produced (and fail) again.
          this.kept?.save();
        } catch (cause) {
          if (isSystemError(cause)) throw new SiteError([writeError(this.out, cause)]);
          throw cause;
        }
        return { changed: [...added, ...changed].sort(), deleted, produced, reused };
      },
      abandon: () => {
        try {
          rmSync(this.stageDir, { recursive: true, force: true });
        } catch {
          // Best effort: the next build empties the staging folder first.
        }
      },
    };
  }

  /** An output the folder already has: kept from the published file when the cache lacks it. */
  private keepUnchanged(fingerprint: string, hash: string, rel: string, published: () => RealFolders): void {
    if (this.kept!.hashFor(fingerprint) === hash) this.kept!.still(fingerprint);
    else {
      const file = published().existingFileFor(rel);
      if (file !== null) this.kept!.keep(fingerprint, hash, file);
    }
  }

  /** A plan a killed build left: finished first (it is signed, so it is ours), or, if it does not verify, dropped. */
  private finishPlan(): void {
    if (!existsSync(this.state.entry(PLAN))) return;
    const plan = this.state.readSigned<Plan>(PLAN, PLAN_FORMAT);
    if (plan !== null) {
      this.apply(plan);
      return;
    }
    // Not ours: the output's state is unknown, so its manifest goes and the next stage empties it.
    this.state.removeManifest("folder");
    rmSync(this.state.entry(PLAN), { force: true });
  }

  /** Carries out a plan; safe to run again from any point where a kill may have stopped it. */
  private apply(plan: Plan): void {
    let current = plan;
    if (current.fromLink && lstatOrNull(this.out)?.isSymbolicLink()) unlinkSync(this.out);
    mkdirSync(this.out, { recursive: true });
    if (current.clear) {
      // rm never follows a link inside the folder; the plan is rewritten so a rerun does not empty it again.
      for (const name of readdirSync(this.out)) rmSync(path.join(this.out, name), { recursive: true, force: true });
      current = { ...current, clear: false, fromLink: false };
      this.state.writeSigned(PLAN, PLAN_FORMAT, current);
    }
    // A first build, or a CI build into an empty folder: the staged tree becomes the output with one
    // rename (a rename replaces an empty folder). When something appeared in the folder meanwhile,
    // or a kill stopped the run after the rename (the staging folder is gone), file by file below.
    const swapped = current.swap === true && existsSync(this.stageDir) && readdirSync(this.out).length === 0;
    if (swapped) {
      renameSync(this.stageDir, this.out);
      crashPoint("tree-swapped");
    }
    const folders = new RealFolders(this.out);
    if (!swapped)
      current.moves.forEach((rel, i) => {
        const staged = resolveInside(this.stageDir, rel);
        // Already moved by the run a kill stopped.
        if (!existsSync(staged)) return;
        renameSync(staged, folders.fileFor(rel));
        crashPoint("applied", i + 1);
      });
    for (const rel of current.deletes) folders.remove(rel);
    this.state.writeManifest(
      "folder",
      new Map(current.manifest.map(([p, hash, fingerprint]) => [p, { hash, fingerprint }])),
      current.stamp,
    );
    rmSync(this.state.entry(PLAN), { force: true });
    rmSync(this.stageDir, { recursive: true, force: true });
    // Leaving link mode: its trees are no longer published.
    if (!plan.fromLink) return;
    for (const name of ["a", "b"]) {
      rmSync(this.state.entry(name), { recursive: true, force: true });
      this.state.removeManifest(name);
    }
  }
}
