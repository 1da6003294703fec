/** The values that flow between build stages. All readonly: a stage returns new values. */

/** Site settings after defaults and validation (content/site.yaml, CLI overrides). */
export interface SiteSettings {
  /** @default "Broadsheet" */
  readonly title: string;
  /** @default "" */
  readonly description: string;
  /** Absolute base URL ending in "/". @default "http://localhost:8080/" */
  readonly baseUrl: string;
  /** BCP 47 language tag. @default "en" */
  readonly language: string;
  /** IANA time zone used to read dates without an offset and to display dates. @default "UTC" */
  readonly timeZone: string;
  /** Contact e-mail shown in the footer. @default null */
  readonly email: string | null;
  /** Copyright holder in the footer. @default the site title */
  readonly copyright: string;
  /** Logo shown in the header. @default { src: "/assets/logo.svg", alt: title } */
  readonly logo: { readonly src: string; readonly alt: string };
  /**
   * The picture link previews and search results show for pages without a raster picture of their
   * own (a PNG, JPEG or WebP path or URL), or null for the one the build draws from the title and
   * logo (`/assets/card.png`, 1200×630). @default null
   */
  readonly cardImage: { readonly src: string; readonly alt: string } | null;
  /** Articles per list page. @default 10 */
  readonly perPage: number;
  /** Items in each RSS feed. @default 20 */
  readonly feedLength: number;
  /** Footer "About us" blurb. @default null */
  readonly about: string | null;
  /**
   * Where every article used to live, as a pattern ("/blog/:path/", "/:year/:month/:slug/"): each
   * article gets a redirect page there, as with its own `aliases`. @default null
   */
  readonly oldUrls: string | null;
  /** Site search (docs/search.md): a /search/ page, a box in the header and a Pagefind index. @default true */
  readonly search: boolean;
  /**
   * What a missing or unreadable picture (a lead image or an image in a body) is: an error that
   * stops the build, or, for imported archives, a warning (the picture is left as written). @default "error"
   */
  readonly missingImages: "error" | "warn";
}

/** Where the build reads and writes. */
export interface SitePaths {
  readonly content: string;
  readonly templates: string;
  readonly public: string;
  readonly out: string;
  /** Persistent build cache, or null for none (--no-cache). @default ".cache" */
  readonly cache: string | null;
  /**
   * The theme (`templates/` and `public/` inside it), or null for none: a template or file the
   * site does not have is taken from it. @default the package's theme folder
   */
  readonly theme: string | null;
}

/** Frozen result of config resolution; the only place stages get settings and the clock from. */
export interface ResolvedConfig {
  readonly site: SiteSettings;
  readonly paths: SitePaths;
  /** The build clock (ms since epoch): articles dated later are left out. */
  readonly now: number;
  /** Include draft articles. */
  readonly includeDrafts: boolean;
  /** Path part of baseUrl without trailing slash ("" or "/news"). */
  readonly basePath: string;
  /** Worker threads for Markdown rendering. @default the machine's available parallelism */
  readonly threads: number;
  /** Milliseconds one article body (per MB of Markdown) may take to render (--render-timeout). @default 10000 */
  readonly renderTimeoutMs: number;
}

/** A file read from the content folder. */
export interface SourceFile {
  /** Path for messages, relative to the working directory. */
  readonly path: string;
  /** Path relative to its collection folder (articles/ or pages/), with "/" separators. */
  readonly relPath: string;
  /** SHA-256 of the text. */
  readonly hash: string;
  /** The file's text (read from disk on first use when the file is known unchanged). */
  readonly text: string;
}

