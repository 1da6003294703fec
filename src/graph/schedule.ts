/**
 * What the build clock keeps off the site — drafts, articles dated later, articles past their
 * `expires` — and when the site next changes by itself, so that no article appears or vanishes
 * silently and a scheduler knows when to rebuild.
 */
import type { Article, ResolvedConfig } from "../model.js";

/** An article dated after the build clock, and the instant it publishes (ms since epoch). */
interface ScheduledArticle {
  readonly file: string;
  readonly publishes: number;
}

/** An article whose `expires` instant (ms since epoch) has passed. */
interface ExpiredArticle {
  readonly file: string;
  readonly expired: number;
}

/** The earliest instant after the build clock at which a rebuild changes the site. */
export interface NextChange {
  readonly at: number;
  readonly file: string;
  readonly reason: "publish" | "expire";
}

/** What a build leaves out at its clock, and what changes next. */
export interface Schedule {
  /** Drafts left out (0 with --drafts). */
  readonly drafts: number;
  /** Articles dated after the clock, soonest first (ties by file). */
  readonly scheduled: readonly ScheduledArticle[];
  /** Articles past their `expires`, most recently expired first (ties by file). */
  readonly expired: readonly ExpiredArticle[];
  /** The next publication or expiry, or null when the site will not change by itself. */
  readonly nextChange: NextChange | null;
}

type DatedArticle = Pick<Article, "date" | "isDraft" | "sourcePath"> & { readonly expires?: number | null };

/** Sorts `articles` into left-out drafts, scheduled and expired articles at `config.now`, and finds the next change. */
export function planSchedule(
  articles: readonly DatedArticle[],
  config: Pick<ResolvedConfig, "now" | "includeDrafts">,
): Schedule {
  let drafts = 0;
  const scheduled: ScheduledArticle[] = [];
  const expired: ExpiredArticle[] = [];
  let next: NextChange | null = null;
  const consider = (change: NextChange) => {
    if (next === null || compareChanges(change, next) < 0) next = change;
  };
  for (const a of articles) {
    // A draft stays out whatever its dates: it is a draft first, and a rebuild will not publish it.
    if (a.isDraft && !config.includeDrafts) drafts++;
    else if (a.expires != null && a.expires <= config.now) expired.push({ file: a.sourcePath, expired: a.expires });
    else {
      if (a.date > config.now) {
        scheduled.push({ file: a.sourcePath, publishes: a.date });
        consider({ at: a.date, file: a.sourcePath, reason: "publish" });
      }
      if (a.expires != null) consider({ at: a.expires, file: a.sourcePath, reason: "expire" });
    }
  }
  scheduled.sort((a, b) => a.publishes - b.publishes || byText(a.file, b.file));
  expired.sort((a, b) => b.expired - a.expired || byText(a.file, b.file));
  return { drafts, scheduled, expired, nextChange: next };
}

function compareChanges(a: NextChange, b: NextChange): number {
  return a.at - b.at || byText(a.file, b.file) || byText(a.reason, b.reason);
}

// Code-unit order, not the locale's: the same input gives the same report on every machine.
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
