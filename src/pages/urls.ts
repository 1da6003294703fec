/** One place for URL and output-path rules. Site paths ("/articles/x/") exclude the base path. */
import { createHash } from "node:crypto";

/** Site path of an article. */
export const articlePath = (slug: string): string => `/articles/${slug}/`;
/** Site path of a static page. */
export const staticPagePath = (slug: string): string => `/${slug}/`;
/** Site path of a tag page (page 1) or its page N. */
export const tagPath = (segment: string, page = 1): string =>
  page <= 1 ? `/tags/${segment}/` : `/tags/${segment}/page/${page}/`;
/** Site path of the home page (page 1) or its page N. */
export const homePath = (page = 1): string => (page <= 1 ? "/" : `/page/${page}/`);
/** Site path of the search page (docs/search.md). */
export const SEARCH_PATH = "/search/";
/** Site path of a tag's feed. */
export const tagFeedPath = (segment: string): string => `/tags/${segment}/feed.xml`;

/** Site path of an author page (page 1) or its page N. */
export const authorPath = (segment: string, page = 1): string =>
  page <= 1 ? `/authors/${segment}/` : `/authors/${segment}/page/${page}/`;
/** Site path of an author's RSS feed (the JSON Feed is beside it as feed.json). */
export const authorFeedPath = (segment: string): string => `/authors/${segment}/feed.xml`;

/** Output file for a site path: "/a/b/" → "a/b/index.html"; "/feed.xml" stays a file. */
export function outputPathFor(sitePath: string): string {
  const rel = sitePath.replace(/^\/+/, "");
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}

/** Root-relative URL including the base path, percent-encoded: what goes into href. */
export function siteUrl(sitePath: string, basePath: string): string {
  return encodeURI(basePath + sitePath);
}

/** Absolute URL of a site path. */
export function absoluteUrl(sitePath: string, baseUrl: string): string {
  return new URL(encodeURI(sitePath.replace(/^\//, "")), baseUrl).href;
}

const SYMBOL_WORDS: Record<string, string> = {
  "+": "plus",
  "#": "sharp",
  "&": "and",
  "@": "at",
  ".": "dot",
  "%": "percent",
  "*": "star",
  "/": "slash",
  "=": "equals",
  $: "dollar",
  "!": "bang",
  "<": "lt",
  ">": "gt",
  "~": "tilde",
};
const MAX_SEGMENT = 80;

/**
 * A readable URL segment for a tag key: letters of any script and digits are kept ("café" stays
 * "café", distinct from "cafe"); symbols become words ("c++" → "c-plus-plus", "c#" → "c-sharp").
 */
export function tagSegmentBase(key: string): string {
  let out = "";
  for (const ch of key.normalize("NFC")) {
    if (/[\p{L}\p{N}]/u.test(ch)) out += ch.toLowerCase();
    else out += SYMBOL_WORDS[ch] ? `-${SYMBOL_WORDS[ch]}-` : "-";
  }
  out = out.replace(/-+/g, "-").replace(/^-|-$/g, "");
  if (out.length > MAX_SEGMENT || Buffer.byteLength(out) > MAX_SEGMENT_BYTES)
    out = `${truncate(out).replace(/-+$/, "")}-${shortHash(key)}`;
  return out === "" ? `tag-${shortHash(key)}` : out;
}

// A segment is a folder name: file systems allow 255 bytes. Keep room for two "-<hash>" suffixes.
const MAX_SEGMENT_BYTES = 255 - 2 * 9;

/** The first MAX_SEGMENT code points that fit in MAX_SEGMENT_BYTES of UTF-8. */
function truncate(text: string): string {
  let out = "";
  let bytes = 0;
  for (const ch of [...text].slice(0, MAX_SEGMENT)) {
    bytes += Buffer.byteLength(ch);
    if (bytes > MAX_SEGMENT_BYTES) break;
    out += ch;
  }
  return out;
}

/**
 * Stable, distinct segments for every tag key: when two keys still map to the same readable form
 * ("a b" and "a-b"), or to forms a case-insensitive disk takes for one folder ("σ" and "ς", which
 * tagKey keeps apart), the first by key keeps it and the others get a hash of their key appended.
 */
export function assignTagSegments(keys: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of [...keys].sort()) {
    const base = tagSegmentBase(key);
    let segment = base;
    // A hashed form can itself be taken by a contrived tag; keep hashing until it is free.
    for (let salt = 0; taken.has(portablePathKey(segment)); salt++)
      segment = `${base}-${shortHash(salt === 0 ? key : `${key}#${salt}`)}`;
    taken.add(portablePathKey(segment));
    result.set(key, segment);
  }
  return result;
}

/**
 * A path as a case-insensitive, normalisation-insensitive disk compares it (APFS on macOS, NTFS on
 * Windows): NFC, then each character's simple case folding ("ς" and "Σ" fold to "σ"; "ß" stays "ß",
 * as those disks keep it). Two outputs with the same key would be one file there.
 */
export function portablePathKey(path: string): string {
  const nfc = path.normalize("NFC");
  if (/^[\x00-\x7F]*$/.test(nfc)) return nfc.toLowerCase();
  let out = "";
  for (const ch of nfc) {
    const upper = ch.toUpperCase();
    // Only one-to-one mappings (simple folding): "ß".toUpperCase() is "SS", which no disk folds to.
    out += ([...upper].length === 1 ? upper : ch).toLowerCase();
  }
  return out.normalize("NFC");
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}
