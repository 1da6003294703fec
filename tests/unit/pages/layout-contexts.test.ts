/** What the planned list and article pages hand the templates for the layout (docs/layout.md). */
import { describe, expect, it } from "vitest";
import { buildSiteGraph } from "../../../src/graph/build-graph.js";
import { planPages } from "../../../src/pages/plan-pages.js";
import type { CardContext } from "../../../src/pages/contexts.js";
import type { RenderedArticle } from "../../../src/model.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";

type Front = { lead: CardContext; rail: CardContext[]; rest: CardContext[] } | null;

function plan(articles: RenderedArticle[]) {
  const config = makeConfig({}, { perPage: 6 });
  const specs = planPages(buildSiteGraph(articles, [], config), config);
  return (url: string) =>
    (specs.find((s) => s.url === url) ?? expect.unreachable(`no page ${url}`)).context as {
      articles: CardContext[];
      front: Front;
      related: CardContext[];
      page: { heading: string; title: string };
    };
}

const slugs = (cards: readonly CardContext[]) => cards.map((c) => c.slug);

describe("layout contexts", () => {
  const articles = Array.from({ length: 8 }, (_, i) =>
    makeArticle({ slug: `s${i}`, daysAgo: i + 1, tags: ["open protocols", "energy"], isFeatured: i === 3 }),
  );
  const page = plan(articles);

  it("lays out home page 1 as lead (the featured story), rail and rest, with every card in `articles`", () => {
    const home = page("/");
    expect(home.front!.lead.slug).toBe("s3");
    expect(slugs(home.front!.rail)).toEqual(["s0", "s1"]);
    expect(slugs(home.front!.rest)).toEqual(["s2", "s4", "s5"]);
    expect(slugs(home.articles)).toEqual(["s0", "s1", "s2", "s3", "s4", "s5"]);
    expect(page("/page/2/").front).toBeNull();
  });

  it("heads a tag page with the capitalised tag and leaves the tag off its cards", () => {
    const tag = page("/tags/open-protocols/");
    expect(tag.page.heading).toBe("Open protocols");
    expect(tag.page.title).toMatch(/^Open protocols — /);
    expect(tag.front).toBeNull();
    for (const card of tag.articles) expect(card.tags.map((t) => t.name)).toEqual(["energy"]);
    // The same article elsewhere keeps all its tags.
    expect(page("/").articles[0]!.tags.map((t) => t.name)).toEqual(["open protocols", "energy"]);
  });

  it("shows at most four recommendations under an article", () => {
    expect(page("/articles/s0/").related).toHaveLength(4);
  });

  it("gives a card without a summary the first paragraph as its teaser", () => {
    const cards = plan([makeArticle({ slug: "bare", summary: null }), makeArticle({ slug: "summed", daysAgo: 2 })])(
      "/",
    ).articles;
    expect(cards.map((c) => [c.slug, c.summary, c.teaser])).toEqual([
      ["bare", null, "Body."],
      ["summed", "Summary of summed.", "Summary of summed."],
    ]);
  });
});
