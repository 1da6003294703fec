/**
 * fast-check arbitraries for hostile-but-plausible content: text with control characters, lone
 * surrogates, BOMs and odd line endings; YAML and TOML front-matter with tags, anchors, duplicate
 * keys, deep nesting and dates of every shape; Markdown with deep nesting, unclosed fences, huge
 * tables, thousands of footnotes and raw HTML soup; file names with `..`, slashes and NULs.
 */
import fc from "fast-check";
import type { SiteInput } from "./sites.js";

const char = (code: number) => String.fromCharCode(code);

// ---------------------------------------------------------------------------------------------
// Characters and strings
// ---------------------------------------------------------------------------------------------

/** C0 controls (NUL included), DEL and C1 controls. */
const controlChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map(char),
  fc.integer({ min: 0x7f, max: 0x9f }).map(char),
);

/** A lone UTF-16 surrogate (fc.string never makes these). */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map(char);

/** BOMs, line and paragraph separators, bidi controls, noncharacters and other invisible trouble. */
const specialChar = fc.constantFrom(
  "\uFEFF",
  "\u2028",
  "\u2029",
  "\u0085",
  "\u00A0",
  "\u200B",
  "\u200D",
  "\u200E",
  "\u200F",
  "\u061C",
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\uFFFE",
  "\uFFFF",
  "\uFFFD",
  "\u0000",
  "\u0301",
  "\u3000",
  "\t",
  "\r",
  "\n",
  "\r\n",
  "\u000B",
  "\u000C",
  "\u{1F4F0}",
  "\u{10FFFF}",
  "\uD83D\uDE00",
  "\uDBFF\uDFFF",
);

/** Characters that mean something to YAML, TOML, Markdown, HTML, XML or a file system. */
const syntaxPiece = fc.constantFrom(
  ":",
  ": ",
  "#",
  " #",
  "-",
  "- ",
  "[",
  "]",
  "{",
  "}",
  ",",
  "&",
  "*",
  "!",
  "|",
  ">",
  "'",
  '"',
  "%",
  "@",
  "`",
  "\\",
  "<",
  "]]>",
  "<![CDATA[",
  "&amp;",
  "&#0;",
  "&#xD800;",
  "&#x110000;",
  "&lt;",
  "---",
  "+++",
  "...",
  "{{<",
  ">}}",
  "{%",
  "%}",
  "{{",
  "}}",
  "..",
  "/",
  "~",
  "=",
  "+",
  "$",
  "?",
  "***",
  "___",
  "[^1]",
  "](",
  "<!--",
  "-->",
  "\\u",
);

/** Ordinary words in several scripts, and names that are special to JavaScript objects. */
const word = fc.constantFrom(
  "news",
  "Grid",
  "harbour",
  "storm",
  "café",
  "cafe",
  "日本語",
  "Ελλάδα",
  "مرحبا",
  "שלום",
  "a",
  "Z",
  "0",
  "2024",
  "C++",
  "C#",
  "null",
  "true",
  "yes",
  "no",
  "NaN",
  "Infinity",
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "prototype",
);

/** One piece of hostile text: mostly ordinary, sometimes anything. */
const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 8 }) },
  { weight: 4, arbitrary: word },
  { weight: 2, arbitrary: fc.constant(" ") },
  { weight: 1, arbitrary: controlChar },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 2, arbitrary: specialChar },
  { weight: 2, arbitrary: syntaxPiece },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
);

/** Text mixing normal words with control characters, lone surrogates, BOMs, bidi controls and syntax. */
export function hostileString(maxPieces = 24): fc.Arbitrary<string> {
  return fc.array(hostilePiece, { maxLength: maxPieces }).map((parts) => parts.join(""));
}

/** Hostile text that has at least one letter (so a title or name can be valid). */
export const hostileName = fc
  .tuple(
    hostileString(10),
    word.filter((w) => /\p{L}/u.test(w)),
    hostileString(10),
  )
  .map(([a, w, b]) => `${a}${w}${b}`);

/** Very long values, made once (100k+ characters each). */
const HUGE_VALUES: readonly string[] = [
  "a".repeat(150_000),
  "long words ".repeat(12_000),
  "\uD800".repeat(100_001),
  "\u0000\u0001\u001B".repeat(40_000),
  "é日\u{1F4F0}".repeat(40_000),
  "\u202E\uFEFF".repeat(60_000),
  "[".repeat(100_000),
  "&".repeat(100_000),
];

/** Hostile text, rarely one of the huge values. */
const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 40, arbitrary: hostileString() },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_VALUES) },
);

// ---------------------------------------------------------------------------------------------
// YAML values, as they would appear after `key: `
// ---------------------------------------------------------------------------------------------

/** A double-quoted YAML scalar of `text` (JSON strings are YAML; lone surrogates become \udXXX). */
const yamlQuote = (text: string): string => JSON.stringify(text);

const yamlEscape = fc.constantFrom(
  "\\0",
  "\\a",
  "\\b",
  "\\t",
  "\\n",
  "\\v",
  "\\f",
  "\\r",
  "\\e",
  "\\ ",
  '\\"',
  "\\/",
  "\\\\",
  "\\N",
  "\\_",
  "\\L",
  "\\P",
  "\\x41",
  "\\x00",
  "\\x7f",
  "\\x9b",
  "\\u263A",
  "\\uFEFF",
  "\\uD800",
  "\\uDFFF",
  "\\uD83D\\uDE00",
  "\\U0001F600",
  "\\U00110000",
  "\\xZZ",
  "\\q",
  "\\u12",
  "\\",
);

