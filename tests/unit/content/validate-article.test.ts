import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../../src/content/parse-front-matter.js";
import {
  hasUserInfo,
  isSafeImageSrc,
  normalizeTags,
  tagKey,
  validateArticle,
} from "../../../src/content/validate-article.js";
import type { Diagnostic } from "../../../src/errors.js";
import type { Article, SourceFile } from "../../../src/model.js";
import { makeSource } from "../../helpers/factories.js";

const ZONE = "Europe/Amsterdam";

/** Builds an article file from front-matter lines; line 1 is "---", so the first field is on line 2. */
function makeFile(frontMatter: string, relPath = "story.md"): SourceFile {
  return makeSource(`content/articles/${relPath}`, relPath, `---\n${frontMatter}\n---\nThe body.\n`);
}

function validate(frontMatter: string, relPath?: string, zone = ZONE): Article | Diagnostic[] {
  const parsed = parseFrontMatter(makeFile(frontMatter, relPath));
  if (Array.isArray(parsed)) throw new Error(`front-matter did not parse: ${JSON.stringify(parsed)}`);
  return validateArticle(parsed, zone);
}

function validArticle(frontMatter: string, relPath?: string): Article {
  const result = validate(frontMatter, relPath);
  if (Array.isArray(result))
    throw new Error(`expected an article, got ${result.map((d) => `${d.code}: ${d.message}`).join("; ")}`);
  return result;
}

function problems(frontMatter: string, relPath?: string): Diagnostic[] {
  const result = validate(frontMatter, relPath);
  if (!Array.isArray(result)) throw new Error(`expected problems, got the article "${result.slug}"`);
  return result;
}

const TITLE = "title: Grid operators agree on a data format";

