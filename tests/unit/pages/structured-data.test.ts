import { describe, expect, it } from "vitest";
import {
  breadcrumbList,
  collectionPage,
  jsonLdScript,
  GENERATED,
  newsArticle,
  webPage,
  webSite,
  type ArticleFacts,
  type SiteFacts,
} from "../../../src/pages/structured-data.js";

const SITE: SiteFacts = {
  name: "Test Times",
  url: "https://test.example/",
  description: "News for tests.",
  language: "en-GB",
  logo: { url: "https://test.example/assets/logo.png", width: 144, height: 144, alt: "Test Times", type: "image/png" },
  searchUrl: "https://test.example/search/",
};

function facts(over: Partial<ArticleFacts> = {}): ArticleFacts {
  return {
    canonical: "https://test.example/articles/a/",
    headline: "Headline",
    description: "What happened.",
    datePublished: "2026-11-20T09:30:00+01:00",
    dateModified: "2026-11-21T10:00:00+01:00",
    author: "Rhys Pritchard",
    tags: ["energy", "community networks"],
    wordCount: 812,
    isGenerated: false,
    source: null,
    images: [{ url: "https://test.example/images/a.jpg", width: 800, height: 450, alt: "A", type: "image/jpeg" }],
    corrections: [],
    ...over,
  };
}

/** The JSON-LD as a reader gets it back. */
const parse = (text: string) => JSON.parse(text) as { "@context": string; "@graph": Record<string, unknown>[] };

describe("newsArticle", () => {
  it("carries headline, description, both instants, author, publisher with its logo, image, page, keywords, language and word count", () => {
    expect(newsArticle(SITE, facts())).toEqual({
      "@type": "NewsArticle",
      headline: "Headline",
      description: "What happened.",
      datePublished: "2026-11-20T09:30:00+01:00",
      dateModified: "2026-11-21T10:00:00+01:00",
      author: { "@type": "Person", name: "Rhys Pritchard" },
      publisher: {
        "@type": "NewsMediaOrganization",
        "@id": "https://test.example/#publisher",
        name: "Test Times",
        url: "https://test.example/",
        logo: { "@type": "ImageObject", url: "https://test.example/assets/logo.png", width: 144, height: 144 },
      },
      image: [{ "@type": "ImageObject", url: "https://test.example/images/a.jpg", width: 800, height: 450 }],
      mainEntityOfPage: { "@type": "WebPage", "@id": "https://test.example/articles/a/" },
      keywords: ["energy", "community networks"],
      inLanguage: "en-GB",
      wordCount: 812,
    });
  });

  it.each([
    ["no author", { author: null }, "author"],
    ["no tags", { tags: [] }, "keywords"],
    ["no source", { source: null }, "isBasedOn"],
    ["not generated", { isGenerated: false }, "digitalSourceType"],
    ["no corrections", { corrections: [] }, "correction"],
  ] as const)("leaves out what it does not know: %s → no %s", (_name, over, key) => {
    expect(newsArticle(SITE, facts(over))).not.toHaveProperty(key);
  });

  it("names a generated article's digital source type by IPTC's URI and what it is based on", () => {
    const article = newsArticle(
      SITE,
      facts({ isGenerated: true, source: { name: "OpenWire", url: "https://openwire.example/story" } }),
    );
    expect(GENERATED).toBe("https://schema.org/TrainedAlgorithmicMediaDigitalSource");
    expect(article).toMatchObject({
      digitalSourceType: GENERATED,
      isBasedOn: {
        "@type": "CreativeWork",
        url: "https://openwire.example/story",
        publisher: { "@type": "Organization", name: "OpenWire" },
      },
    });
  });

  it("points a syndicated copy's main entity at the original", () => {
    expect(newsArticle(SITE, facts({ canonical: "https://origin.example/story" })).mainEntityOfPage).toEqual({
      "@type": "WebPage",
      "@id": "https://origin.example/story",
    });
  });

  it("lists one CorrectionComment per correction, with its text and date", () => {
    const corrections = [
      { text: "An earlier version misnamed the valley.", date: "2026-11-21T10:00:00+01:00" },
      { text: "The figure is 312, not 321.", date: "2026-11-22T08:00:00+01:00" },
    ];
    expect(newsArticle(SITE, facts({ corrections })).correction).toEqual([
      { "@type": "CorrectionComment", text: corrections[0]!.text, datePublished: corrections[0]!.date },
      { "@type": "CorrectionComment", text: corrections[1]!.text, datePublished: corrections[1]!.date },
    ]);
  });

  it("gives an image of unknown size without width and height, and a site without logo a publisher without one", () => {
    const article = newsArticle(
      { ...SITE, logo: null },
      facts({ images: [{ url: "https://cdn.example/x.jpg", width: null, height: null, alt: "X", type: null }] }),
    );
    expect(article.image).toEqual([{ "@type": "ImageObject", url: "https://cdn.example/x.jpg" }]);
    expect(article.publisher).not.toHaveProperty("logo");
  });
});