/** A double-quoted scalar written with YAML escapes, some invalid. */
const yamlEscaped = fc
  .array(fc.oneof(yamlEscape, hostileString(3)), { maxLength: 8 })
  .map((parts) => `"${parts.join("").replace(/"/g, "")}"`);

const yamlTagged = fc.constantFrom(
  "!!binary aGVsbG8gd29ybGQ=",
  "!!binary ¿not base64?",
  "!!timestamp 2001-12-14t21:59:43.10-05:00",
  "!!timestamp 2024-02-30",
  '!!js/function "function () { process.exit(1) }"',
  "!!js/regexp /x/g",
  "!!js/undefined ''",
  "!!python/object/apply:os.system ['ls']",
  "!!set {a, b}",
  "!!omap [a: 1, b: 2]",
  "!!pairs [a: 1, a: 2]",
  "!!str 123",
  "!!int 0x1F",
  "!!int not-a-number",
  "!!float .nan",
  "!!null ''",
  "!<tag:yaml.org,2002:str> x",
  "!custom value",
  "!!map {}",
  "!!seq []",
  "!!bool yes",
  "! bare",
  "!!str",
  "!!",
);

const yamlAtom = fc.constantFrom(
  "~",
  "null",
  "Null",
  "true",
  "True",
  "yes",
  "on",
  "off",
  '""',
  "''",
  "1e400",
  "-1e400",
  "-0",
  "0x1F",
  "0o17",
  ".inf",
  "-.inf",
  ".nan",
  "99999999999999999999999",
  "1_000",
  "[]",
  "{}",
  "- a",
  "&anchor value",
  "*nowhere",
  "&a [*a]",
  "? complex",
  "|",
  ">-",
  "|+",
  "'unclosed",
  '"unclosed',
  "[unclosed",
  "{unclosed: x",
  "a: b: c",
  "@reserved",
  "`reserved",
  "%TAG",
  "- - -",
  "--- inline",
);

/** Arrays or maps nested `depth` levels, in flow or block style. */
function deepYaml(depth: number, style: "flow-seq" | "flow-map" | "block-seq" | "block-map"): string {
  switch (style) {
    case "flow-seq":
      return `${"[".repeat(depth)}x${"]".repeat(depth)}`;
    case "flow-map":
      return `${"{a: ".repeat(depth)}x${"}".repeat(depth)}`;
    case "block-seq":
      return `\n${Array.from({ length: depth }, (_, i) => `${"  ".repeat(i + 1)}-`).join("\n")} x`;
    case "block-map":
      return `\n${Array.from({ length: depth }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`).join("\n")} x`;
  }
}

const deepYamlValue = fc
  .tuple(
    fc.integer({ min: 50, max: 1000 }),
    fc.constantFrom("flow-seq" as const, "flow-map" as const, "block-seq" as const, "block-map" as const),
  )
  .map(([depth, style]) => deepYaml(depth, style));

/** A "billion laughs" document fragment: each level refers to the previous one ten times. */
function billionLaughs(levels: number): string {
  const lines = ['lol0: &l0 ["lol"]'];
  for (let i = 1; i <= levels; i++)
    lines.push(`lol${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(", ")}]`);
  return lines.join("\n");
}

/** A block scalar (`|`, `>-`, …) holding hostile lines. */
const yamlBlock = fc
  .tuple(fc.constantFrom("|", ">", "|-", ">+", "|2", "|0"), fc.array(hostileString(6), { minLength: 1, maxLength: 4 }))
  .map(([head, lines]) => `${head}\n${lines.map((l) => `  ${l}`).join("\n")}`);

/** Any YAML value: quoted hostile text, escapes, raw text, tags, atoms, blocks, flow lists, deep nesting. */
const yamlValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: hostileValue.map(yamlQuote) },
  { weight: 2, arbitrary: yamlEscaped },
  { weight: 3, arbitrary: hostileString(8) },
  { weight: 1, arbitrary: hostileString(8).map((t) => `'${t.replace(/'/g, "''")}'`) },
  { weight: 2, arbitrary: yamlTagged },
  { weight: 2, arbitrary: yamlAtom },
  { weight: 1, arbitrary: yamlBlock },
  {
    weight: 1,
    arbitrary: fc.array(hostileString(4).map(yamlQuote), { maxLength: 5 }).map((xs) => `[${xs.join(", ")}]`),
  },
  { weight: 1, arbitrary: deepYamlValue },
);

// ---------------------------------------------------------------------------------------------
// Dates, tags, slugs, file names
// ---------------------------------------------------------------------------------------------

/** Dates of every shape: valid, invalid, year 0 and 99999, leap seconds, offsets like +25:00. */
const dateText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("2026-11-25T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  {
    weight: 2,
    arbitrary: fc
      .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2026-11-25T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "2026-11-20",
      "2026-11-20T09:30",
      "2026-11-20T09:30:00+01:00",
      "2026-11-20T08:30:00Z",
      "2026-11-20 09:30:00",
      "2026-10-02 10:00:00 -0700",
      "Fri, 20 Nov 2026 09:30:00 +0100",
      "0000-01-01",
      "0000-01-01T00:00:00Z",
      "99999-01-01",
      "+099999-01-01T00:00:00Z",
      "-000001-01-01",
      "2016-12-31T23:59:60Z",
      "2026-11-20T09:30:00+25:00",
      "2026-11-20T09:30:00-99:99",
      "2026-02-29",
      "2024-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-11-31",
      "2026-11-20T24:00:00",
      "2026-11-20T25:61:61",
      "1969-12-31T23:59:59.999Z",
      "1970-01-01",
      "9999-12-31T23:59:59Z",
      "10000-01-01",
      "2026-W47-5",
      "2026-324",
      "20261120",
      "next Tuesday",
      "Last Modified",
      "git Created",
      "now",
      "",
      " ",
      "2026-11-20T09:30:00.123456789Z",
      "2026-11-20T09:30:00 Europe/Paris",
      "2026-11-20 9:30",
      "2026-11-20 09:30:00 +0530",
      "2026-11-20 09:30:00 +05",
      "2026-11-20T09:30:00\u0000",
      "２０２６-１１-２０",
      "Sat, 30 Feb 2026 10:00:00 GMT",
      "2026-11-20T09:30:00+01:00[Europe/Paris]",
      "1e21",
      "-8640000000000001",
    ),
  },
  { weight: 1, arbitrary: hostileString(6) },
);

