/** The cache index: validation results and Markdown summaries of the last build, by content key. */
import type { MarkdownSummary } from "../model.js";
import type { ValidationEntry } from "../content/validate-content.js";
import type { FileStamp } from "../content/read-sources.js";
import type { DiskCache } from "./disk-cache.js";

/** What one build remembers for the next. */
export interface ContentIndex {
  readonly validation: Map<string, ValidationEntry>;
  readonly summaries: Map<string, MarkdownSummary>;
  /** Article files by path: size, times and hash when last read. */
  readonly files: Map<string, FileStamp>;
  /** Summaries read from journals, not yet in the saved index (the next save must write them). @default 0 */
  readonly journaled?: number;
}

const NAMESPACE = "index";
const KEY = "content";
const JOURNAL = "summaries";
/** A shard build's journal (`broadsheet build --shard i/n`): one name per shard, so caches merge by copying. */
const SHARD_JOURNAL = /^summaries-shard-\d+-of-\d+$/;
// Bodies per journal line: a kill loses at most this many renders, and 10,000 bodies make ~300 appends.
const JOURNAL_GROUP = 32;

/** The journal a shard build writes its summaries to (see src/shard.ts). */
export function shardJournalName(index: number, count: number): string {
  return `${JOURNAL}-shard-${index}-of-${count}`;
}

/** The journals a build reads: a killed build's, and those of shard builds merged into this cache. */
function journalsOf(cache: DiskCache): string[] {
  return [JOURNAL, ...cache.journalNames(NAMESPACE, (name) => SHARD_JOURNAL.test(name))];
}

/**
 * Loads the index (empty when absent or damaged), with the summaries a killed build journaled and
 * those of shard builds whose caches were copied into this one.
 */
export function loadContentIndex(cache: DiskCache): ContentIndex {
  const raw = cache.readJson<{
    validation: [string, ValidationEntry][];
    summaries: [string, MarkdownSummary][];
    files: [string, FileStamp][];
  }>(NAMESPACE, KEY);
  const isValid = raw && Array.isArray(raw.validation) && Array.isArray(raw.summaries) && Array.isArray(raw.files);
  const index = isValid
    ? { validation: new Map(raw.validation), summaries: new Map(raw.summaries), files: new Map(raw.files) }
    : { validation: new Map(), summaries: new Map(), files: new Map() };
  let journaled = 0;
  for (const name of journalsOf(cache))
    for (const line of cache.readJournal(NAMESPACE, name)) {
      try {
        for (const [key, summary] of JSON.parse(line) as [string, MarkdownSummary][])
          if (!index.summaries.has(key)) {
            index.summaries.set(key, summary);
            journaled++;
          }
      } catch {
        cache.damaged++;
      }
    }
  return { ...index, journaled };
}

/**
 * Summaries of bodies as they are rendered, appended to a journal in small groups: the index is
 * written only at the end of a build, so without it a 50,000-article build killed at 90% would
 * render all 50,000 again. (The rendered HTML is already stored body by body.)
 */
export function summaryJournal(
  cache: DiskCache,
  name: string = JOURNAL,
): { add(key: string, summary: MarkdownSummary): void; flush(): void } {
  let pending: [string, MarkdownSummary][] = [];
  const flush = () => {
    if (pending.length === 0) return;
    cache.appendJournal(NAMESPACE, name, JSON.stringify(pending));
    pending = [];
  };
  return {
    add(key, summary) {
      pending.push([key, summary]);
      if (pending.length >= JOURNAL_GROUP) flush();
    },
    flush,
  };
}

/** Saves the entries this build used (older ones are dropped), unless nothing changed. */
export function saveContentIndex(cache: DiskCache, previous: ContentIndex, next: ContentIndex): void {
  const isSame = (
    a: Map<string, unknown>,
    b: Map<string, unknown>,
    same: (x: unknown, y: unknown) => boolean = () => true,
  ) => a.size === b.size && [...a].every(([k, v]) => b.has(k) && same(v, b.get(k)));
  const sameStamp = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  // Summaries that came from journals are not in the saved index yet, even when this build used exactly them.
  if (
    !(
      (previous.journaled ?? 0) === 0 &&
      isSame(previous.validation, next.validation) &&
      isSame(previous.summaries, next.summaries) &&
      isSame(previous.files, next.files, sameStamp)
    )
  ) {
    cache.writeJson(NAMESPACE, KEY, {
      validation: [...next.validation],
      summaries: [...next.summaries],
      files: [...next.files],
    });
  }
  // What the journals held is in the index now (or was not used by this build).
  for (const name of journalsOf(cache)) cache.removeJournal(NAMESPACE, name);
}

/** Replaces a shard's journal with `summaries` (what its share of the archive needs), in groups. */
export function rewriteShardJournal(
  cache: DiskCache,
  name: string,
  summaries: Iterable<readonly [string, MarkdownSummary]>,
): void {
  cache.removeJournal(NAMESPACE, name);
  const journal = summaryJournal(cache, name);
  for (const [key, summary] of summaries) journal.add(key, summary);
  journal.flush();
}
