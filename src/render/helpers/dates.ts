/** Date helpers for templates: plain functions over ISO strings, in the site's zone and language. */
import { formatDateTime, formatDay } from "../../time/zoned-time.js";

/** Formats ISO instants for display; bound to the site's zone and language once per build. */
export function makeDateHelpers(timeZone: string, language: string) {
  const ms = (iso: string) => Date.parse(iso);
  return {
    /** "26 November 2026 at 14:05" */
    formatDate: (iso: string) => formatDateTime(ms(iso), timeZone, language),
    /** "26 November 2026" */
    formatDay: (iso: string) => formatDay(ms(iso), timeZone, language),
  };
}
