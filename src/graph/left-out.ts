/** What a build leaves out, so that a draft or a scheduled article never disappears silently. */
import type { Article, ResolvedConfig } from "../model.js";
import { formatIso } from "../time/zoned-time.js";

/** Drafts and scheduled articles a build left out, and the next scheduled one. */
export interface LeftOut {
  /** Drafts left out (0 with --drafts). */
  readonly drafts: number;
  /** Articles dated after the build clock (drafts among them are counted as drafts). */
  readonly scheduled: number;
  /** The earliest scheduled article: its date in the site's zone ("2026-12-01 09:00 +01:00") and file. */
  readonly next: { readonly date: string; readonly file: string } | null;
}

/** Counts what `config` leaves out of `articles`; the next one is the earliest, ties by file. */
export function countLeftOut(
  articles: readonly Pick<Article, "date" | "isDraft" | "sourcePath">[],
  config: Pick<ResolvedConfig, "now" | "includeDrafts" | "site">,
): LeftOut {
  let drafts = 0;
  let scheduled = 0;
  let next: Pick<Article, "date" | "sourcePath"> | null = null;
  for (const a of articles) {
    // A draft stays out whatever its date: it is a draft first, not scheduled.
    if (a.isDraft && !config.includeDrafts) drafts++;
    else if (a.date > config.now) {
      scheduled++;
      if (next === null || a.date < next.date || (a.date === next.date && a.sourcePath < next.sourcePath)) next = a;
    }
  }
  return {
    drafts,
    scheduled,
    next: next && { date: showDate(next.date, config.site.timeZone), file: next.sourcePath },
  };
}

/** "3 drafts and 1 scheduled article left out (next: 2026-12-01 09:00 +01:00, content/articles/storm.md)", or null when nothing was. */
export function leftOutLine(leftOut: LeftOut): string | null {
  const parts = [
    leftOut.drafts > 0 && `${leftOut.drafts} ${leftOut.drafts === 1 ? "draft" : "drafts"}`,
    leftOut.scheduled > 0 && `${leftOut.scheduled} scheduled ${leftOut.scheduled === 1 ? "article" : "articles"}`,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const next = leftOut.next ? ` (next: ${leftOut.next.date}, ${leftOut.next.file})` : "";
  return `${parts.join(" and ")} left out${next}`;
}

/** "2026-12-01 09:00 +01:00": minutes are what an editor schedules; the offset says which clock. */
function showDate(ms: number, zone: string): string {
  const iso = formatIso(ms, zone);
  const offset = /(Z|[+-]\d\d:\d\d)$/.exec(iso)?.[1] ?? "Z";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} ${offset === "Z" ? "+00:00" : offset}`;
}
