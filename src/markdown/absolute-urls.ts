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

/** URL attributes rewritten, as the serializer names them (the properties `href` and `src`). */
const URL_ATTRIBUTE = /^(?:href|src)$/;
// One attribute inside a start tag: its name, then optionally `="value"`.
const ATTRIBUTE = /\s*([^\s"'>/=]+)(?:="([^"]*)")?/y;
const REFERENCE = /&#x([0-9A-Fa-f]+);/g;
const ENCODED = /[\0"&'`]/g;

/** The page HTML `html` with every `href` and `src` resolved against `pageUrl` (as the feed variant was always made). */
export function absoluteHtmlOf(html: string, pageUrl: string): string {
  if (!html.includes("href=") && !html.includes("src=")) return html;
  const out: string[] = [];
  let from = 0;
  let at = html.indexOf("<");
  while (at !== -1) {
    // `<name`, `</name` or anything else (kept as is).
    const name = /^<([A-Za-z][^\s/>]*)/.exec(html.slice(at, at + 64));
    if (name === null) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    let i = at + name[0].length;
    for (;;) {
      ATTRIBUTE.lastIndex = i;
      const m = ATTRIBUTE.exec(html);
      if (m === null || m[0] === "") break;
      if (m[2] !== undefined && URL_ATTRIBUTE.test(m[1]!)) {
        const valueStart = m.index + m[0].length - m[2].length - 1;
        out.push(html.slice(from, valueStart), encode(absolutize(decode(m[2]), pageUrl)));
        from = valueStart + m[2].length;
      }
      i = m.index + m[0].length;
    }
    at = html.indexOf("<", i);
  }
  out.push(html.slice(from));
  return out.join("");
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
