/**
 * Rendered article HTML, addressed by content key. Kept out of the site graph so a build holds
 * only what it is rendering: entries come from this build's renders or the disk cache, and a
 * missing or damaged cache entry is rendered again, never trusted.
 */
import type { RenderedHtml } from "../model.js";
import type { DiskCache } from "../cache/disk-cache.js";
import { absoluteHtmlOf } from "./absolute-urls.js";

/** What is stored per body: the page HTML. The feed variant (absolute URLs) is made from it on demand. */
interface StoredHtml {
  readonly html: string;
}

const NAMESPACE = "html";
// Enough for the largest page or feed being produced; older entries are dropped (memory stays flat).
const RECENT = 256;

/** Looks up rendered HTML by key; `rerender` rebuilds an entry the cache lost. */
export class HtmlStore {
  /** All HTML when there is no disk cache; otherwise the most recently used entries. */
  private readonly entries = new Map<string, StoredHtml>();
  /** Feed variants made so far (a body is in several feeds), by key; dropped with their entry. */
  private readonly absolute = new Map<string, string>();

  /**
   * `pageUrlOf(key)` is the absolute URL of the page a body appears on, which its feed variant
   * resolves relative URLs against; without it the feed variant is the page HTML.
   */
  constructor(
    private readonly cache: DiskCache,
    private readonly rerender: (key: string) => Promise<StoredHtml>,
    private readonly pageUrlOf?: (key: string) => string,
  ) {}

  /** Records a fresh render: on disk when caching, else in memory. */
  put(key: string, value: StoredHtml): void {
    if (this.cache.dir === null) this.entries.set(key, { html: value.html });
    else this.cache.writeJson(NAMESPACE, key, { html: value.html });
  }

  /** Makes `keys` available to `get`, reading the cache and re-rendering lost entries. */
  async ensure(keys: readonly string[]): Promise<void> {
    if (this.cache.dir !== null && this.entries.size + keys.length > RECENT) {
      const wanted = new Set(keys);
      for (const key of this.entries.keys())
        if (!wanted.has(key)) {
          this.entries.delete(key);
          this.absolute.delete(key);
        }
    }
    for (const key of keys) {
      if (this.entries.has(key)) continue;
      const hit = this.cache.readJson<StoredHtml>(NAMESPACE, key);
      const stored = hit && typeof hit.html === "string" ? hit.html : undefined;
      const html = stored ?? (await this.rerender(key)).html;
      if (stored === undefined) this.put(key, { html });
      this.entries.set(key, { html });
    }
  }

  /** The HTML for `key`, which must have been ensured; its feed variant is made when first read. */
  get(key: string): RenderedHtml {
    const value = this.entries.get(key);
    if (!value) throw new Error(`Internal error: HTML ${key} used before it was loaded`);
    const absolute = this.absolute;
    const pageUrl = this.pageUrlOf;
    return {
      html: value.html,
      get absoluteHtml(): string {
        let made = absolute.get(key);
        if (made === undefined) {
          made = pageUrl === undefined ? value.html : absoluteHtmlOf(value.html, pageUrl(key));
          absolute.set(key, made);
        }
        return made;
      },
    };
  }
}
