/**
 * I/O edge: finished outputs kept in the cache by fingerprint, so a build into an empty output
 * folder with a warm cache (a CI build: fresh checkout, restored `.cache`) places every page, feed and
 * picture variant it would otherwise produce again. Each output's bytes are a blob named by their
 * SHA-256, a hard link to the published file where the file system allows (nothing copied); a signed
 * index maps fingerprints to blobs. A blob is used only when its bytes still hash to its name, so a
 * file changed in place (in the output or the cache) or planted there is produced again.
 */
import type { DiskCache } from "../cache/disk-cache.js";

const BLOBS = "output";
const INDEX = "output-index";

/** What the folder writer asks of the kept outputs. */
export class KeptOutputs {
  private readonly known: ReadonlyMap<string, string>;
  private readonly next = new Map<string, string>();
  private added = 0;

  constructor(private readonly cache: DiskCache) {
    const index = cache.readJson<Record<string, string>>(INDEX, "latest");
    this.known = new Map(index && typeof index === "object" ? Object.entries(index) : []);
  }

  /** The hash of the bytes kept for `fingerprint`, if any (not yet verified). */
  hashFor(fingerprint: string): string | undefined {
    return this.known.get(fingerprint);
  }

  /** Places the kept bytes for `fingerprint` at `to`; false when none verify (produce them then). */
  place(fingerprint: string, to: string): boolean {
    const hash = this.known.get(fingerprint);
    if (hash === undefined || !this.cache.placeBlob(BLOBS, hash, to)) return false;
    this.next.set(fingerprint, hash);
    return true;
  }

  /** Keeps the finished file `from`, made for `fingerprint`, with SHA-256 `hash`. */
  keep(fingerprint: string, hash: string, from: string): void {
    this.cache.keepBlob(BLOBS, hash, from);
    this.next.set(fingerprint, hash);
    this.added++;
  }

  /** An output unchanged in the output folder is still kept (its blob stays). */
  still(fingerprint: string): void {
    const hash = this.known.get(fingerprint);
    if (hash !== undefined) this.next.set(fingerprint, hash);
  }

  /** Writes the index of this build's outputs and, when new blobs came, removes those no output uses. */
  save(): void {
    this.cache.writeJson(INDEX, "latest", Object.fromEntries(this.next));
    if (this.added > 0) this.cache.pruneBlobs(BLOBS, new Set(this.next.values()));
  }
}
