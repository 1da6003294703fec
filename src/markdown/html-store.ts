/**
 * Rendered article HTML, addressed by content key. Kept out of the site graph so a warm build
 * holds only what it re-renders: entries come from this build's renders or the disk cache, and a
 * missing or damaged cache entry is rendered again, never trusted.
 */
import type { RenderedHtml } from "../model.js";
import type { DiskCache } from "../cache/disk-cache.js";

const NAMESPACE = "html";

/** Looks up rendered HTML by key; `rerender` rebuilds an entry the cache lost. */
export class HtmlStore {
  private readonly inMemory = new Map<string, RenderedHtml>();

  constructor(
    private readonly cache: DiskCache,
    private readonly rerender: (key: string) => RenderedHtml,
  ) {}

  /** Records a fresh render: on disk when caching, else in memory. */
  put(key: string, value: RenderedHtml): void {
    if (this.cache.dir === null) this.inMemory.set(key, value);
    else this.cache.writeJson(NAMESPACE, key, { html: value.html, absoluteHtml: value.absoluteHtml });
  }

  /** True when the disk cache has a verified entry for `key` (reads it). */
  has(key: string): boolean {
    return this.inMemory.has(key) || this.cache.readJson<RenderedHtml>(NAMESPACE, key) !== undefined;
  }

  /** The HTML for `key`. */
  get(key: string): RenderedHtml {
    const hit = this.inMemory.get(key) ?? this.cache.readJson<RenderedHtml>(NAMESPACE, key);
    if (hit && typeof hit.html === "string" && typeof hit.absoluteHtml === "string") return hit;
    const fresh = this.rerender(key);
    this.put(key, fresh);
    return fresh;
  }
}

/**
 * A lazy reference to an article's HTML inside a template context: Handlebars turns it into
 * a string only for pages it actually renders, and page fingerprints see just the key.
 */
export class HtmlRef {
  constructor(
    readonly key: string,
    private readonly store: HtmlStore,
  ) {}

  toString(): string {
    return this.store.get(this.key).html;
  }

  toJSON(): string {
    return `html:${this.key}`;
  }
}
