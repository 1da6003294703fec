/** Factories for stage inputs: a valid value with every field, overridable per test. */
import type {
  ImageRef,
  RenderedArticle,
  RenderedHtml,
  ResolvedConfig,
  SiteSettings,
  SourceFile,
} from "../../src/model.js";
import { hashOf } from "../../src/cache/hash.js";
import { HtmlStore } from "../../src/markdown/html-store.js";
import type { HtmlLookup, Producers } from "../../src/output/writer.js";
import { DiskCache } from "../../src/cache/disk-cache.js";

/** Site settings as a test site would have them. */
function makeSite(over: Partial<SiteSettings> = {}): SiteSettings {
  return {
    title: "Test Times",
    description: "News for tests.",
    baseUrl: "https://test.example/",
    language: "en-GB",
    timeZone: "Europe/Amsterdam",
    email: null,
    copyright: "Test Times Ltd",
    logo: { src: "/assets/logo.svg", alt: "Test Times" },
    cardImage: null,
    perPage: 10,
    feedLength: 20,
    about: null,
    oldUrls: null,
    search: true,
    missingImages: "error",
    ...over,
  };
}

/** A resolved config with the build clock at 2026-11-26T12:00:00Z. */
export function makeConfig(over: Partial<ResolvedConfig> = {}, site: Partial<SiteSettings> = {}): ResolvedConfig {
  return {
    site: makeSite(site),
    paths: { content: "content", templates: "templates", public: "public", out: "dist", cache: null, theme: null },
    now: Date.UTC(2026, 10, 26, 12),
    includeDrafts: false,
    basePath: "",
    threads: 1,
    renderTimeoutMs: 10_000,
    ...over,
  };
}

/** A rendered article; `daysAgo` sets the date relative to the test clock. */
export function makeArticle(
  over: Omit<Partial<RenderedArticle>, "image"> & {
    slug: string;
    daysAgo?: number;
    image?: Pick<ImageRef, "src" | "alt"> & Partial<ImageRef>;
  },
): RenderedArticle {
  const { daysAgo = 1, image, author, ...rest } = over;
  const date = over.date ?? Date.UTC(2026, 10, 26, 12) - daysAgo * 86_400_000;
  return {
    sourcePath: `content/articles/${over.slug}.md`,
    sourceHash: `hash-of-${over.slug}`,
    title: `Title of ${over.slug}`,
    date,
    isDateOnly: false,
    enhanced: null,
    // The latest of the publication, `enhanced` and the updates, as validation computes it.
    modified: Math.max(date, over.enhanced ?? date, ...(over.updates ?? []).map((u) => u.date)),
    updates: [],
    canonical: null,
    expires: null,
    summary: `Summary of ${over.slug}.`,
    tags: [],
    source: null,
    isGenerated: false,
    // One author unless `authors` says otherwise, as validation reads `author: Name`.
    author: author ?? null,
    authors: author ? [author] : [],
    aliases: [],
    image: image ? { caption: null, credit: null, ...image } : null,
    isFeatured: false,
    isDraft: false,
    extra: {},
    bodyLine: 4,
    content: { key: `key-of-${over.slug}`, excerpt: "Body.", headings: [], wordCount: 1, findings: [] },
    ...rest,
  };
}

/** An in-memory HTML store: `html[key]` or "<p>Body.</p>" for any other key. */
export function makeStore(html: Record<string, string> = {}): HtmlStore {
  return new HtmlStore(new DiskCache(null), async (key): Promise<RenderedHtml> => {
    const value = html[key] ?? "<p>Body.</p>\n";
    return { html: value, absoluteHtml: value };
  });
}

/** HTML bodies by key, as the executor hands them to feeds: `html[key]` or "<p>Body.</p>" for any other key. */
export function makeHtml(html: Record<string, string> = {}): HtmlLookup {
  return (key) => {
    const value = html[key] ?? "<p>Body.</p>\n";
    return { html: value, absoluteHtml: value };
  };
}

/** What planned outputs ask for, in a test: bodies from `makeHtml`; pages are not rendered. */
export function makeProducers(html: Record<string, string> = {}): Producers {
  const lookup = makeHtml(html);
  return {
    html: async () => lookup,
    page: async (spec) => {
      throw new Error(`Internal error: this test renders no page (${spec.outputPath})`);
    },
  };
}

/** A source file as read from disk (hash filled in). */
export function makeSource(path: string, relPath: string, text: string): SourceFile {
  return { path, relPath, text, hash: hashOf(text) };
}
