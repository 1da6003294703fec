/**
 * Layout choices that are data, not CSS (docs/layout.md): which story leads the front page, how
 * many recommendations an article shows, how a tag reads as a heading, and a card's teaser.
 */
import { clipDescription } from "./social.js";

/** Stories beside the lead on the front page (the "rail"); the rest of page 1 fills rows below. */
const RAIL_LENGTH = 2;

/** Recommendations under an article: 4 fills rows of 1, 2 and 4 columns (the compact grid's counts). */
export const RELATED_SHOWN = 4;

/** Page 1 of the home page split for the front-page layout. */
export interface Front<T> {
  readonly lead: T;
  readonly rail: readonly T[];
  readonly rest: readonly T[];
}

/**
 * Splits page 1 (newest first): the lead is the newest featured story on the page — so an editor's
 * pick leads for as long as it is among the newest `perPage` stories, never an old one — else the
 * newest story. The lead is left out of the rest, which keeps its order. Null for an empty page.
 */
export function frontPage<T extends { readonly isFeatured: boolean }>(items: readonly T[]): Front<T> | null {
  if (items.length === 0) return null;
  const lead = items.find((a) => a.isFeatured) ?? items[0]!;
  const others = items.filter((a) => a !== lead);
  return { lead, rail: others.slice(0, RAIL_LENGTH), rest: others.slice(RAIL_LENGTH) };
}

/**
 * A tag as a page heading: its display name, with a capital first letter when the name has no
 * capitals at all ("open protocols" → "Open protocols"); a name written with capitals anywhere
 * ("iOS", "Open Source") is the writers' choice and kept as it is.
 */
export function tagHeading(name: string, language: string): string {
  if (name !== name.toLocaleLowerCase(language)) return name;
  const [first = "", ...rest] = [...name];
  return first.toLocaleUpperCase(language) + rest.join("");
}

/** What a card shows under its headline: the summary, else the body's first paragraph cut at a word. */
export function teaser(summary: string | null, excerpt: string): string | null {
  if (summary !== null) return summary;
  const clipped = clipDescription(excerpt);
  return clipped === "" ? null : clipped;
}
