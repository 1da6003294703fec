/** What planned pages tell machines: canonical, description, previews and JSON-LD per kind of page. */
import { describe, expect, it } from "vitest";
import { buildSiteGraph } from "../../../src/graph/build-graph.js";
import { planPages } from "../../../src/pages/plan-pages.js";
import type { PageMeta } from "../../../src/pages/contexts.js";
import type { SiteMedia, SocialImage } from "../../../src/pages/social.js";
import { GENERATED } from "../../../src/pages/structured-data.js";
import type { RenderedArticle, SiteSettings } from "../../../src/model.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";

const CARD: SocialImage = {
  url: "https://test.example/assets/card.png",
  width: 1200,
  height: 630,
  alt: "Test Times",
  type: "image/png",
};
const LOGO: SocialImage = { ...CARD, url: "https://test.example/assets/logo.png", width: 144, height: 144 };
const LEAD: SocialImage = {
  url: "https://test.example/images/lead.jpg",
  width: 800,
  height: 450,
  alt: "A valley",
  type: "image/jpeg",
};
const LONG_EXCERPT = `${"A first paragraph that goes on and on about the valley and its radios. ".repeat(5)}The end.`;

function plan(articles: RenderedArticle[], site: Partial<SiteSettings> = {}, media?: SiteMedia) {
  const config = makeConfig({}, { perPage: 2, ...site });
  const graph = buildSiteGraph(articles, [], config);
  const specs = planPages(graph, config, media ?? { card: CARD, logo: LOGO, leadImages: new Map() });
  const page = (url: string) => {
    const spec = specs.find((s) => s.url === url) ?? expect.unreachable(`no page ${url}`);
    return spec.context as { page: PageMeta; site: { logo: { repeatsTitle: boolean } } };
  };
  const jsonLd = (url: string) => JSON.parse(page(url).page.jsonLd!)["@graph"] as Record<string, unknown>[];
  return { page, jsonLd };
}

const articles = () => [
  makeArticle({
    slug: "mesh",
    daysAgo: 1,
    tags: ["Energy", "Radio"],
    author: "Rhys Pritchard",
    image: { src: "/images/lead.jpg", alt: "A valley" },
    updates: [
      { date: Date.UTC(2026, 10, 26, 8), text: "The figure is 312.", kind: "correction" },
      { date: Date.UTC(2026, 10, 26, 9), text: "Added a quote.", kind: "update" },
    ],
  }),
  makeArticle({
    slug: "generated",
    daysAgo: 2,
    summary: null,
    content: { key: "k", excerpt: LONG_EXCERPT, headings: [], wordCount: 90, findings: [] },
    isGenerated: true,
    source: { name: "OpenWire", url: "https://openwire.example/a", feed: null },
    image: { src: "https://cdn.example/photo.jpg", alt: "Elsewhere" },
  }),
  makeArticle({ slug: "copy", daysAgo: 3, canonical: "https://origin.example/story" }),
];

describe("planned pages for machines", () => {
  it("gives the 404 page no canonical, no previews and no JSON-LD, and keeps it out of search", () => {
    const { page } = plan(articles());
    expect(page("/404.html").page).toMatchObject({ isNoindex: true, canonical: null, social: null, jsonLd: null });
  });

  it("describes an article by its summary, else by its first paragraph cut at a word under 160 characters", () => {
    const { page } = plan(articles());
    expect(page("/articles/mesh/").page.description).toBe("Summary of mesh.");
    const cut = page("/articles/generated/").page.description;
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut).toMatch(/radios\.…$|[a-z]…$/);
    expect(LONG_EXCERPT.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it("previews an article with its own measured picture, else the card; titles carry no site name", () => {
    const media = { card: CARD, logo: LOGO, leadImages: new Map([["mesh", LEAD]]) };
    const { page } = plan(articles(), {}, media);
    expect(page("/articles/mesh/").page.social).toMatchObject({
      type: "article",
      title: "Title of mesh",
      url: "https://test.example/articles/mesh/",
      image: LEAD,
      locale: "en_GB",
      article: { author: "Rhys Pritchard", section: "Energy", tags: ["Energy", "Radio"] },
    });
    expect(page("/articles/generated/").page.social!.image).toEqual(CARD);
    expect(page("/").page.social).toMatchObject({ type: "website", title: "Test Times", image: CARD });
  });

  it("writes a NewsArticle whose instants are the page's and a breadcrumb through the first tag", () => {
    const media = { card: CARD, logo: LOGO, leadImages: new Map([["mesh", LEAD]]) };
    const { page, jsonLd } = plan(articles(), {}, media);
    const context = page("/articles/mesh/") as unknown as { article: { date: string; modified: string } };
    const [article, crumbs] = jsonLd("/articles/mesh/");
    expect(article).toMatchObject({
      "@type": "NewsArticle",
      headline: "Title of mesh",
      datePublished: context.article.date,
      dateModified: context.article.modified,
      image: [{ "@type": "ImageObject", url: LEAD.url, width: 800, height: 450 }],
      publisher: { logo: { url: LOGO.url, width: 144, height: 144 } },
      correction: [
        { "@type": "CorrectionComment", text: "The figure is 312.", datePublished: "2026-11-26T09:00:00+01:00" },
      ],
    });
    expect(context.article.modified).toBe("2026-11-26T10:00:00+01:00");
    expect((crumbs as { itemListElement: { name: string; item: string }[] }).itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Test Times", item: "https://test.example/" },
      { "@type": "ListItem", position: 2, name: "Energy", item: "https://test.example/tags/energy/" },
      { "@type": "ListItem", position: 3, name: "Title of mesh", item: "https://test.example/articles/mesh/" },
    ]);
  });

  it("gives search engines a remote raster lead picture, the generated marker and the source", () => {
    const { jsonLd } = plan(articles());
    const [article, crumbs] = jsonLd("/articles/generated/");
    expect(article).toMatchObject({
      image: [{ "@type": "ImageObject", url: "https://cdn.example/photo.jpg" }],
      digitalSourceType: GENERATED,
      isBasedOn: { url: "https://openwire.example/a", publisher: { name: "OpenWire" } },
    });
    expect((crumbs as { itemListElement: unknown[] }).itemListElement).toHaveLength(2);
  });

  it("points a syndicated copy's canonical, og:url and main entity at the original", () => {
    const { page, jsonLd } = plan(articles());
    expect(page("/articles/copy/").page.canonical).toBe("https://origin.example/story");
    expect(page("/articles/copy/").page.social!.url).toBe("https://origin.example/story");
    expect(jsonLd("/articles/copy/")[0]!.mainEntityOfPage).toEqual({
      "@type": "WebPage",
      "@id": "https://origin.example/story",
    });
  });

  it.each([
    ["/", "WebSite"],
    ["/page/2/", "CollectionPage"],
    ["/tags/", "CollectionPage"],
    ["/tags/energy/", "CollectionPage"],
    ["/recommended/", "CollectionPage"],
  ])("describes %s as a %s", (url, type) => {
    const { jsonLd } = plan(articles());
    expect(jsonLd(url)).toEqual([expect.objectContaining({ "@type": type, url: `https://test.example${url}` })]);
  });

  it.each([
    ["an alt that repeats the title", { src: "/l.svg", alt: " test  TIMES " }, true],
    ["an alt that says more", { src: "/l.svg", alt: "Test Times: a red T on black" }, false],
  ])("tells the header whether the logo has %s", (_name, logo, repeats) => {
    expect(plan(articles(), { logo }).page("/").site.logo.repeatsTitle).toBe(repeats);
  });
});
