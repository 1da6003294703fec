/** Factories for stage inputs: a valid value with every field, overridable per test. */
import type { RenderedArticle, ResolvedConfig, SiteSettings } from "../../src/model.js";

/** Site settings as a test site would have them. */
export function makeSite(over: Partial<SiteSettings> = {}): SiteSettings {
  return {
    title: "Test Times",
    description: "News for tests.",
    baseUrl: "https://test.example/",
    language: "en-GB",
    timeZone: "Europe/Amsterdam",
    email: null,
    copyright: "Test Times Ltd",
    logo: { src: "/assets/logo.svg", alt: "Test Times" },
    perPage: 10,
    feedLength: 20,
    about: null,
    ...over,
  };
}

/** A resolved config with the build clock at 2026-11-26T12:00:00Z. */
export function makeConfig(over: Partial<ResolvedConfig> = {}, site: Partial<SiteSettings> = {}): ResolvedConfig {
  return {
    site: makeSite(site),
    paths: { content: "content", templates: "templates", public: "public", out: "dist" },
    now: Date.UTC(2026, 10, 26, 12),
    includeDrafts: false,
    basePath: "",
    ...over,
  };
}

/** A rendered article; `daysAgo` sets the date relative to the test clock. */
export function makeArticle(over: Partial<RenderedArticle> & { slug: string; daysAgo?: number }): RenderedArticle {
  const { daysAgo = 1, ...rest } = over;
  return {
    sourcePath: `content/articles/${over.slug}.md`,
    title: `Title of ${over.slug}`,
    date: Date.UTC(2026, 10, 26, 12) - daysAgo * 86_400_000,
    enhanced: null,
    summary: `Summary of ${over.slug}.`,
    tags: [],
    source: null,
    isGenerated: false,
    author: null,
    image: null,
    isFeatured: false,
    isDraft: false,
    extra: {},
    body: "Body.",
    bodyLine: 4,
    content: { html: "<p>Body.</p>\n", absoluteHtml: "<p>Body.</p>\n", excerpt: "Body.", headings: [], wordCount: 1 },
    ...rest,
  };
}
