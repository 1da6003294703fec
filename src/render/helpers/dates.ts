/** Date helpers for templates: plain functions over ISO strings, in the site's zone and language. */
import { formatDateTime, formatDay } from "../../time/zoned-time.js";

/** Formats ISO instants for display; bound to the site's zone and language once per build. */
export function makeDateHelpers(timeZone: string, language: string) {
  const ms = (iso: string) => Date.parse(iso);
  // "2026-10-30" is a calendar day, not an instant: format it as that day, whatever the zone.
  const isDay = (iso: string) => /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const day = (iso: string) =>
    isDay(iso) ? formatDay(ms(iso), "UTC", language) : formatDay(ms(iso), timeZone, language);
  return {
    /** "26 November 2026 at 14:05", or "26 November 2026" for a day without a time */
    formatDate: (iso: string) => (isDay(iso) ? day(iso) : formatDateTime(ms(iso), timeZone, language)),
    /** "26 November 2026" */
    formatDay: day,
  };
}