describe("validateArticle", () => {
  it("turns complete front-matter into an article", () => {
    const article = validArticle(
      [
        "title: '  Grid operators agree  '",
        "date: 2024-05-01T10:00:00+02:00",
        "enhanced: 2024-05-02T08:00:00Z",
        "summary: ' A short summary. '",
        "tags: [energy, policy]",
        "source: { name: ' Grid Weekly ', url: 'https://grid.example/story' }",
        "generated: true",
        "author: Ana Souza",
        "image: { src: /images/grid.svg, alt: A map of the grid }",
        "featured: true",
        "draft: false",
      ].join("\n"),
    );
    expect(article).toMatchObject({
      sourcePath: "content/articles/story.md",
      slug: "story",
      title: "Grid operators agree",
      date: Date.UTC(2024, 4, 1, 8),
      enhanced: Date.UTC(2024, 4, 2, 8),
      summary: "A short summary.",
      tags: ["energy", "policy"],
      source: { name: "Grid Weekly", url: "https://grid.example/story" },
      isGenerated: true,
      author: "Ana Souza",
      image: { src: "/images/grid.svg", alt: "A map of the grid" },
      isFeatured: true,
      isDraft: false,
      extra: {},
      bodyLine: 14,
    });
    expect(article.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("leaves optional fields empty when they are absent or blank", () => {
    const article = validArticle(`${TITLE}\ndate: 2024-05-01\nsummary: '  '\nauthor: ''`);
    expect(article).toMatchObject({
      summary: null,
      author: null,
      enhanced: null,
      source: null,
      image: null,
      tags: [],
      isGenerated: false,
      isFeatured: false,
      isDraft: false,
    });
  });

  describe("dates as editors write them", () => {
    it.each([
      { form: "ISO with an offset", date: "2024-05-01T10:00:00+02:00", epoch: 1714550400000 },
      { form: "ISO in UTC", date: "2024-05-01T10:00:00Z", epoch: 1714557600000 },
      { form: "ISO with milliseconds", date: "2024-05-01T10:00:00.250Z", epoch: 1714557600250 },
      {
        form: "ISO without an offset, read in the site zone (CEST)",
        date: "2024-05-01T10:00:00",
        epoch: 1714550400000,
      },
      { form: "ISO without seconds", date: "2024-05-01T10:00", epoch: 1714550400000 },
      {
        form: "YAML/Jekyll style with a space and a -0700 offset",
        date: "2024-05-01 10:00:00 -0700",
        epoch: 1714582800000,
      },
      { form: "space-separated without an offset", date: "2024-05-01 10:00", epoch: 1714550400000 },
      { form: "date only in summer: midnight in Amsterdam (UTC+2)", date: "2024-05-01", epoch: 1714514400000 },
      { form: "date only in winter: midnight in Amsterdam (UTC+1)", date: "2024-01-15", epoch: 1705273200000 },
      { form: "quoted date only", date: "'2024-05-01'", epoch: 1714514400000 },
      { form: "RFC 2822", date: "Wed, 01 May 2024 10:00:00 +0200", epoch: 1714550400000 },
    ])("reads $form", ({ date, epoch }) => {
      expect(validArticle(`${TITLE}\ndate: ${date}`).date).toBe(epoch);
    });

    it("reads a date without an offset in the zone it is given", () => {
      const utc = validate(`${TITLE}\ndate: 2024-05-01`, "story.md", "UTC");
      const tokyo = validate(`${TITLE}\ndate: 2024-05-01`, "story.md", "Asia/Tokyo");
      expect(utc).toMatchObject({ date: Date.UTC(2024, 4, 1) });
      expect(tokyo).toMatchObject({ date: Date.UTC(2024, 3, 30, 15) });
    });

    it("takes date and slug from a YYYY-MM-DD-title.md file name", () => {
      const article = validArticle(TITLE, "2024-05-01-grid-data-format.md");
      expect(article.slug).toBe("grid-data-format");
      expect(article.date).toBe(1714514400000);
    });

    it("takes date and slug from a dated file name inside a year folder", () => {
      const article = validArticle(TITLE, "2024/2024-05-01-grid-data-format.md");
      expect(article).toMatchObject({ slug: "grid-data-format", date: 1714514400000 });
    });

    it("prefers the front-matter date and slug over the file name", () => {
      const article = validArticle(
        `${TITLE}\ndate: 2024-06-01T12:00:00Z\nslug: own-slug`,
        "2024-05-01-grid-data-format.md",
      );
      expect(article).toMatchObject({ slug: "own-slug", date: Date.UTC(2024, 5, 1, 12) });
    });

    it("takes the slug from a page bundle folder", () => {
      expect(validArticle(`${TITLE}\ndate: 2024-05-01`, "grid-story/index.md").slug).toBe("grid-story");
    });
  });

  describe("tags", () => {
    it("accepts a single tag written as a string", () => {
      expect(validArticle(`${TITLE}\ndate: 2024-05-01\ntags: energy`).tags).toEqual(["energy"]);
    });

    it("accepts a single numeric tag as text", () => {
      expect(validArticle(`${TITLE}\ndate: 2024-05-01\ntags: 2024`).tags).toEqual(["2024"]);
    });

    it("removes duplicate tags by key, keeping the first spelling and the front-matter order", () => {
      const article = validArticle(
        `${TITLE}\ndate: 2024-05-01\ntags: [Energy, policy, energy, ' Open  Source ', open source, '', 42, POLICY]`,
      );
      expect(article.tags).toEqual(["Energy", "policy", "Open Source", "42"]);
    });
  });

  it("keeps unknown front-matter keys in extra for templates", () => {
    const article = validArticle(`${TITLE}\ndate: 2024-05-01\nlayout_hint: wide\nscore: 3\nsponsor: { name: Co-op }`);
    expect(article.extra).toEqual({ layout_hint: "wide", score: 3, sponsor: { name: "Co-op" } });
  });

  describe("problems", () => {
    it.each([
      {
        name: "a missing title",
        fm: "date: 2024-05-01\nsummary: S",
        code: "MissingField",
        field: "title",
        line: 2,
        message: /title is required/i,
      },
      {
        name: "an empty title",
        fm: "title: '  '\ndate: 2024-05-01",
        code: "InvalidField",
        field: "title",
        line: 2,
        message: /title is empty/i,
      },
      {
        name: "a title that is not text",
        fm: "date: 2024-05-01\ntitle: [a, b]",
        code: "InvalidField",
        field: "title",
        line: 3,
        message: /title must be text/i,
      },
      { name: "a missing date", fm: TITLE, code: "MissingField", field: "date", line: 2, message: /date is required/i },
      {
        name: "a date in words",
        fm: `${TITLE}\ndate: next Tuesday`,
        code: "InvalidDate",
        field: "date",
        line: 3,
        message: /"next Tuesday"/,
      },
      {
        name: "an impossible calendar date",
        fm: `${TITLE}\ndate: 2024-13-45`,
        code: "InvalidDate",
        field: "date",
        line: 3,
        message: /not a date/,
      },
      {
        name: "a 29 February in a common year",
        fm: `${TITLE}\ndate: 2023-02-29`,
        code: "InvalidDate",
        field: "date",
        line: 3,
        message: /not a date/,
      },
      {
        name: "an unreadable enhanced date",
        fm: `${TITLE}\ndate: 2024-05-01\nenhanced: soon`,
        code: "InvalidDate",
        field: "enhanced",
        line: 4,
        message: /Enhanced date "soon"/,
      },
      {
        name: "an enhanced date before the publication date",
        fm: `${TITLE}\ndate: 2024-05-02T10:00:00+02:00\nenhanced: 2024-05-02T09:59:59+02:00`,
        code: "DateOrder",
        field: "enhanced",
        line: 4,
        message: /before the publication date/,
      },
      {
        name: "a generated article without a source",
        fm: `${TITLE}\ndate: 2024-05-01\ngenerated: true`,
        code: "MissingField",
        field: "generated",
        line: 4,
        message: /needs its source/,
      },
      {
        name: "a javascript: source url",
        fm: `${TITLE}\ndate: 2024-05-01\nsource: { name: X, url: "javascript:alert(1)" }`,
        code: "InvalidUrl",
        field: "source.url",
        line: 4,
        message: /http\(s\) URL/,
      },
      {
        name: "a data: source url",
        fm: `${TITLE}\ndate: 2024-05-01\nsource: { name: X, url: "data:text/html,hi" }`,
        code: "InvalidUrl",
        field: "source.url",
        line: 4,
        message: /http\(s\) URL/,
      },
      {
        name: "a relative source url",
        fm: `${TITLE}\ndate: 2024-05-01\nsource: { name: X, url: /story }`,
        code: "InvalidUrl",
        field: "source.url",
        line: 4,
        message: /http\(s\) URL/,
      },
      {
        name: "a source without a url",
        fm: `${TITLE}\ndate: 2024-05-01\nsource: { name: X }`,
        code: "MissingField",
        field: "source.url",
        line: 4,
        message: /url/i,
      },
      {
        name: "a path-traversal slug",
        fm: `${TITLE}\ndate: 2024-05-01\nslug: ../x`,
        code: "InvalidSlug",
        field: "slug",
        line: 4,
        message: /lowercase letters/,
      },
      {
        name: "a deep traversal slug",
        fm: `${TITLE}\ndate: 2024-05-01\nslug: ../../etc/passwd`,
        code: "InvalidSlug",
        field: "slug",
        line: 4,
        message: /lowercase letters/,
      },
      {
        name: "an uppercase slug",
        fm: `${TITLE}\ndate: 2024-05-01\nslug: Grid-Data`,
        code: "InvalidSlug",
        field: "slug",
        line: 4,
        message: /lowercase letters/,
      },
      {
        name: "a slug with a double hyphen",
        fm: `${TITLE}\ndate: 2024-05-01\nslug: grid--data`,
        code: "InvalidSlug",
        field: "slug",
        line: 4,
        message: /single hyphens/,
      },
      {
        name: "a slug over 120 characters",
        fm: `${TITLE}\ndate: 2024-05-01\nslug: ${"a".repeat(121)}`,
        code: "InvalidSlug",
        field: "slug",
        line: 4,
        message: /120/,
      },
      {
        name: "an image without alt text",
        fm: `${TITLE}\ndate: 2024-05-01\nimage: { src: /images/a.png }`,
        code: "MissingField",
        field: "image.alt",
        line: 4,
        message: /alt text is required/,
      },
      {
        name: "an image with empty alt text",
        fm: `${TITLE}\ndate: 2024-05-01\nimage: { src: /images/a.png, alt: '' }`,
        code: "InvalidField",
        field: "image.alt",
        line: 4,
        message: /alt text is empty/,
      },
      {
        name: "a javascript: image src",
        fm: `${TITLE}\ndate: 2024-05-01\nimage: { src: "javascript:alert(1)", alt: A }`,
        code: "InvalidField",
        field: "image.src",
        line: 4,
        message: /URL or path/,
      },
      // Found by the hostile corpus (tests/fixtures/hostile): schemes a browser reads through the obfuscation.
      {
        name: "an image src hiding javascript: behind a control character",
        fm: `${TITLE}\ndate: 2024-05-01\nimage: { src: "\\x01javascript:alert(1)", alt: A }`,
        code: "InvalidField",
        field: "image.src",
        line: 4,
        message: /URL or path/,
      },
      {
        name: "an image src with a tab inside javascript:",
        fm: `${TITLE}\ndate: 2024-05-01\nimage: { src: "jav\\tascript:alert(1)", alt: A }`,
        code: "InvalidField",
        field: "image.src",
        line: 4,
        message: /URL or path/,
      },
      {
        name: "an image src with a NUL inside javascript:",
        fm: `${TITLE}\ndate: 2024-05-01\nimage: { src: "java\\0script:alert(1)", alt: A }`,
        code: "InvalidField",
        field: "image.src",
        line: 4,
        message: /URL or path/,
      },
      {
        name: "an image src that is javascript: once trimmed of U+2028",
        fm: `${TITLE}\ndate: 2024-05-01\nimage: { src: "\\u2028javascript:alert(1)", alt: A }`,
        code: "InvalidField",
        field: "image.src",
        line: 4,
        message: /URL or path/,
      },
      {
        name: "an image src that is data: once trimmed of U+00A0",
        fm: `${TITLE}\ndate: 2024-05-01\nimage: { src: "\\u00A0data:image/svg+xml,x", alt: A }`,
        code: "InvalidField",
        field: "image.src",
        line: 4,
        message: /URL or path/,
      },
      {
        name: "a vbscript: image src",
        fm: `${TITLE}\ndate: 2024-05-01\nimage: { src: "VBScript:msgbox(1)", alt: A }`,
        code: "InvalidField",
        field: "image.src",
        line: 4,
        message: /URL or path/,
      },
      {
        name: "tags nested in tags",
        fm: `${TITLE}\ndate: 2024-05-01\ntags: [a, [b]]`,
        code: "InvalidField",
        field: "tags",
        line: 4,
        message: /list of words/,
      },
    ])("reports $name as $code at line $line", ({ fm, code, field, line, message }) => {
      const found = problems(fm);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ code, field, line, severity: "error", file: "content/articles/story.md" });
      expect(found[0]!.message).toMatch(message);
      expect(found[0]!.hint).toEqual(expect.any(String));
    });

    it("reports a draft flag that is not a boolean as InvalidField at its line", () => {
      expect(problems(`${TITLE}\ndate: 2024-05-01\ndraft: yes`)).toEqual([
        expect.objectContaining({
          code: "InvalidField",
          field: "draft",
          line: 4,
          message: expect.stringMatching(/true or false/),
        }),
      ]);
    });

    it("reports a file name that yields no slug", () => {
      const [first, ...rest] = problems(`${TITLE}\ndate: 2024-05-01`, "!!!.md");
      expect(rest).toEqual([]);
      expect(first).toMatchObject({ code: "InvalidSlug", file: "content/articles/!!!.md" });
      expect(first!.message).toMatch(/file name "!!!\.md"/);
    });

    it("points a missing title at the first front-matter line, past leading blank lines", () => {
      const parsed = parseFrontMatter(
        makeSource("content/articles/late.md", "late.md", "\n\n---\ndate: 2024-05-01\n---\nBody\n"),
      );
      if (Array.isArray(parsed)) throw new Error("front-matter did not parse");
      const result = validateArticle(parsed, ZONE);
      expect(result).toEqual([expect.objectContaining({ code: "MissingField", field: "title", line: 4, column: 1 })]);
    });

    it("reports a missing title and date in a file without front-matter at line 1", () => {
      const parsed = parseFrontMatter(makeSource("content/articles/bare.md", "bare.md", "Just text.\n"));
      if (Array.isArray(parsed)) throw new Error("front-matter did not parse");
      const result = validateArticle(parsed, ZONE);
      expect(result).toEqual([
        expect.objectContaining({ code: "MissingField", field: "title", line: 1 }),
        expect.objectContaining({ code: "MissingField", field: "date", line: 1 }),
      ]);
    });

    it("suggests a dated file name when the date is missing", () => {
      const [first] = problems(TITLE, "grid-data.md");
      expect(first!.hint).toContain("2024-05-01-grid-data.md");
    });

    it("reports every schema problem of one file at once, each at its own line", () => {
      const found = problems(
        [
          "summary: No title here", // line 2
          "slug: ../x", // line 3
          "source: { name: X, url: 'javascript:alert(1)' }", // line 4
          "image: { src: /a.png }", // line 5
          "featured: maybe", // line 6
          "date: 2024-05-01", // line 7
        ].join("\n"),
      );
      const summary = found.map((d) => [d.code, d.field, d.line]).sort((a, b) => Number(a[2]) - Number(b[2]));
      expect(summary).toEqual([
        ["MissingField", "title", 2],
        ["InvalidSlug", "slug", 3],
        ["InvalidUrl", "source.url", 4],
        ["MissingField", "image.alt", 5],
        ["InvalidField", "featured", 6],
      ]);
    });

    it("reports an unreadable date together with a generated article's missing source", () => {
      const found = problems(`${TITLE}\ndate: someday\ngenerated: true`);
      expect(found.map((d) => [d.code, d.field, d.line])).toEqual([
        ["InvalidDate", "date", 3],
        ["MissingField", "generated", 4],
      ]);
    });

    it("reports a date order problem together with a schema problem", () => {
      const found = problems(`${TITLE}\ndate: 2024-05-01\nenhanced: 2024-04-30\nimage: { src: /a.png }`);
      expect(found.map((d) => [d.code, d.line]).sort()).toEqual([
        ["DateOrder", 4],
        ["MissingField", 5],
      ]);
    });
  });
});

describe("isSafeImageSrc", () => {
  it.each([
    "/images/a.png",
    "images/a.png",
    "a.png?w=2&h=3",
    "https://cdn.example/a.png",
    "http://cdn.example/a.png",
    "//cdn.example/a.png",
    " /images/a.png ",
  ])("accepts %j", (src) => {
    expect(isSafeImageSrc(src)).toBe(true);
  });

  it.each([
    "",
    "  ",
    "javascript:alert(1)",
    "data:image/png;base64,AAAA",
    "ftp://x.example/a.png",
    "\u0001javascript:x",
    "java\u0000script:x",
    "\u2028javascript:x",
    "/a\uD800.png",
  ])("refuses %j", (src) => {
    expect(isSafeImageSrc(src)).toBe(false);
  });

  it.each([
    "https://user:pass@cdn.example/a.png",
    "https://@cdn.example/a.png",
    "//user:pass@cdn.example/x.jpg",
    "\u00A0//user@cdn.example/x.jpg",
  ])("refuses %j, which would publish a user name or password", (src) => {
    expect(isSafeImageSrc(src)).toBe(false);
  });
});

/** URLs that carry user info; the WHATWG parser drops the empty ones ("https://@host/" → "https://host/"). */
const WITH_USER_INFO = [
  "https://user:pass@host.example/",
  "https://user@host.example/",
  "https://:pass@host.example/",
  "https://@host.example/",
  "https://:@host.example/",
];

describe("hasUserInfo", () => {
  it.each([
    ...WITH_USER_INFO,
    "//user:pass@cdn.example/x.jpg",
    "//@cdn.example/x.jpg",
    "HTTPS://USER@HOST.EXAMPLE/",
    " \thttps://user@host.example/",
    "https://us\ter@host.example/",
    "https:user:pass@host.example/x",
    "https:///user@host.example/",
    "\\\\user@cdn.example/x.jpg",
    "/\\user@cdn.example/x.jpg",
    "https://a@b@host.example/",
    "\u00A0//user@cdn.example/x.jpg",
  ])("finds user info in %j", (url) => {
    expect(hasUserInfo(url)).toBe(true);
  });

  it.each([
    "https://host.example/",
    "https://host.example:8080/news/",
    "https://host.example/@handle",
    "https://host.example/?by=a@b.example",
    "https://host.example/#@top",
    "https://host.example\\@x/",
    "/images/logo@2x.png",
    "images/logo@2x.png",
    "logo@2x.png",
    "mailto:news@host.example",
  ])("finds no user info in %j", (url) => {
    expect(hasUserInfo(url)).toBe(false);
  });

  it.each([
    "https://u:p@h.example/",
    "//u@h.example/x",
    "https:u@h.example/",
    "\\\\u@h.example/",
    "http://u@h.example/",
    " //u:p@h.example/",
  ])("agrees with the URL parser wherever the parser keeps a user name or password: %j", (url) => {
    const parsed = new URL(url, "ftp://base.example/");
    expect(parsed.username !== "" || parsed.password !== "").toBe(true);
    expect(hasUserInfo(url)).toBe(true);
  });
});

describe("validateArticle refuses URLs with a user name or password", () => {
  it.each(WITH_USER_INFO)("refuses the source url %j as InvalidUrl at the url", (url) => {
    const found = problems(`${TITLE}\ndate: 2024-05-01\nsource:\n  name: X\n  url: "${url}"`);
    expect(found).toEqual([expect.objectContaining({ code: "InvalidUrl", field: "source.url", line: 6, column: 3 })]);
    expect(found[0]!.message).toMatch(/^Source URL contains a user name or password/);
    expect(found[0]!.hint).toMatch(/without user name or password/);
  });

  it.each([...WITH_USER_INFO, "//user:pass@cdn.example/x.jpg", "//user@cdn.example/x.jpg"])(
    "refuses the image src %j as InvalidField at the src",
    (src) => {
      const found = problems(`${TITLE}\ndate: 2024-05-01\nimage:\n  src: "${src}"\n  alt: A`);
      expect(found).toEqual([
        expect.objectContaining({ code: "InvalidField", field: "image.src", line: 5, column: 3 }),
      ]);
      expect(found[0]!.message).toMatch(/^Image src contains a user name or password/);
    },
  );

  it("accepts ordinary source URLs and image sources, an @ in a path included", () => {
    const article = validArticle(
      `${TITLE}\ndate: 2024-05-01\nsource: { name: X, url: "https://x.example/@reporter/story?by=a@b" }\nimage: { src: "//cdn.example/logo@2x.png", alt: A }`,
    );
    expect(article.source?.url).toBe("https://x.example/@reporter/story?by=a@b");
    expect(article.image?.src).toBe("//cdn.example/logo@2x.png");
  });
});

describe("validateArticle removes characters no page should show", () => {
  // YAML escapes for NUL, BEL, ESC and the noncharacter U+FFFE.
  const BAD = "\\0\\a\\e\\uFFFE";

  it("cleans the title, summary, tags, author, source name, image alt and extra fields", () => {
    const article = validArticle(
      [
        `title: "Grid${BAD} data"`,
        "date: 2024-05-01",
        `summary: "A short${BAD} summary."`,
        `tags: ["ener${BAD}gy", policy]`,
        `author: "Ana${BAD} Souza"`,
        `source: { name: "Grid${BAD} Weekly", url: "https://grid.example/story" }`,
        `image: { src: /images/grid.svg, alt: "A map${BAD} of the grid" }`,
        `subtitle: "Sub${BAD}title"`,
        `"ke${BAD}y": { nested: ["val${BAD}ue"] }`,
      ].join("\n"),
    );
    expect(article).toMatchObject({
      title: "Grid data",
      summary: "A short summary.",
      tags: ["energy", "policy"],
      author: "Ana Souza",
      source: { name: "Grid Weekly" },
      image: { alt: "A map of the grid" },
    });
    expect(article.extra).toEqual({ subtitle: "Subtitle", key: { nested: ["value"] } });
  });

  it("cleans TOML front-matter the same way", () => {
    const file = makeSource(
      "content/articles/story.md",
      "story.md",
      '+++\ntitle = "Grid\\u0000\\u0007\\u001b\\uFFFE data"\ndate = 2024-05-01\ntags = ["a\\u0007b"]\n+++\nBody\n',
    );
    const parsed = parseFrontMatter(file);
    if (Array.isArray(parsed)) throw new Error(JSON.stringify(parsed));
    expect(validateArticle(parsed, ZONE)).toMatchObject({ title: "Grid data", tags: ["ab"] });
  });
});

describe("normalizeTags", () => {
  it.each([
    { input: null, expected: [] },
    { input: undefined, expected: [] },
    { input: "energy", expected: ["energy"] },
    { input: 7, expected: ["7"] },
    { input: ["  a  b  ", "A B", "c"], expected: ["a b", "c"] },
    { input: ["caf\u00e9", "cafe\u0301", "Cafe"], expected: ["caf\u00e9", "Cafe"] },
    { input: ["", "   ", "x"], expected: ["x"] },
  ])("normalizes $input to $expected", ({ input, expected }) => {
    expect(normalizeTags(input)).toEqual(expected);
  });
});

describe("tagKey", () => {
  it("ignores case, outer spaces and repeated inner spaces", () => {
    expect(tagKey("  Open   SOURCE ")).toBe("open source");
  });

  it("treats composed and decomposed accents as the same tag", () => {
    expect(tagKey("Cafe\u0301")).toBe(tagKey("caf\u00e9"));
    expect(tagKey("café")).not.toBe(tagKey("cafe"));
  });
});

describe("validateArticle with values of the wrong type", () => {
  it.each(["date: 2024", "date: 42", "date: true", "enhanced: true"])(
    "reports %s as InvalidDate without throwing",
    (line) => {
      const list = problems(`${TITLE}\n${line.startsWith("enhanced") ? "date: 2024-05-01\n" : ""}${line}`);
      expect(list.map((d) => d.code)).toContain("InvalidDate");
    },
  );

  it("reports the missing title and both unreadable dates of one file at once", () => {
    const list = problems("summary: s\ndate: nope\nenhanced: also nope");
    expect(list.map((d) => [d.code, d.line])).toEqual([
      ["MissingField", 2],
      ["InvalidDate", 3],
      ["InvalidDate", 4],
    ]);
  });

  it("names the date taken from an impossible dated file name", () => {
    const list = problems(TITLE, "2024-13-45-x.md");
    expect(list).toHaveLength(1);
    expect(list[0]!.message).toBe('Date "2024-13-45" (from the file name) is not a date we can read');
  });

  it("gives every InvalidField a hint", () => {
    for (const d of problems(`${TITLE}\ndate: 2024-05-01\ndraft: maybe\nfeatured: 3\nsummary: [a]\nauthor: {a: 1}`))
      expect(d.hint, d.field).toBeTruthy();
  });
});

describe("validateArticle marks days without a time", () => {
  it.each([
    ["date: 2024-05-01", "story.md", true],
    ["date: 2024-05-01T10:00:00+02:00", "story.md", false],
    ["date: 2024-05-01 10:00", "story.md", false],
    ["summary: s", "2024-05-01-from-name.md", true],
  ])("%s in %s → isDateOnly %s", (line, relPath, expected) => {
    expect(validArticle(`${TITLE}\n${line}`, relPath).isDateOnly).toBe(expected);
  });
});

describe("validateArticle: one truth of when an article was published and changed", () => {
  it("reads a day as midnight in the site's zone, and the modified instant as the latest of date, enhanced and updates", () => {
    const a = validArticle(
      `${TITLE}\ndate: 2026-11-20\nenhanced: 2026-11-21T10:00:00+01:00\nupdates:\n  - { date: 2026-11-22T08:00:00+01:00, text: Figures added }\n  - { date: 2026-11-21T09:00:00+01:00, text: Name was wrong, kind: correction }`,
    );
    expect(a.date).toBe(Date.parse("2026-11-19T23:00:00Z"));
    expect(a.isDateOnly).toBe(true);
    expect(a.modified).toBe(Date.parse("2026-11-22T07:00:00Z"));
    expect(a.updates).toEqual([
      { date: Date.parse("2026-11-21T08:00:00Z"), text: "Name was wrong", kind: "correction" },
      { date: Date.parse("2026-11-22T07:00:00Z"), text: "Figures added", kind: "update" },
    ]);
    expect(validArticle(`${TITLE}\ndate: 2026-11-20T09:30:00+01:00`).modified).toBe(Date.parse("2026-11-20T08:30:00Z"));
  });

  it("refuses an update dated before the publication, an unreadable one and an unknown kind, at their lines", () => {
    const found = problems(
      `${TITLE}\ndate: 2026-11-20\nupdates:\n  - { date: 2026-11-19, text: Too early }\n  - { date: someday, text: Unreadable }\n  - { date: 2026-11-21, text: Odd, kind: erratum }`,
    );
    expect(found.map((d) => [d.code, d.line]).sort((x, y) => Number(x[1]) - Number(y[1]))).toEqual([
      ["DateOrder", 5],
      ["InvalidDate", 6],
      ["InvalidField", 7],
    ]);
  });

  it("reads canonical (and Hugo's canonicalURL, Jekyll's canonical_url) as an absolute URL, refusing anything else", () => {
    expect(validArticle(`${TITLE}\ndate: 2026-11-20\ncanonical: https://outlet.example/story`).canonical).toBe(
      "https://outlet.example/story",
    );
    expect(validArticle(`${TITLE}\ndate: 2026-11-20\ncanonicalURL: https://outlet.example/a`).canonical).toBe(
      "https://outlet.example/a",
    );
    expect(validArticle(`${TITLE}\ndate: 2026-11-20\ncanonical_url: https://outlet.example/b`).canonical).toBe(
      "https://outlet.example/b",
    );
    expect(validArticle(`${TITLE}\ndate: 2026-11-20`).canonical).toBeNull();
    expect(problems(`${TITLE}\ndate: 2026-11-20\ncanonical: /relative/path`)).toEqual([
      expect.objectContaining({
        code: "InvalidUrl",
        line: 4,
        field: "canonical",
        message: "Canonical URL must be an absolute http(s) URL",
      }),
    ]);
  });

  it("reads expires (and Hugo's expiryDate), which must come after the publication", () => {
    expect(validArticle(`${TITLE}\ndate: 2026-11-20\nexpires: 2026-12-01`).expires).toBe(
      Date.parse("2026-11-30T23:00:00Z"),
    );
    expect(validArticle(`${TITLE}\ndate: 2026-11-20\nexpiryDate: 2026-12-02T10:00:00Z`).expires).toBe(
      Date.parse("2026-12-02T10:00:00Z"),
    );
    expect(problems(`${TITLE}\ndate: 2026-11-20\nexpires: 2026-11-19`)).toEqual([
      expect.objectContaining({ code: "DateOrder", line: 4, field: "expires" }),
    ]);
  });

  it("reads the source's feed, which must be an absolute URL", () => {
    expect(
      validArticle(
        `${TITLE}\ndate: 2026-11-20\nsource: { name: Wire, url: "https://wire.example/a", feed: "https://wire.example/feed.xml" }`,
      ).source,
    ).toEqual({ name: "Wire", url: "https://wire.example/a", feed: "https://wire.example/feed.xml" });
    expect(
      problems(`${TITLE}\ndate: 2026-11-20\nsource: { name: Wire, url: "https://wire.example/a", feed: "feed.xml" }`),
    ).toEqual([expect.objectContaining({ code: "InvalidUrl", field: "source.feed" })]);
  });
});

describe("validateArticle: authors, picture captions and old addresses", () => {
  it("reads one author, a list (Hugo's authors, or a list under author), and joins them for the byline", () => {
    const one = validArticle(`${TITLE}\ndate: 2026-11-20\nauthor: "  Ana   Ruiz "`);
    expect([one.author, one.authors]).toEqual(["Ana Ruiz", ["Ana Ruiz"]]);
    const three = validArticle(`${TITLE}\ndate: 2026-11-20\nauthors: [Ana Ruiz, Ben Okafor, Ana Ruiz, " ", Cy]`);
    expect([three.author, three.authors]).toEqual(["Ana Ruiz, Ben Okafor and Cy", ["Ana Ruiz", "Ben Okafor", "Cy"]]);
    const listed = validArticle(`${TITLE}\ndate: 2026-11-20\nauthor: [Ana, Ben]`);
    expect([listed.author, listed.authors]).toEqual(["Ana and Ben", ["Ana", "Ben"]]);
    const none = validArticle(`${TITLE}\ndate: 2026-11-20`);
    expect([none.author, none.authors]).toEqual([null, []]);
    expect(problems(`${TITLE}\ndate: 2026-11-20\nauthors: { name: Ana }`)).toEqual([
      expect.objectContaining({ code: "InvalidField", line: 4, field: "authors" }),
    ]);
  });

  it("reads a picture's caption and credit, or none", () => {
    const a = validArticle(
      `${TITLE}\ndate: 2026-11-20\nimage: { src: /images/dam.jpg, alt: A dam, caption: " The dam at dawn. ", credit: "Photo: Ana Ruiz" }`,
    );
    expect(a.image).toEqual({
      src: "/images/dam.jpg",
      alt: "A dam",
      caption: "The dam at dawn.",
      credit: "Photo: Ana Ruiz",
    });
    expect(validArticle(`${TITLE}\ndate: 2026-11-20\nimage: { src: /images/dam.jpg, alt: A dam }`).image).toEqual({
      src: "/images/dam.jpg",
      alt: "A dam",
      caption: null,
      credit: null,
    });
  });

  it("reads aliases and Jekyll's redirect_from as site paths, one or a list", () => {
    expect(
      validArticle(`${TITLE}\ndate: 2026-11-20\naliases: [/2019/05/old/, /old.html, /blog/release/v20.20.0, /old.html]`)
        .aliases,
    ).toEqual(["/2019/05/old/", "/old.html", "/blog/release/v20.20.0/"]);
    expect(validArticle(`${TITLE}\ndate: 2026-11-20\nredirect_from: /news/old-title/`).aliases).toEqual([
      "/news/old-title/",
    ]);
    expect(validArticle(`${TITLE}\ndate: 2026-11-20`).aliases).toEqual([]);
  });

  it("names each alias that cannot be a page of this site, at its line, with the key the editor wrote", () => {
    const found = problems(
      `${TITLE}\ndate: 2026-11-20\nredirect_from:\n  - https://old.example/a/\n  - /ok/\n  - /../../etc/\n  - old/`,
    );
    expect(found).toEqual([
      expect.objectContaining({ code: "InvalidField", line: 5, field: "redirect_from.0" }),
      expect.objectContaining({ code: "InvalidField", line: 7, field: "redirect_from.2" }),
      expect.objectContaining({ code: "InvalidField", line: 8, field: "redirect_from.3" }),
    ]);
    expect(found[0]!.message).toContain("(read from `redirect_from`)");
  });
});
