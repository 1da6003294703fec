/** Text helpers for templates: reading time and plurals. */

/** "4 min read" (never "0 min"). */
export function readingTime(minutes: number): string {
  return `${Math.max(1, Math.round(minutes))} min read`;
}

/** "1 article", "3 articles". */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
