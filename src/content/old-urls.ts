/**
 * The `oldUrls` site setting: a pattern such as "/blog/:path/" or "/:year/:month/:slug/" that gives
 * every article one more alias, for a site that moved as a whole (the Node.js blog's posts lived at
 * /blog/<category>/<file name>/).
 */
import { readAlias } from "./aliases.js";
import { formatIso } from "../time/zoned-time.js";

/** What a pattern may use. */
const OLD_URL_TOKENS = ["path", "slug", "year", "month", "day", "tag"] as const;
type Token = (typeof OLD_URL_TOKENS)[number];

/** What an article gives a pattern. */
export interface OldUrlFacts {
  /** The source file's path under articles/, without extension ("release/v20.20.0"; a bundle's folder). */
  readonly path: string;
  readonly slug: string;
  /** Published instant (ms); year, month and day are read in the site's time zone. */
  readonly date: number;
  /** The first tag's URL segment, or null for an article without tags. */
  readonly tag: string | null;
}

const TOKEN = /:([a-z]+)/g;

/** Why a pattern cannot be used, or null when it can. */
export function oldUrlPatternProblem(pattern: string): string | null {
  if (!pattern.startsWith("/")) return 'oldUrls must start with "/" (a path from the site\'s root)';
  if (!pattern.endsWith("/") && !/\.html?$/.test(pattern)) return 'oldUrls must end with "/" or ".html"';
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1]!);
  const unknown = tokens.find((t) => !(OLD_URL_TOKENS as readonly string[]).includes(t));
  if (unknown !== undefined)
    return `oldUrls has an unknown part ":${unknown}"; use ${OLD_URL_TOKENS.map((t) => `:${t}`).join(", ")}`;
  // Without the article's own name every article would get the same old address.
  if (!tokens.includes("slug") && !tokens.includes("path")) return "oldUrls must contain :slug or :path";
  const sample = expand(pattern, { path: "a/b", slug: "s", date: 0, tag: "t" }, "UTC");
  const read = readAlias(sample);
  return "problem" in read ? `oldUrls does not make a usable path: ${read.problem}` : null;
}

/**
 * The old address of an article as a site path ("/blog/release/v20.20.0/"), or null when the
 * pattern needs a tag the article does not have, or makes a path no redirect page can have.
 */
export function oldUrlOf(pattern: string, facts: OldUrlFacts, timeZone: string): string | null {
  if (facts.tag === null && pattern.includes(":tag")) return null;
  const read = readAlias(expand(pattern, facts, timeZone));
  return "path" in read ? read.path : null;
}

function expand(pattern: string, facts: OldUrlFacts, timeZone: string): string {
  const day = formatIso(facts.date, timeZone).slice(0, 10).split("-");
  const values: Record<Token, string> = {
    path: facts.path,
    slug: facts.slug,
    year: day[0]!,
    month: day[1]!,
    day: day[2]!,
    tag: facts.tag ?? "",
  };
  return pattern.replace(TOKEN, (_, name: Token) => values[name]);
}
