/**
 * Rendered article HTML, addressed by content key. Kept out of the site graph so a build holds
 * only what it is rendering: entries come from this build's renders or the disk cache, and a
 * missing or damaged cache entry is rendered again, never trusted.
 */
import type { RenderedHtml } from "../model.js";
import type { DiskCache } from "../cache/disk-cache.js";

const NAMESPACE = "html";
// Enough for the largest page or feed being produced; older entries are dropped (memory stays flat).
const RECENT = 256;

/** Looks up rendered HTML by key; `rerender` rebuilds an entry the cache lost. */
export class HtmlStore {
  /** All HTML when there is no disk cache; otherwise the most recently used entries. */
  private readonly entries = new Map<string, RenderedHtml>();

  constructor(
    private readonly cache: DiskCache,
    private readonly rerender: (key: string) => Promise<RenderedHtml>,
  ) {}

  /** Records a fresh render: on disk when caching, else in memory. */
  put(key: string, value: RenderedHtml): void {
    if (this.cache.dir === null) this.entries.set(key, { html: value.html, absoluteHtml: value.absoluteHtml });
    else this.cache.writeJson(NAMESPACE, key, { html: value.html, absoluteHtml: value.absoluteHtml });
  }

  /** Makes `keys` available to `get`, reading the cache and re-rendering lost entries. */
  async ensure(keys: readonly string[]): Promise<void> {
    if (this.cache.dir !== null && this.entries.size + keys.length > RECENT) {
      const wanted = new Set(keys);
      for (const key of this.entries.keys()) if (!wanted.has(key)) this.entries.delete(key);
    }
    for (const key of keys) {
      if (this.entries.has(key)) continue;
      const hit = this.cache.readJson<RenderedHtml>(NAMESPACE, key);
      const value =
        hit && typeof hit.html === "string" && typeof hit.absoluteHtml === "string" ? hit : await this.rerender(key);
      if (value !== hit) this.put(key, value);
      this.entries.set(key, value);
    }
  }

  /** The HTML for `key`, which must have been ensured. */
  get(key: string): RenderedHtml {
    const value = this.entries.get(key);
    if (!value) throw new Error(`Internal error: HTML ${key} used before it was loaded`);
    return value;
  }
}
