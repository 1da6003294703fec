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
  /** Text that shows once the page's script has done its work (checks and screenshots wait for it). */
  readonly ready?: { readonly selector: string; readonly text: string };
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
  { name: "bundle-article", path: "/articles/solar-rooftop-relay-porto/", status: 200 },
  { name: "author", path: "/authors/clara-lindqvist/", status: 200 },
  { name: "authors", path: "/authors/", status: 200 },
  // "kilowatt" is in one article's body only; the screenshot waits for the results (see screenshots.test.ts).
  { name: "search", path: "/search/?q=kilowatt", status: 200, ready: { selector: "#search-status", text: "found" } },
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