/** A date as YAML: quoted or plain (plain dates stay text with the core schema). */
const yamlDate = fc.oneof(
  dateText.map(yamlQuote),
  dateText.filter((d) => /^[\w:+ .-]+$/.test(d)),
  fc.integer().map(String),
  fc.constantFrom("null", "~", "[]", "{}"),
);

/** Tag lists: a few, thousands, hostile names, numbers, nested lists. */
const yamlTags = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.oneof(
          hostileName,
          word,
          fc.constantFrom("a b", "a-b", "A B", "..", "/", "%2e%2e", "tags", "page", "feed.xml"),
        ),
        { maxLength: 6 },
      )
      .map((xs) => `[${xs.map(yamlQuote).join(", ")}]`),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1000, max: 3000 })
      .map((n) => `[${Array.from({ length: n }, (_, i) => `t${i % 997}`).join(", ")}]`),
  },
  { weight: 1, arbitrary: hostileValue.map(yamlQuote) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "[[a, b], c]",
      "[{a: b}]",
      "[1, 2.5, -0]",
      "[null, ~]",
      "[true]",
      "[]",
      '[""]',
      '[" "]',
      "- a\n  - b",
    ),
  },
);

/** Slugs: valid, empty, too long, with `..`, slashes, backslashes, NUL and hostile text. */
const slugText = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}$/),
  fc.constantFrom(
    "..",
    "../..",
    "../../etc/passwd",
    "a/b",
    "a\\b",
    "/abs",
    "a\u0000b",
    ".",
    "",
    "-",
    "a--b",
    "index",
    "404",
    "x".repeat(121),
    "x".repeat(120),
    "CON",
    "nul",
    "a.b",
  ),
  hostileString(6),
);

/** File names (without `.md`): ordinary, dated, dotted, with `..`, spaces, unicode, backslashes, long. */
export const fileBaseName = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,2}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^20[0-9]{2}-[01][0-9]-[0-3][0-9]-[a-z]{1,10}$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "..",
      "...",
      "a..b",
      "a\\b",
      "a b",
      "café",
      "日本語",
      "C++",
      "%2e%2e",
      "-",
      "index",
      "INDEX",
      "feed.xml",
      "404",
      "x".repeat(200),
      "2026-13-45-bad",
      "\u202Efdp.exe",
      "\uFEFFbom",
      "new\nline",
      "tab\there",
    ),
  },
  { weight: 1, arbitrary: hostileString(5).map((s) => s.replace(/[\u0000/]|[\uD800-\uDFFF]/g, "").slice(0, 60)) },
);

// ---------------------------------------------------------------------------------------------
// Front-matter documents
// ---------------------------------------------------------------------------------------------

/** Keys we know, keys other generators use, and keys nobody uses. */
const knownKey = fc.constantFrom(
  "title",
  "date",
  "enhanced",
  "summary",
  "tags",
  "source",
  "generated",
  "author",
  "slug",
  "image",
  "featured",
  "draft",
  "description",
  "excerpt",
  "categories",
  "category",
  "lastmod",
  "updated",
  "last_modified_at",
  "publishDate",
  "pubDate",
  "published",
  "authors",
  "images",
  "image_alt",
  "imageAlt",
  "alt",
  "layout",
  "permalink",
  "weight",
);
const oddKey = fc.oneof(
  hostileString(4).map(yamlQuote),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "? complex",
    "<<",
    "'quoted'",
    "1",
    "true",
    "null",
    "[a]",
    "{b: c}",
    "a.b",
    "-",
  ),
);

/** A value that suits a known key (mostly), or any YAML value. */
function valueFor(key: string): fc.Arbitrary<string> {
  const good: Record<string, fc.Arbitrary<string>> = {
    title: hostileName.map(yamlQuote),
    date: yamlDate,
    enhanced: yamlDate,
    publishDate: yamlDate,
    pubDate: yamlDate,
    lastmod: yamlDate,
    tags: yamlTags,
    categories: fc.oneof(yamlTags, hostileString(6).map(yamlQuote)),
    slug: slugText.map(yamlQuote),
    source: fc
      .tuple(
        hostileName,
        fc.constantFrom(
          "https://wire.example/story",
          "http://x.example/a?b=c&d=<e>",
          "https://x.example/]]>",
          "javascript:alert(1)",
          "https://\uD800.example/",
          "https://exa mple.com/",
          "https://xn--caf-dma.example/é",
        ),
        hostileString(3),
      )
      .map(([n, u, tail]) => `{ name: ${yamlQuote(n)}, url: ${yamlQuote(u + tail)} }`),
    image: fc
      .tuple(
        fc.constantFrom(
          "/images/a.jpg",
          "a.jpg",
          "/\uD800.jpg",
          "javascript:alert(1)",
          " data:x",
          "//evil.example/x.png",
          "/a b/ü.png",
          "../../x.png",
          "/%",
          "/%E0%A4%A",
        ),
        hostileString(4),
      )
      .map(([src, alt]) => `{ src: ${yamlQuote(src)}, alt: ${yamlQuote(alt)} }`),
    author: fc.oneof(hostileName.map(yamlQuote), fc.constant("{ name: Ana }")),
    authors: fc.array(hostileName.map(yamlQuote), { maxLength: 4 }).map((xs) => `[${xs.join(", ")}]`),
    images: fc
      .array(fc.constantFrom("a.png", "/b.png", "/\uD800"), { maxLength: 3 })
      .map((xs) => `[${xs.map(yamlQuote).join(", ")}]`),
    draft: fc.constantFrom("false", "true", "no", "0"),
    featured: fc.constantFrom("false", "true", "yes"),
    generated: fc.constantFrom("false", "true"),
    published: fc.constantFrom("false", "true"),
  };
  return fc.oneof(
    { weight: 4, arbitrary: good[key] ?? hostileValue.map(yamlQuote) },
    { weight: 1, arbitrary: yamlValue },
  );
}

