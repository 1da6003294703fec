/**
 * What a build says about its schedule: the terminal lines naming each scheduled and expired
 * article, and the JSON report a scheduler reads to know when to rebuild. Pure: the CLI prints,
 * output/report-file writes.
 */
import type { ResolvedConfig } from "./model.js";
import type { Schedule } from "./graph/schedule.js";
import { formatIso } from "./time/zoned-time.js";

/** Articles named per list before "… and N more": a backlog must not bury the summary line. */
const MAX_LISTED = 10;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The JSON build report, format 1: every instant ISO 8601 with the site's offset. */
export interface BuildReport {
  readonly version: 1;
  /** The build clock. */
  readonly builtAt: string;
  /** The site's baseUrl. */
  readonly site: string;
  readonly articles: number;
  readonly pages: number;
  readonly drafts: number;
  readonly scheduled: readonly { readonly file: string; readonly publishes: string }[];
  readonly expired: readonly { readonly file: string; readonly expired: string }[];
  /** When the site must be rebuilt next, or null when it will not change by itself. */
  readonly nextChange: { readonly at: string; readonly file: string; readonly reason: "publish" | "expire" } | null;
}

/** The report of a build with `counts` (the published site's articles and pages) at the config's clock. */
export function makeBuildReport(
  schedule: Schedule,
  counts: { readonly articles: number; readonly pages: number },
  config: Pick<ResolvedConfig, "now" | "site">,
): BuildReport {
  const iso = (ms: number) => formatIso(ms, config.site.timeZone);
  const next = schedule.nextChange;
  return {
    version: 1,
    builtAt: iso(config.now),
    site: config.site.baseUrl,
    articles: counts.articles,
    pages: counts.pages,
    drafts: schedule.drafts,
    scheduled: schedule.scheduled.map((s) => ({ file: s.file, publishes: iso(s.publishes) })),
    expired: schedule.expired.map((e) => ({ file: e.file, expired: iso(e.expired) })),
    nextChange: next && { at: iso(next.at), file: next.file, reason: next.reason },
  };
}

/** The report as its file holds it: indented JSON and a final newline. */
export function reportText(report: BuildReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** "2 drafts, 1 scheduled article and 1 expired article left out (next: 2026-12-01 09:00 +01:00, content/articles/storm.md)", or null. */
export function leftOutLine(schedule: Schedule, timeZone: string): string | null {
  const { drafts, scheduled, expired } = schedule;
  const parts = [
    drafts > 0 && count(drafts, "draft"),
    scheduled.length > 0 && count(scheduled.length, "scheduled article"),
    expired.length > 0 && count(expired.length, "expired article"),
  ].filter((p) => p !== false);
  if (parts.length === 0) return null;
  const first = scheduled[0];
  const next = first ? ` (next: ${showDate(first.publishes, timeZone)}, ${first.file})` : "";
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
  return `${listed} left out${next}`;
}

/**
 * One line per scheduled article ("Scheduled: content/articles/storm.md publishes 2026-12-01 09:00
 * +01:00 (in 2 days)"), then per expired one ("Expired: … left the site …"), at most 10 of each.
 */
export function scheduleLines(schedule: Schedule, config: Pick<ResolvedConfig, "now" | "site">): string[] {
  const zone = config.site.timeZone;
  return [
    ...capped(
      schedule.scheduled.map(
        (s) =>
          `Scheduled: ${s.file} publishes ${showDate(s.publishes, zone)} (${untilPhrase(s.publishes - config.now)})`,
      ),
    ),
    ...capped(schedule.expired.map((e) => `Expired: ${e.file} left the site ${showDate(e.expired, zone)}`)),
  ];
}

/**
 * "in 2 days" for a time `ms` ahead, rounded to the largest sensible unit with the thresholds the
 * theme's relative times use (45 s, 45 min, 22 h), so the terminal and the pages agree.
 */
export function untilPhrase(ms: number): string {
  if (ms < 45_000) return "in less than a minute";
  if (ms < 45 * MINUTE) return `in ${count(Math.max(1, Math.round(ms / MINUTE)), "minute")}`;
  if (ms < 22 * HOUR) return `in ${count(Math.round(ms / HOUR), "hour")}`;
  return `in ${count(Math.max(1, Math.round(ms / DAY)), "day")}`;
}

/** "2026-12-01 09:00 +01:00": minutes are what an editor schedules; the offset says which clock. */
function showDate(ms: number, zone: string): string {
  const iso = formatIso(ms, zone);
  const offset = /(Z|[+-]\d\d:\d\d)$/.exec(iso)?.[1] ?? "Z";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} ${offset === "Z" ? "+00:00" : offset}`;
}

function capped(lines: readonly string[]): string[] {
  return lines.length > MAX_LISTED
    ? [...lines.slice(0, MAX_LISTED), `… and ${lines.length - MAX_LISTED} more`]
    : [...lines];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