/** A source split into front-matter data and body. */
export interface ParsedSource {
  readonly file: SourceFile;
  readonly data: Readonly<Record<string, unknown>>;
  readonly body: string;
  /** 1-based line where the body starts in the file. */
  readonly bodyLine: number;
  /** Finds the 1-based line and column of a front-matter key path in the file. */
  readonly locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

/** The original outlet of a republished article. */
export interface SourceRef {
  readonly name: string;
  /** The original article. */
  readonly url: string;
  /** The outlet's feed (RSS `<source url>` must name a feed, not an article), or null. */
  readonly feed: string | null;
}

/** A dated notice on an article: a correction (shown first) or an update. */
export interface ArticleUpdate {
  /** Instant, ms since epoch. */
  readonly date: number;
  readonly text: string;
  readonly kind: "update" | "correction";
}

/** An image with mandatory alt text, and the caption and credit shown under it (`figcaption`). */
export interface ImageRef {
  readonly src: string;
  readonly alt: string;
  /** What the picture shows, for readers (not alt text), or null. */
  readonly caption: string | null;
  /** Who made the picture ("Photo: Ana Ruiz / Agency"), or null. */
  readonly credit: string | null;
}

/** A validated article, before Markdown rendering (the body stays in its source file). */
export interface Article {
  readonly sourcePath: string;
  /** Hash of the source file's text: with the renderer identity, it addresses the rendered body. */
  readonly sourceHash: string;
  readonly slug: string;
  readonly title: string;
  /** Publication instant, ms since epoch. */
  readonly date: number;
  /** True when the editor gave only a day (`2026-10-30`): pages then show no time of day. */
  readonly isDateOnly: boolean;
  /** Last enhancement instant, ms since epoch, or null. */
  readonly enhanced: number | null;
  /**
   * The modified instant every output uses: the latest of the publication, `enhanced` and the
   * updates' dates. With `date` (the published instant), the one truth of when an article changed.
   */
  readonly modified: number;
  /** Corrections and updates, oldest first. */
  readonly updates: readonly ArticleUpdate[];
  /** The original's address when this is a syndicated copy (the page's canonical), or null. */
  readonly canonical: string | null;
  /** When the article stops being published (Hugo's expiryDate), or null. */
  readonly expires: number | null;
  readonly summary: string | null;
  /** Display names, de-duplicated by tag key, in front-matter order. */
  readonly tags: readonly string[];
  readonly source: SourceRef | null;
  readonly isGenerated: boolean;
  /** The byline as shown: the authors' names joined ("Ana Ruiz and Ben Okafor"), or null. */
  readonly author: string | null;
  /** Each author's name, in front-matter order (`author`, or Hugo's `authors` list). */
  readonly authors: readonly string[];
  readonly image: ImageRef | null;
  /**
   * Site paths (without the base path) where this article used to live: Hugo's `aliases`, Jekyll's
   * `redirect_from`. Each starts with "/" and ends with "/" (a folder) or a file name ("/x.html").
   */
  readonly aliases: readonly string[];
  readonly isFeatured: boolean;
  readonly isDraft: boolean;
  /** Front-matter keys we do not know, kept for templates. */
  readonly extra: Readonly<Record<string, unknown>>;
  readonly bodyLine: number;
}

/** A heading found in an article body. */
export interface Heading {
  readonly depth: number;
  readonly text: string;
}

/** The HTML of a rendered Markdown document. */
export interface RenderedHtml {
  /** Sanitized HTML with links as written (for pages). */
  readonly html: string;
  /** The same HTML with every relative URL made absolute (for feeds). */
  readonly absoluteHtml: string;
}

/**
 * Something in a body worth telling the editor, at a 1-based line and column of the body: a link
 * or image into the site (checked once the site's files are known), an image without alt text, or
 * a Hugo shortcode / Liquid tag we cannot run (shown as text; `count` in the whole body).
 */
export type ContentFinding =
  | {
      readonly kind: "link";
      readonly sitePath: string;
      readonly isImage: boolean;
      readonly line: number;
      readonly column: number;
    }
  | { readonly kind: "missing-alt"; readonly line: number; readonly column: number }
  | {
      readonly kind: "shortcode";
      readonly text: string;
      readonly count: number;
      readonly line: number;
      readonly column: number;
    }
  | { readonly kind: "too-deep"; readonly line: number; readonly column: number };

/** What later stages know about a rendered body without holding its HTML. */
export interface MarkdownSummary {
  /** Plain text of the first paragraph, for descriptions when there is no summary. */
  readonly excerpt: string;
  readonly headings: readonly Heading[];
  readonly wordCount: number;
  readonly findings: readonly ContentFinding[];
}

/** Markdown rendered once; later stages never re-parse HTML (the feed variant is made from `html` by the HTML store). */
export interface RenderedMarkdown extends Pick<RenderedHtml, "html">, MarkdownSummary {}

/** An article with its rendered body's summary; the HTML is fetched by `content.key` when a page needs it. */
export interface RenderedArticle extends Article {
  readonly content: MarkdownSummary & { readonly key: string };
}

/** A static page (content/pages/*.md). */
export interface StaticPage {
  readonly sourcePath: string;
  /** 1-based line where the body starts in the file. */
  readonly bodyLine: number;
  readonly slug: string;
  readonly title: string;
  readonly summary: string | null;
  readonly extra: Readonly<Record<string, unknown>>;
  readonly content: RenderedMarkdown;
}

/** A tag with its stable URL segment and its articles (slugs, newest first). */
export interface Tag {
  readonly key: string;
  readonly name: string;
  readonly segment: string;
  readonly slugs: readonly string[];
}

/** What content/authors/<slug>.md says about an author (validated; the bio rendered and sanitized). */
export interface AuthorProfile {
  /** The profile file, for messages. */
  readonly sourcePath: string;
  /** Sanitized HTML of the bio (front-matter `bio` or the Markdown body), or null. */
  readonly bioHtml: string | null;
  /** The portrait: a site path or https URL, with its alt text. */
  readonly avatar: { readonly src: string; readonly alt: string } | null;
  /** The author's own pages elsewhere (`url`, then `sameAs`), https only. */
  readonly links: readonly string[];
  /** Shown only when the profile gives it. */
  readonly email: string | null;
}

/** An author with a stable URL segment and their articles (slugs, newest first). */
export interface Author {
  /** The name folded as tag keys are (case, spaces). */
  readonly key: string;
  /** The name as most often written (ties: as the newest article writes it). */
  readonly name: string;
  readonly segment: string;
  readonly slugs: readonly string[];
  readonly profile: AuthorProfile | null;
}

/** Everything later stages need to know about the collection. */
export interface SiteGraph {
  /** Published articles, newest first (ties by slug). */
  readonly articles: readonly RenderedArticle[];
  readonly bySlug: ReadonlyMap<string, RenderedArticle>;
  /** Tags sorted by key. */
  readonly tags: readonly Tag[];
  readonly tagByKey: ReadonlyMap<string, Tag>;
  /** Authors of published articles, sorted by key. */
  readonly authors: readonly Author[];
  readonly authorByKey: ReadonlyMap<string, Author>;
  /** Related article slugs per article slug, best first. */
  readonly related: ReadonlyMap<string, readonly string[]>;
  /** Editor's picks, newest first. */
  readonly picks: readonly string[];
  /** Best-connected recent articles. */
  readonly connected: readonly string[];
  readonly pages: readonly StaticPage[];
}

/** Where a page shows an article's body: filled in with the HTML when the page is rendered. */
export interface BodySlot {
  readonly htmlKey: string;
  readonly pageSitePath: string;
  /** The local pictures the body shows, as the image plan has them (what the rewritten HTML depends on). */
  readonly pictures: readonly (readonly [string, string, number, boolean])[];
}

/** One entry of the route table. */
export interface PageSpec {
  /** Site path without base path, e.g. "/articles/x/". */
  readonly url: string;
  /** Output path relative to the output folder, "/" separated. */
  readonly outputPath: string;
  readonly layout: string;
  /** Built when first read: a page whose fingerprint the previous build's plan gives is never built. */
  readonly context: Readonly<Record<string, unknown>>;
  /** Slugs of the articles the context shows (as cards, or the article itself), known once it is built. */
  readonly deps: readonly string[];
  /**
   * The article body the page shows, as a key (its HTML is filled in at `context.article.html`
   * when the page is rendered), or null: every other page's context is complete as it is.
   */
  readonly body: BodySlot | null;
}

/** A file ready to be written. */
export interface OutputFile {
  readonly path: string;
  readonly contents: string | Uint8Array;
}
