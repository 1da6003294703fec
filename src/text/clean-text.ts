/** The one rule for text that reaches a page or a feed: no control characters, noncharacters or lone surrogates. */

// Tab, LF and CR are layout. Every other control character (C0, DEL, C1) shows nothing or garbage,
// and NUL, BEL or ESC in <title> or a meta tag is what a crawler or terminal chokes on; Unicode
// reserves the 66 noncharacters (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF in all 17 planes) for internal
// use, never interchange; a lone surrogate cannot be encoded as UTF-8. In `u` mode a valid pair is
// one code point, so \p{Cs} matches only a half pair. XML 1.0 forbids a subset of these.
const UNSHOWABLE = /(?![\t\n\r])\p{Cc}|\p{Noncharacter_Code_Point}|\p{Cs}/gu;

/** Removes control characters (except tab, LF and CR), noncharacters and lone surrogates. */
export function cleanText(text: string): string {
  return text.replace(UNSHOWABLE, "");
}

/**
 * Plain data (front-matter, settings) with `cleanText` applied to every string, map keys included,
 * at any depth. Other values (numbers, booleans, null, anything that is not a plain object) are kept.
 */
export function cleanData(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanData);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // A cleaned key may read "__proto__": assignment would replace the prototype instead of adding a key.
    Object.defineProperty(out, cleanText(key), {
      value: cleanData(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