const yamlEntry: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: knownKey.chain((k) => valueFor(k).map((v) => `${k}: ${v}`)) },
  { weight: 1, arbitrary: fc.tuple(oddKey, yamlValue).map(([k, v]) => `${k}: ${v}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "# a comment",
      "",
      "   ",
      "\t",
      "---",
      "...",
      "- list item at the top",
      "key without value",
      "  indented: x",
      "title:",
      "title: ",
      "title: &t x\nsummary: *t",
      "<<: {summary: merged}",
      "%YAML 1.1",
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 5 }).map(billionLaughs) },
);

/** A YAML front-matter body with a valid title and date first, then anything (so many files validate). */
const plausibleYaml = fc
  .tuple(
    hostileName,
    dateText.filter((d) => /^\d{4}-\d{2}-\d{2}/.test(d)),
    fc.array(yamlEntry, { maxLength: 6 }),
  )
  .map(([title, date, rest]) =>
    [
      `title: ${yamlQuote(title)}`,
      `date: ${yamlQuote(date)}`,
      ...rest.filter((e) => !/^(title|date|slug|publishDate|pubDate):/.test(e)),
    ].join("\n"),
  );

/** Any YAML front-matter body: entries in any order, duplicate keys allowed. */
const yamlFrontMatter: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: plausibleYaml },
  { weight: 2, arbitrary: fc.array(yamlEntry, { maxLength: 10 }).map((xs) => xs.join("\n")) },
  { weight: 1, arbitrary: fc.array(yamlEntry, { minLength: 1, maxLength: 4 }).map((xs) => [...xs, ...xs].join("\n")) },
);

// TOML (Hugo's +++ front-matter)

const tomlString = (text: string) => JSON.stringify(text);
const tomlDate = fc.constantFrom(
  "1979-05-27T07:32:00Z",
  "1979-05-27T00:32:00-07:00",
  "1979-05-27T07:32:00",
  "1979-05-27",
  "07:32:00",
  "00:32:00.999999",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "1979-05-27T07:32:00+25:00",
  "1979-02-30",
  "2016-12-31T23:59:60Z",
  "1979-05-27 07:32:00Z",
);
const tomlValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: hostileValue.map(tomlString) },
  { weight: 2, arbitrary: tomlDate },
  { weight: 1, arbitrary: hostileString(6).map((t) => `'${t}'`) },
  { weight: 1, arbitrary: hostileString(6).map((t) => `"""\n${t}"""`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "true",
      "false",
      "1e400",
      "inf",
      "nan",
      "-0",
      "0x1F",
      "9999999999999999999999",
      "[]",
      "{}",
      '"\\uD800"',
      '"\\U00110000"',
      '"\\x41"',
      '[1, "a"]',
      "{ a = 1, a = 2 }",
      "'''",
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 1000 }).map((d) => `${"[".repeat(d)}1${"]".repeat(d)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 1000 }).map((d) => `${"{ a = ".repeat(d)}1${" }".repeat(d)}`) },
  { weight: 1, arbitrary: fc.array(hostileName.map(tomlString), { maxLength: 5 }).map((xs) => `[${xs.join(", ")}]`) },
);
const tomlKey = fc.oneof(
  knownKey,
  hostileString(3).map(tomlString),
  fc.constantFrom("a.b.c", "'lit'", "__proto__", "1", "-"),
);
const tomlEntry = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(tomlKey, tomlValue).map(([k, v]) => `${k} = ${v}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "[source]",
      "[image]",
      "[[tags]]",
      "[a.b.c]",
      '[source]\nname = "Wire"\nurl = "https://w.example/"',
      "# comment",
      "",
      "[",
      "key",
      "= value",
      "title = 1\ntitle = 2",
    ),
  },
);
/** A TOML front-matter body, usually with a title and date first. */
const tomlFrontMatter: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), hostileName, tomlDate, fc.array(tomlEntry, { maxLength: 8 }))
  .map(([isPlausible, title, date, rest]) =>
    (isPlausible ? [`title = ${tomlString(title)}`, `date = ${date}`, ...rest] : rest).join("\n"),
  );

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

const htmlSoup = fc.constantFrom(
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<iframe src=javascript:alert(1)>",
  "<object data=x.swf>",
  "<embed src=x>",
  "<style>body{display:none}</style>",
  "<form action=//evil><input name=q></form>",
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href=" java\tscript:alert(1)">x</a>',
  "<svg><script>alert(1)</script></svg>",
  "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
  "<div onclick=alert(1)>x",
  // Old raw HTML: headings at any level (also inside others), attributes HTML no longer allows.
  '<h1 id="top">x</h1>',
  "<h4>x<h6>y</h6></h4>",
  "<p><h5>in a paragraph</h5></p>",
  '<img src=/a.png alt=a width="100px" height=auto align=left border=0>',
  '<table width="100%"><tr><th>a<td align=center colspan=2px>b</table>',
  "<details><p>no summary</p></details>",
  '<center><font color=red>x</font></center><strike>s</strike><tt>t</tt><p id="a b" id="a b">',
  '<p title="]]>">cdata breaker</p>',
  "<![CDATA[ x ]]>",
  "]]>",
  "<!-- unclosed comment",
  "<table><tr><td>x",
  "</div></div></div>",
  "<details open ontoggle=alert(1)>",
  "<base href=//evil>",
  "<meta http-equiv=refresh content=0;url=//evil>",
  "<template><script>alert(1)</script></template>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<xmp><script>alert(1)</script></xmp>",
  '<a href="/\u0000javascript:alert(1)">x</a>',
  '<p id="__proto__">x</p>',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
  "<video><source onerror=alert(1)>",
  "<textarea><script>alert(1)</script></textarea>",
  "<plaintext>",
  "<!DOCTYPE html>",
  '<?xml version="1.0"?>',
  "<x:y>",
  "<a href='x' title='\uD800'>",
);

const inline = fc.oneof(
  { weight: 6, arbitrary: hostileString(12) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "*em*",
      "**strong**",
      "~~del~~",
      "`code`",
      "``a`b``",
      "[link](https://x.example/)",
      "[rel](../x/)",
      "[site](/articles/other/)",
      "![img](x.png)",
      "![](x.png)",
      "<https://auto.example/>",
      "www.gfm.example",
      "[ref][r1]",
      "[^1]",
      "&nbsp;&#xD800;&#0;&#x110000;&bogus;",
      "{{< youtube abc >}}",
      "{% include x %}",
      "{{ site.baseurl }}",
      "\\*not em\\*",
      '[a](<b c> "t")',
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](data:text/html,<script>)",
    ),
  },
  { weight: 2, arbitrary: htmlSoup },
);
const paragraph = fc.array(inline, { minLength: 1, maxLength: 8 }).map((xs) => xs.join(" "));

