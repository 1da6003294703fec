/** The cache index: validation results and Markdown summaries of the last build, by content key. */
import type { MarkdownSummary } from "../model.js";
import type { ValidationEntry } from "../content/validate-content.js";
import type { DiskCache } from "./disk-cache.js";

/** What one build remembers for the next. */
export interface ContentIndex {
  readonly validation: Map<string, ValidationEntry>;
  readonly summaries: Map<string, MarkdownSummary>;
}

const NAMESPACE = "index";
const KEY = "content";

/** Loads the index (empty when absent or damaged). */
export function loadContentIndex(cache: DiskCache): ContentIndex {
  const raw = cache.readJson<{ validation: [string, ValidationEntry][]; summaries: [string, MarkdownSummary][] }>(NAMESPACE, KEY);
  if (!raw || !Array.isArray(raw.validation) || !Array.isArray(raw.summaries)) return { validation: new Map(), summaries: new Map() };
  return { validation: new Map(raw.validation), summaries: new Map(raw.summaries) };
}

/** Saves the entries this build used (older ones are dropped), unless nothing changed. */
export function saveContentIndex(cache: DiskCache, previous: ContentIndex, next: ContentIndex): void {
  const isSame = (a: Map<string, unknown>, b: Map<string, unknown>) => a.size === b.size && [...a.keys()].every((k) => b.has(k));
  if (isSame(previous.validation, next.validation) && isSame(previous.summaries, next.summaries)) return;
  cache.writeJson(NAMESPACE, KEY, { validation: [...next.validation], summaries: [...next.summaries] });
}
