/**
 * The pages of the sample site that the layout checks (layout.test.ts) and the screenshots
 * (screenshots.test.ts, `npm run screenshots`) visit: one row per kind of page. Add a row here and
 * both pick it up.
 */
export interface SitePage {
  /** Short name: the screenshot is docs/screenshots/<name>-<width>-<scheme>.png. */
  readonly name: string;
  /** Site path on the sample site. */
  readonly path: string;
  /** The HTTP status the static server answers with. */
  readonly status: number;
  /** A selector: the screenshot starts at this element instead of the top of the page. */
  readonly from?: string;
}

export const SITE_PAGES: readonly SitePage[] = [
  { name: "home", path: "/", status: 200 },
  { name: "home-page-2", path: "/page/2/", status: 200 },
  { name: "article", path: "/articles/mesh-networks-rural-wales/", status: 200 },
  { name: "related", path: "/articles/mesh-networks-rural-wales/", status: 200, from: ".related" },
  { name: "tag", path: "/tags/community-networks/", status: 200 },
  { name: "tag-short", path: "/tags/open-source/", status: 200 },
  { name: "topics", path: "/tags/", status: 200 },
  { name: "recommended", path: "/recommended/", status: 200 },
  { name: "about", path: "/about/", status: 200 },
  { name: "404", path: "/no-such-page/", status: 404 },
  // Added by the lead after merging the author and search branches:
  // { name: "author", path: "/authors/<slug>/", status: 200 },
  // { name: "search", path: "/search/?q=<a word of an article's body>", status: 200 },
];

/** The two screen widths (desktop, phone) and the height of their first screen. */
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Both colour schemes (prefers-color-scheme emulation). */
export const SCHEMES = ["light", "dark"] as const;

/** The build clock of the sample site, and the reader's clock in the browser (stable relative times). */
export const READER_CLOCK = new Date("2026-11-26T12:00:00Z");