/** Markdown nested `depth` levels deep. */
function deepMarkdown(
  depth: number,
  kind: "quote" | "list" | "ordered" | "mixed" | "emphasis" | "brackets" | "html",
): string {
  switch (kind) {
    case "quote":
      return `${"> ".repeat(depth)}deep`;
    case "list":
      return Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n");
    case "ordered":
      return Array.from({ length: depth }, (_, i) => `${"   ".repeat(i)}1. item ${i}`).join("\n");
    case "mixed":
      return `${"> - ".repeat(depth)}deep`;
    case "emphasis":
      return `${"*a ".repeat(depth)}${"_b ".repeat(depth)}${"**".repeat(depth)}`;
    case "brackets":
      return `${"[".repeat(depth)}x${"](y)".repeat(depth)}`;
    case "html":
      return `${"<div>".repeat(depth)}x${"</div>".repeat(Math.floor(depth / 2))}`;
  }
}

/** Nesting 50–1000 deep (lists, whose indentation grows with depth, 50–200: 200 deep is already 40 KB). */
const deepBlock = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 50, max: 1000 }),
      fc.constantFrom("quote" as const, "mixed" as const, "emphasis" as const, "brackets" as const, "html" as const),
    )
    .map(([depth, kind]) => deepMarkdown(depth, kind)),
  fc
    .tuple(fc.integer({ min: 50, max: 200 }), fc.constantFrom("list" as const, "ordered" as const))
    .map(([depth, kind]) => deepMarkdown(depth, kind)),
);

/** A GFM table with `cols` columns and `rows` rows. */
function table(cols: number, rows: number, cell = "x"): string {
  const line = (c: string) => `| ${Array.from({ length: cols }, () => c).join(" | ")} |`;
  return [
    line("h"),
    `|${Array.from({ length: cols }, (_, i) => [" --- ", " :-- ", " :-: ", " --: "][i % 4]).join("|")}|`,
    ...Array.from({ length: rows }, () => line(cell)),
  ].join("\n");
}

/** `count` footnote references and their definitions (some missing, some duplicated). */
function footnotes(count: number): string {
  const refs = Array.from({ length: count }, (_, i) => `note[^${i}]`).join(" ");
  const defs = Array.from({ length: count }, (_, i) =>
    i % 7 === 3 ? "" : `[^${i % 5 === 0 ? 0 : i}]: definition ${i}`,
  ).join("\n");
  return `${refs}\n\n${defs}`;
}

/** `count` link reference definitions and uses. */
function linkDefinitions(count: number): string {
  const uses = Array.from({ length: count }, (_, i) => `[r${i}]`).join(" ");
  const defs = Array.from(
    { length: count },
    (_, i) => `[r${i}]: ${i % 3 === 0 ? "javascript:alert(1)" : `/x/${i}/`} "t${i}"`,
  ).join("\n");
  return `${uses}\n\n${defs}`;
}