describe("breadcrumbList", () => {
  it.each([[["Test Times", "energy", "Headline"]], [["Test Times", "Headline"]]])(
    "numbers the crumbs %j from 1 with their absolute URLs",
    (names) => {
      const crumbs = names.map((name, i) => ({ name, url: `https://test.example/${i}/` }));
      expect(breadcrumbList(crumbs)).toEqual({
        "@type": "BreadcrumbList",
        itemListElement: names.map((name, i) => ({
          "@type": "ListItem",
          position: i + 1,
          name,
          item: `https://test.example/${i}/`,
        })),
      });
    },
  );
});

describe("pages that are not articles", () => {
  const page = { name: "Topics", url: "https://test.example/tags/", description: "Every topic." };

  it.each([
    ["collectionPage", collectionPage, "CollectionPage"],
    ["webPage", webPage, "WebPage"],
  ] as const)("%s names the page, its language and the site it is part of", (_name, make, type) => {
    expect(make(SITE, page)).toEqual({
      "@type": type,
      name: "Topics",
      url: "https://test.example/tags/",
      description: "Every topic.",
      inLanguage: "en-GB",
      isPartOf: { "@type": "WebSite", "@id": "https://test.example/#website", name: "Test Times", url: SITE.url },
    });
  });

  it("webSite names the site, its language and the organization that publishes it", () => {
    expect(webSite(SITE)).toMatchObject({
      "@type": "WebSite",
      name: "Test Times",
      url: "https://test.example/",
      inLanguage: "en-GB",
      publisher: { "@type": "NewsMediaOrganization", name: "Test Times" },
    });
  });

  it("webSite says how to search the site: the search page with the query in q", () => {
    expect(webSite(SITE).potentialAction).toEqual({
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: "https://test.example/search/?q={search_term_string}" },
      "query-input": "required name=search_term_string",
    });
  });

  it("webSite has no search action when the site has no search", () => {
    expect(webSite({ ...SITE, searchUrl: null })).not.toHaveProperty("potentialAction");
  });
});

describe("jsonLdScript", () => {
  const hostile = [
    ["a closing script tag", "</script><script>alert(1)</script>"],
    ["a comment opener", "<!-- <script>"],
    ["an upper-case closing tag", "</SCRIPT >"],
    ["entities", "&lt;b&gt; &amp; &#x3C;"],
    ["line and paragraph separators", "a\u2028b\u2029c"],
    ["quotes and backslashes", `"\\'\`}]}`],
    ["a CDATA end", "]]><x>"],
  ];

  it.each(hostile)("keeps %s as text that JSON parsers read back exactly", (_name, text) => {
    const script = jsonLdScript([newsArticle(SITE, facts({ headline: text!, tags: [text!], author: text! }))]);
    expect(script).not.toMatch(/[<>&\u2028\u2029]/);
    const parsed = parse(script);
    expect(parsed["@context"]).toBe("https://schema.org");
    expect(parsed["@graph"][0]).toMatchObject({ headline: text, keywords: [text], author: { name: text } });
  });

  it("writes the escapes as \\u sequences", () => {
    expect(jsonLdScript([breadcrumbList([{ name: "</script>&\u2028", url: "https://x.example/" }])])).toContain(
      "\\u003c/script\\u003e\\u0026\\u2028",
    );
  });
});
