import { describe, expect, it } from "vitest";
import { clipDescription, ogLocale, socialMeta, unmeasuredMedia, type SocialImage } from "../../../src/pages/social.js";
import { makeConfig } from "../../helpers/factories.js";

const CARD: SocialImage = {
  url: "https://test.example/assets/card.png",
  width: 1200,
  height: 630,
  alt: "Test Times",
  type: "image/png",
};

describe("ogLocale", () => {
  it.each([
    ["en-GB", "en_GB"],
    ["en-gb", "en_GB"],
    ["pt-BR", "pt_BR"],
    ["sr-Latn-RS", "sr_RS"],
    ["es-419", "es_419"],
    ["EN-US", "en_US"],
    ["en", null],
    ["zh-Hant", null],
  ])("reads %s as %s", (language, locale) => {
    expect(ogLocale(language)).toBe(locale);
  });
});

describe("clipDescription", () => {
  const long =
    "Rhwyd Irfon, a volunteer mesh network in the upper Irfon valley, now connects 312 households that commercial providers wrote off. Its founders say the hard part was never the radios.";

  it("keeps text of 160 characters or fewer as it is, with runs of white space squashed", () => {
    expect(clipDescription("A short  paragraph.\n")).toBe("A short paragraph.");
    const exactly = "x".repeat(160);
    expect(clipDescription(exactly)).toBe(exactly);
  });

  it("cuts longer text at the last word boundary under the limit and adds an ellipsis", () => {
    const clipped = clipDescription(long);
    expect([...clipped].length).toBeLessThanOrEqual(160);
    expect(clipped).toBe(
      "Rhwyd Irfon, a volunteer mesh network in the upper Irfon valley, now connects 312 households that commercial providers wrote off. Its founders say the hard…",
    );
    expect(long.startsWith(clipped.slice(0, -1))).toBe(true);
  });

  it.each([
    ["punctuation before the cut", "word, ".repeat(40), /word…$/],
    ["a single word longer than the limit", "a".repeat(400), /^a{159}…$/],
  ])("handles %s", (_name, text, pattern) => {
    const clipped = clipDescription(text);
    expect(clipped).toMatch(pattern);
    expect([...clipped].length).toBeLessThanOrEqual(160);
  });

  it("counts characters, not UTF-16 units, and never splits a surrogate pair", () => {
    const clipped = clipDescription("🛰️ ".repeat(100), 20);
    expect(clipped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(clipped.endsWith("…")).toBe(true);
  });

  it("takes a shorter limit", () => {
    expect(clipDescription("one two three four", 10)).toBe("one two…");
  });
});

describe("socialMeta", () => {
  const base = {
    title: "Headline",
    description: "What happened.",
    canonical: "https://test.example/articles/a/",
    siteName: "Test Times",
    language: "en-GB",
    image: CARD,
  };

  it.each([
    ["an article", "article", { publishedTime: "p", modifiedTime: "m", author: null, section: null, tags: [] }],
    ["any other page", "website", null],
  ] as const)("marks %s as og:type %s", (_name, type, article) => {
    const meta = socialMeta({ ...base, article });
    expect(meta.type).toBe(type);
    expect(meta).toMatchObject({
      title: "Headline",
      url: "https://test.example/articles/a/",
      locale: "en_GB",
      twitterCard: "summary_large_image",
      image: CARD,
      article,
    });
  });
});

describe("unmeasuredMedia", () => {
  it("points at the drawn card under the site's base URL, with no size it cannot know", () => {
    const media = unmeasuredMedia(makeConfig({}, { baseUrl: "https://test.example/news/" }).site);
    expect(media.card).toEqual({
      url: "https://test.example/news/assets/card.png",
      width: null,
      height: null,
      alt: "Test Times",
      type: null,
    });
    expect(media.logo).toBeNull();
  });
});
