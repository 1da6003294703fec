/** Text helpers for templates: reading time and plurals. */

/** "4 min read" (never "0 min"). */
export function readingTime(minutes: number): string {
  return `${Math.max(1, Math.round(minutes))} min read`;
}

/** "1 article", "3 articles". */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Hyphenated words up to this many characters stay on one line in a headline. */
const COMPOUND_MAX = 24;

/**
 * A headline's HTML from its escaped text: each short hyphenated compound ("age-check",
 * "co-operative") is kept on one line (`<span class="nobr">`), so the line never breaks after its
 * hyphen ("age-/check"). A longer compound may still break there rather than overflow a phone.
 */
export function keepCompounds(escaped: string): string {
  return escaped.replace(/[\p{L}\p{N}]+(?:[-\u2010][\p{L}\p{N}]+)+/gu, (word) =>
    [...word].length <= COMPOUND_MAX ? `<span class="nobr">${word}</span>` : word,
  );
}
