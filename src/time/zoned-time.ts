/** The one module that uses luxon: reading editors' dates and formatting instants in a zone. */
import { DateTime, Info } from "luxon";

/** True when `zone` is an IANA time zone name the runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  return Info.isValidIANAZone(zone);
}

// "2024-05-01 10:00:00 -0700", "2024-05-01 10:00", "2024-05-01 10:00:00.5Z": YAML/Jekyll style with a space.
const SPACED = /^(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a date as editors write it: ISO 8601 with or without time and offset, YAML-style
 * "2024-05-01 10:00:00 -0700", or RFC 2822. A value without an offset is read in `zone`.
 * Returns ms since epoch, or null when the text is not a date.
 */
export function parseEditorDate(value: unknown, zone: string): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value !== "string") return null;
  const text = value.trim();
  let dt = DateTime.fromISO(text, { zone, setZone: true });
  if (!dt.isValid) {
    const m = SPACED.exec(text);
    if (m) {
      const [, day, time, offset] = m;
      const hhmm = time!.length === 4 ? `0${time}` : time!;
      dt = DateTime.fromISO(`${day}T${hhmm}${normalizeOffset(offset)}`, { zone, setZone: true });
    }
  }
  if (!dt.isValid) dt = DateTime.fromRFC2822(text, { zone, setZone: true });
  if (!dt.isValid || dt.year < 1000 || dt.year > 9999) return null;
  return dt.toMillis();
}

function normalizeOffset(offset: string | undefined): string {
  if (!offset) return "";
  if (offset.toUpperCase() === "Z") return "Z";
  const sign = offset[0];
  const digits = offset.slice(1).replace(":", "");
  return `${sign}${digits.slice(0, 2)}:${(digits.slice(2) || "00").padEnd(2, "0")}`;
}

/** ISO 8601 with the zone's offset, to the second: "2026-11-20T09:30:00+01:00". */
export function formatIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

/** ISO 8601 date and time in UTC, for sitemaps and machine-readable places. */
export function formatUtcIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}

/** Human date and time in the site's language and zone: "26 November 2026, 14:05". */
export function formatDateTime(ms: number, zone: string, locale: string): string {
  return DateTime.fromMillis(ms, { zone })
    .setLocale(locale)
    .toLocaleString({ year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** Human date in the site's language and zone: "26 November 2026". */
export function formatDay(ms: number, zone: string, locale: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale(locale).toLocaleString(DateTime.DATE_FULL);
}

/** The calendar year of an instant in a zone. */
export function yearIn(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).year;
}
