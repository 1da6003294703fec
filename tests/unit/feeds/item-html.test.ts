import { describe, expect, it } from "vitest";
import { itemHtml } from "../../../src/feeds/item-html.js";
import type { FeedImage } from "../../../src/feeds/feed-images.js";
import type { ArticleUpdate } from "../../../src/model.js";
import { makeArticle } from "../../helpers/factories.js";

const SITE = { timeZone: "Europe/Amsterdam", language: "en-GB" };
const BODY = "<p>Body.</p>\n";
const SOURCE = { name: "Grid Weekly", url: "https://grid.example/story", feed: null };
const IMAGE: FeedImage = {
  url: "https://test.example/images/grid.png",
  alt: "Pylons",
  type: "image/png",
  fileSize: 10,
};
// 23:30 UTC on 20 November is already 21 November in Amsterdam.
const correction: ArticleUpdate = {
  date: Date.UTC(2026, 10, 20, 23, 30),
  text: "The figure was 6, not 60.",
  kind: "correction",
};
const update: ArticleUpdate = { date: Date.UTC(2026, 10, 22, 9), text: "Two more operators joined.", kind: "update" };

describe("itemHtml", () => {
  it.each([
    { name: "a plain article is its body", over: {}, image: null, expected: ["<p>Body.</p>"] },
    {
      name: "a generated article opens with the disclosure naming its source",
      over: { isGenerated: true, source: SOURCE },
      image: null,
      expected: [
        "<p>Generated article, based on Grid Weekly.</p>",
        "<p>Body.</p>",
        '<p>Read the original at <a href="https://grid.example/story">Grid Weekly</a>.</p>',
      ],
    },
    {
      name: "a generated article without a source still says so",
      over: { isGenerated: true },
      image: null,
      expected: ["<p>Generated article.</p>", "<p>Body.</p>"],
    },
    {
      name: "a sourced article ends with the link to the original",
      over: { source: SOURCE },
      image: null,
      expected: ["<p>Body.</p>", '<p>Read the original at <a href="https://grid.example/story">Grid Weekly</a>.</p>'],
    },
    {
      name: "the lead image comes before the body, with its alt text",
      over: {},
      image: IMAGE,
      expected: ['<p><img src="https://test.example/images/grid.png" alt="Pylons"></p>', "<p>Body.</p>"],
    },
    {
      name: "corrections follow the disclosure, updates come last before the source, each with its day in the site's zone",
      over: { isGenerated: true, source: SOURCE, updates: [correction, update] },
      image: IMAGE,
      expected: [
        "<p>Generated article, based on Grid Weekly.</p>",
        "<p>Correction (21 November 2026): The figure was 6, not 60.</p>",
        '<p><img src="https://test.example/images/grid.png" alt="Pylons"></p>',
        "<p>Body.</p>",
        "<p>Update (22 November 2026): Two more operators joined.</p>",
        '<p>Read the original at <a href="https://grid.example/story">Grid Weekly</a>.</p>',
      ],
    },
  ])("$name", ({ over, image, expected }) => {
    expect(itemHtml(makeArticle({ slug: "a", ...over }), BODY, image, SITE)).toBe(`${expected.join("\n")}\n`);
  });

  it.each([
    { language: "en-GB", zone: "Europe/Amsterdam", day: "21 November 2026" },
    { language: "en-US", zone: "Europe/Amsterdam", day: "November 21, 2026" },
    { language: "de-DE", zone: "Europe/Amsterdam", day: "21. November 2026" },
    { language: "en-GB", zone: "America/New_York", day: "20 November 2026" },
  ])("writes the day in $language as $zone sees it: $day", ({ language, zone, day }) => {
    const html = itemHtml(makeArticle({ slug: "a", updates: [correction] }), BODY, null, { timeZone: zone, language });
    expect(html).toContain(`<p>Correction (${day}): The figure was 6, not 60.</p>`);
  });

  it("escapes every text and URL from the front-matter", () => {
    const hostile = `<script>alert(1)</script> & "quoted" <img src=x onerror=alert(1)>`;
    const html = itemHtml(
      makeArticle({
        slug: "a",
        isGenerated: true,
        source: { name: hostile, url: 'https://evil.example/?a=1&b="><script>', feed: null },
        updates: [{ ...correction, text: hostile }],
      }),
      BODY,
      { ...IMAGE, alt: hostile, url: 'https://test.example/x.png?"onerror=' },
      SITE,
    );
    expect(html).not.toMatch(/<script|<img src=x|"onerror|"><script/);
    expect(html).toContain(
      "Generated article, based on &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &lt;img src=x onerror=alert(1)&gt;.",
    );
    expect(html).toContain('href="https://evil.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;"');
  });

  it("ends with one newline whatever whitespace the body ends with", () => {
    expect(itemHtml(makeArticle({ slug: "a", source: SOURCE }), "<p>Body.</p>\n\n\n", null, SITE)).toMatch(
      /<p>Body\.<\/p>\n<p>Read the original at .*<\/p>\n$/,
    );
  });
});
