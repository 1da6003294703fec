/**
 * The feed variant of a rendered body: the page HTML with every `href` and `src` made absolute.
 * Made from the serialized page HTML when a feed needs it, not by every render: only feed items
 * use it. No HTML parser is involved (re-parsing sanitized HTML may restructure it); the page HTML
 * comes from our own serializer (rehype-stringify), whose output is regular:
 * - outside tags, `<` is always written `&lt;` (text) — comments, scripts and styles never survive
 *   sanitizing — so every `<` starts a tag;
 * - attribute values are always double-quoted, with `\0 " & ' \`` written as `&#xHH;` (hexadecimal,
 *   upper case), so a value holds no raw `"` and every `&` in it starts one of those references.
 * Pure string work: a build whose feeds are cached never loads remark or rehype for this.
 */

// A start tag: its name, then attributes (`name` or `name="value"`); a value holds no `"`, so the
// match cannot end inside one, and no text holds a raw `<`, so it cannot start inside text.
const START_TAG = /<[A-Za-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*\s*\/?>/g;
// `href="…"` or `src="…"` inside a start tag: a value holds no `"`, so this never matches inside one.
const URL_ATTRIBUTE = /(\s(?:href|src)=")([^"]*)"/g;
const REFERENCE = /&#x([0-9A-Fa-f]+);/g;
const ENCODED = /[\0"&'`]/g;

/** The page HTML `html` with every `href` and `src` resolved against `pageUrl` (as the feed variant was always made). */
export function absoluteHtmlOf(html: string, pageUrl: string): string {
  if (!html.includes(' href="') && !html.includes(' src="')) return html;
  return html.replace(START_TAG, (tag) =>
    tag.includes('="')
      ? tag.replace(
          URL_ATTRIBUTE,
          (_, before: string, value: string) => `${before}${encode(absolutize(decode(value), pageUrl))}"`,
        )
      : tag,
  );
}

/** `url` resolved against the page it appears on; a fragment stays on that page. */
export function absolutize(url: string, pageUrl: string): string {
  if (url.startsWith("#")) return pageUrl + url;
  try {
    return new URL(url, pageUrl).href;
  } catch {
    return url;
  }
}

function decode(value: string): string {
  return value.includes("&")
    ? value.replace(REFERENCE, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    : value;
}

function encode(value: string): string {
  return value.replace(ENCODED, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
}