const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: paragraph },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), paragraph).map(([n, t]) => `${"#".repeat(n)} ${t}`),
  },
  { weight: 1, arbitrary: fc.tuple(paragraph, fc.constantFrom("===", "---")).map(([t, u]) => `${t}\n${u}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("```", "~~~", "````", "```js", "```<script>", "``` \uD800", "~~~ {.x}"),
        hostileString(8),
        fc.boolean(),
      )
      .map(([f, code, isClosed]) => `${f}\n${code}\n${isClosed ? f.replace(/[^`~]/g, "") : ""}`),
  },
  { weight: 2, arbitrary: htmlSoup },
  {
    weight: 1,
    arbitrary: fc
      .array(paragraph, { minLength: 1, maxLength: 4 })
      .map((xs) => xs.map((x, i) => `${i + 1}. ${x}`).join("\n")),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(paragraph, { minLength: 1, maxLength: 4 })
      .map((xs) => xs.map((x) => `- [${x.length % 2 ? "x" : " "}] ${x}`).join("\n")),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }), hostileString(2))
      .map(([c, r, cell]) => table(c, r, cell.replace(/\|/g, "\\|") || "x")),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "---",
      "***",
      "- - -",
      "+++",
      "...",
      "---\ntitle: not front-matter\n---",
      "+++\ntitle = 1\n+++",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "[^1]: a note",
      "[r1]: https://x.example/ 'title'",
      "[r1]: <> ",
      "[^x]:",
      "    indented code",
      "\t\ttabbed code",
    ),
  },
);

/** A costly block: deep nesting, thousands of footnotes or link definitions, a big table. */
const heavyBlock: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: deepBlock },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 1500 }).map(footnotes) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 1500 }).map(linkDefinitions) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 20, max: 50 }), fc.integer({ min: 50, max: 300 }))
      .map(([c, r]) => table(c, r)),
  },
);

/** A Markdown body of a few blocks; one in `heavyOdds` bodies also has a costly block, one in 2 × `heavyOdds` is a huge value. */
function markdownBodyOf(heavyOdds: number): fc.Arbitrary<string> {
  const blocks = fc
    .tuple(fc.array(block, { maxLength: 8 }), fc.constantFrom("\n\n", "\n\n", "\n"))
    .map(([xs, sep]) => xs.join(sep));
  return fc.oneof(
    { weight: 2 * heavyOdds - 3, arbitrary: blocks },
    { weight: 2, arbitrary: fc.tuple(blocks, heavyBlock, blocks).map((xs) => xs.join("\n\n")) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE_VALUES) },
  );
}

/** A Markdown body: a few blocks, often (1 in 10) huge or costly. */
const markdownBody: fc.Arbitrary<string> = markdownBodyOf(10);

/** A body for whole builds, where every costly body is paid for in each run: 1 in 30. */
const articleBody: fc.Arbitrary<string> = markdownBodyOf(30);

/** Text as a build reads it from a UTF-8 file: lone surrogates cannot be stored, so they come back as U+FFFD. */
export const viaUtf8 = (text: string): string => Buffer.from(text, "utf8").toString("utf8");

/** A Markdown body as read from a file. */
export const markdownFromFile: fc.Arbitrary<string> = markdownBody.map(viaUtf8);

// ---------------------------------------------------------------------------------------------
// Whole files
// ---------------------------------------------------------------------------------------------

/** How a file's lines end. */
const lineEnding = fc.constantFrom("\n", "\r\n", "\r", "mixed");

/** Rewrites "\n" line ends as `ending` ("mixed" alternates LF, CRLF and CR). */
function withLineEndings(text: string, ending: string): string {
  if (ending === "\n") return text;
  if (ending !== "mixed") return text.replace(/\n/g, ending);
  let i = 0;
  return text.replace(/\n/g, () => ["\n", "\r\n", "\r"][i++ % 3]!);
}

const openFence = fc.oneof(
  { weight: 10, arbitrary: fc.constant("---") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "---yaml",
      "--- yaml",
      "---yml",
      "---YAML",
      "---js",
      "---javascript",
      "--- js ",
      "---json",
      "---coffee",
      "---toml",
      "---\u00A0js",
      "---\u3000yaml",
      "---\u000Bjs",
      "---\u000Cjs",
      "---\uFEFFjs",
      "----",
      "--- ---",
      "-- -",
      " ---",
      "---#",
      "---\uD800",
    ),
  },
);
const closeFence = fc.oneof(
  { weight: 10, arbitrary: fc.constant("---") },
  { weight: 1, arbitrary: fc.constantFrom("...", "--- trailing", "----", " ---", "", "+++", "---\u00A0") },
);
const leading = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("\uFEFF", "\uFEFF\uFEFF", "\n\n", "  \n\t\n", "\uFEFF\n", "\u2028\n", "x\n", "\u0000"),
  },
);

/** A whole Markdown source file: front-matter (YAML, TOML, odd fences or none) and a body. */
export const sourceFileText: fc.Arbitrary<string> = fc
  .tuple(
    leading,
    fc.oneof(
      {
        weight: 8,
        arbitrary: fc.tuple(openFence, yamlFrontMatter, closeFence).map(([o, fm, c]) => `${o}\n${fm}\n${c}\n`),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            fc.constantFrom("+++", "+++ ", "+++toml", "+++\t"),
            tomlFrontMatter,
            fc.constantFrom("+++", "+++", "+++ ", "---", ""),
          )
          .map(([o, fm, c]) => `${o}\n${fm}\n${c}\n`),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "",
          "---",
          "---\n",
          "---\n---",
          "---yaml",
          "---js",
          "---abc",
          "+++",
          "+++\n",
          "---\n\n---\n",
          "---\n# only a comment\n---\n",
        ),
      },
    ),
    markdownBody,
    lineEnding,
    fc.constantFrom("", "\n", "\uFEFF", "\u0000"),
  )
  .map(([lead, frontMatter, body, ending, tail]) => withLineEndings(`${lead}${frontMatter}${body}${tail}`, ending));

