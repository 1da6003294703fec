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
}

const NAMESPACE = "index";
const KEY = "content";

/** Loads the index (empty when absent or damaged). */
export function loadContentIndex(cache: DiskCache): ContentIndex {
  const raw = cache.readJson<{ validation: [string, ValidationEntry][]; summaries: [string, MarkdownSummary][]; files: [string, FileStamp][] }>(NAMESPACE, KEY);
  if (!raw || !Array.isArray(raw.validation) || !Array.isArray(raw.summaries) || !Array.isArray(raw.files)) return { validation: new Map(), summaries: new Map(), files: new Map() };
  return { validation: new Map(raw.validation), summaries: new Map(raw.summaries), files: new Map(raw.files) };
}

/** Saves the entries this build used (older ones are dropped), unless nothing changed. */
export function saveContentIndex(cache: DiskCache, previous: ContentIndex, next: ContentIndex): void {
  const isSame = (a: Map<string, unknown>, b: Map<string, unknown>, same: (x: unknown, y: unknown) => boolean = () => true) => a.size === b.size && [...a].every(([k, v]) => b.has(k) && same(v, b.get(k)));
  const sameStamp = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (isSame(previous.validation, next.validation) && isSame(previous.summaries, next.summaries) && isSame(previous.files, next.files, sameStamp)) return;
  cache.writeJson(NAMESPACE, KEY, { validation: [...next.validation], summaries: [...next.summaries], files: [...next.files] });
}