/** A valid date-time, as an editor might write it, between 1990 and the test clock. */
const goodDate = fc
  .tuple(
    fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2026-11-25T00:00:00Z"), noInvalidDate: true }),
    fc.constantFrom("iso", "day", "offset", "spaced"),
  )
  .map(([d, style]) => {
    const iso = d.toISOString();
    return style === "day"
      ? iso.slice(0, 10)
      : style === "offset"
        ? `${iso.slice(0, 19)}+05:30`
        : style === "spaced"
          ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
          : iso;
  });

/**
 * An article whose front-matter is valid but whose every text is hostile (control characters, lone
 * surrogates via YAML escapes, bidi controls, huge values, deep extra fields), in YAML or TOML, with
 * a hostile body: such files reach rendering, the templates and the feeds.
 */
const validArticleText: fc.Arbitrary<string> = fc
  .tuple(
    leading.filter((l) => /^[\uFEFF \t\n]*$/.test(l)),
    fc.record(
      {
        title: hostileName,
        date: goodDate,
        summary: hostileValue,
        tags: fc.array(fc.oneof(hostileName, word), { maxLength: 6 }),
        author: hostileName,
        source: fc.tuple(
          hostileName,
          fc.constantFrom(
            "https://wire.example/story",
            "http://x.example/a?b=c&d=<e>&f=]]>",
            "https://x.example/\uD800",
            "https://xn--caf-dma.example/é?\u0000",
          ),
        ),
        image: fc.tuple(fc.constantFrom("/images/a.jpg", "b.png", "https://cdn.example/c.png?x=<y>"), hostileName),
        slug: fc.stringMatching(/^[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}$/),
        featured: fc.boolean(),
        draft: fc.boolean(),
        generated: fc.constant(true),
        extra: fc.oneof(hostileValue, deepYamlValue),
      },
      { requiredKeys: ["title", "date"] },
    ),
    fc.boolean(),
    articleBody,
    lineEnding,
  )
  .map(([lead, f, isToml, body, ending]) => {
    // Valid in both YAML and TOML: no lone surrogate (either refuses its escape), DEL escaped (TOML refuses it raw).
    const q = (v: string) => JSON.stringify(viaUtf8(v)).replace(/\u007F/g, "\\u007F");
    const yaml = [`title: ${q(f.title)}`, `date: ${q(f.date)}`];
    const toml = [`title = ${q(f.title)}`, `date = ${q(f.date)}`];
    if (f.summary !== undefined) yaml.push(`summary: ${q(f.summary)}`), toml.push(`summary = ${q(f.summary)}`);
    if (f.tags !== undefined)
      yaml.push(`tags: [${f.tags.map(q).join(", ")}]`), toml.push(`tags = [${f.tags.map(q).join(", ")}]`);
    if (f.author !== undefined) yaml.push(`author: ${q(f.author)}`), toml.push(`author = ${q(f.author)}`);
    if (f.slug !== undefined) yaml.push(`slug: ${q(f.slug)}`), toml.push(`slug = ${q(f.slug)}`);
    if (f.featured !== undefined) yaml.push(`featured: ${f.featured}`), toml.push(`featured = ${f.featured}`);
    if (f.draft !== undefined && f.draft && f.title.length % 3 === 0)
      yaml.push("draft: true"), toml.push("draft = true");
    if (f.image !== undefined)
      yaml.push(`image: { src: ${q(f.image[0])}, alt: ${q(f.image[1])} }`),
        toml.push(`image = { src = ${q(f.image[0])}, alt = ${q(f.image[1])} }`);
    if (f.extra !== undefined) yaml.push(`layout: ${f.extra.startsWith("\n") ? f.extra : q(f.extra)}`);
    // TOML tables must come last.
    if (f.source !== undefined) {
      yaml.push(
        `source: { name: ${q(f.source[0])}, url: ${q(f.source[1])} }`,
        ...(f.generated ? ["generated: true"] : []),
      );
      toml.push(
        ...(f.generated ? ["generated = true"] : []),
        "[source]",
        `name = ${q(f.source[0])}`,
        `url = ${q(f.source[1])}`,
      );
    }
    const front = isToml ? `+++\n${toml.join("\n")}\n+++\n` : `---\n${yaml.join("\n")}\n---\n`;
    return withLineEndings(`${lead}${front}${body}`, ending);
  });

/** A site.yaml: hostile titles, odd base URLs, languages, zones, logos and numbers. */
const siteYamlText: fc.Arbitrary<string> = fc
  .record(
    {
      title: hostileValue.map(yamlQuote),
      description: hostileString(10).map(yamlQuote),
      baseUrl: fc
        .constantFrom(
          "https://news.example/",
          "https://news.example/sub/dir/",
          "http://localhost:8080",
          "https://x.example/a b/",
          "https://x.example/%2e%2e/",
          "https://x.example/../",
          "https://user:pw@x.example:8443/p?q=1#f",
          "https://\uD800.example/",
          "javascript:alert(1)",
          "ftp://x.example/",
          "https://xn--caf-dma.example/é/",
          "https://x.example/]]>/",
        )
        .map(yamlQuote),
      language: fc
        .constantFrom("en", "en-GB", "zz", "x-klingon", "de-CH-1996", "EN", "12", "", "en_US", "\uD800")
        .map(yamlQuote),
      timeZone: fc
        .constantFrom(
          "UTC",
          "Europe/Amsterdam",
          "Pacific/Kiritimati",
          "America/St_Johns",
          "Etc/GMT+12",
          "Nowhere/Else",
          "",
          "utc",
        )
        .map(yamlQuote),
      email: fc.constantFrom("desk@news.example", "a@b", "not an email", "<x@y>", "a\uD800@b.example").map(yamlQuote),
      copyright: hostileString(8).map(yamlQuote),
      logo: fc.oneof(
        fc
          .constantFrom(
            "/assets/logo.svg",
            "logo.png",
            "/\uD800.svg",
            "/%",
            "//cdn.example/x.svg",
            "javascript:alert(1)",
            "/a b.svg",
          )
          .map(yamlQuote),
        fc.constant('{ src: /assets/logo.svg, alt: "\\uD800" }'),
      ),
      perPage: fc.constantFrom("1", "2", "10", "1000", "0", "-1", "1.5", "1e400", '"10"'),
      feedLength: fc.constantFrom("1", "20", "10000", "0", "10001", "2.5"),
      about: hostileString(10).map(yamlQuote),
      extra: yamlValue,
    },
    { requiredKeys: [] },
  )
  .chain((fields) => fc.tuple(fc.constant(fields), fc.boolean(), lineEnding))
  .map(([fields, isBroken, ending]) =>
    withLineEndings(
      Object.entries(fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n") +
        (isBroken ? "\n: broken" : "") +
        "\n",
      ending,
    ),
  );

/** A valid site.yaml whose texts are hostile. */
const validSiteYamlText: fc.Arbitrary<string> = fc
  .record(
    {
      title: hostileName,
      description: hostileValue,
      baseUrl: fc.constantFrom(
        "https://news.example/",
        "https://news.example/sub/dir/",
        "http://localhost:8080",
        "https://x.example/a b/",
        "https://x.example/%2e%2e/",
        "https://x.example/]]>&amp;/",
        "https://xn--caf-dma.example/é/",
      ),
      copyright: hostileString(8),
      about: hostileValue,
      logo: fc.constantFrom("/assets/logo.svg", "logo.png", "https://cdn.example/l.svg?a=<b>"),
      perPage: fc.constantFrom(1, 2, 10),
      feedLength: fc.constantFrom(1, 3, 20),
      timeZone: fc.constantFrom("UTC", "Pacific/Kiritimati", "America/St_Johns"),
    },
    { requiredKeys: [] },
  )
  .map(
    (fields) =>
      `${Object.entries(fields)
        .map(([k, v]) => `${k}: ${JSON.stringify(typeof v === "string" ? viaUtf8(v) : v)}`)
        .join("\n")}\n`,
  );

/** A static page (content/pages/*.md). */
export const pageFileText: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(hostileName.map(yamlQuote), yamlValue), fc.option(slugText.map(yamlQuote)), articleBody)
  .map(([title, slug, body]) => `---\ntitle: ${title}\n${slug === null ? "" : `slug: ${slug}\n`}---\n${body}`);

/** A valid static page with a hostile title and body, named by its file or a `slug:`. */
const validPageText: fc.Arbitrary<string> = fc
  .tuple(
    hostileName,
    fc.option(
      fc
        .stringMatching(/^[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,2}$/)
        .filter((x) => !["articles", "tags", "page", "recommended", "assets", "feed", "sitemap", "404"].includes(x)),
    ),
    fc.option(hostileString(8)),
    articleBody,
  )
  .map(
    ([title, slug, summary, body]) =>
      `---\ntitle: ${JSON.stringify(viaUtf8(title))}\n${slug === null ? "" : `slug: ${slug}\n`}${summary === null ? "" : `summary: ${JSON.stringify(viaUtf8(summary))}\n`}---\n${body}`,
  );

/** `arb` in one of `oneIn` values, null otherwise. */
function sometimes<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

/** A generated content folder: mostly valid files with hostile texts, so most builds reach the templates and feeds. */
export const siteInput: fc.Arbitrary<SiteInput> = fc.record({
  // Valid articles, and in one site out of four an anything-goes file (which usually fails the build).
  articles: fc
    .tuple(
      fc.array(fc.tuple(fileBaseName, validArticleText), { minLength: 2, maxLength: 8 }),
      sometimes(fc.tuple(fileBaseName, sourceFileText), 4),
    )
    .map(([valid, chaos]) => (chaos === null ? valid : [...valid, chaos])),
  siteYaml: sometimes(fc.oneof({ weight: 3, arbitrary: validSiteYamlText }, { weight: 1, arbitrary: siteYamlText }), 2),
  page: sometimes(
    fc.tuple(fileBaseName, fc.oneof({ weight: 4, arbitrary: validPageText }, { weight: 1, arbitrary: pageFileText })),
    2,
  ),
  bundle: sometimes(
    fc.tuple(
      fileBaseName,
      validArticleText,
      fc.array(
        fc.constantFrom(
          "photo.jpg",
          "index.html",
          "feed.xml",
          "..x",
          "a b.png",
          "sub/deep.png",
          "x.md",
          "日本.png",
          "%2e%2e.png",
          "a\\b.png",
          "..\\..\\up.png",
          "new\nline.png",
          "\u202Egnp.exe",
        ),
        { maxLength: 3 },
      ),
    ),
    3,
  ),
});

/**
 * A Markdown body of ordinary blocks only (no costly block, no huge value), as read from a file:
 * for properties that render each value several times, hundreds of times a run.
 */
export const ordinaryMarkdownFromFile: fc.Arbitrary<string> = fc
  .tuple(fc.array(block, { maxLength: 8 }), fc.constantFrom("\n\n", "\n\n", "\n"))
  .map(([xs, sep]) => viaUtf8(xs.join(sep)));
