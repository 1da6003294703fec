import { describe, expect, it } from "vitest";
import { buildSiteGraph } from "../../../src/graph/build-graph.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";

describe("buildSiteGraph", () => {
  it("keeps published articles newest first, ties by slug, and leaves out drafts and future articles", () => {
    const graph = buildSiteGraph(
      [
        makeArticle({ slug: "b", daysAgo: 1 }),
        makeArticle({ slug: "a", daysAgo: 1 }),
        makeArticle({ slug: "new", daysAgo: 0 }),
        makeArticle({ slug: "draft", isDraft: true }),
        makeArticle({ slug: "future", daysAgo: -1 }),
      ],
      [],
      makeConfig(),
    );
    expect(graph.articles.map((a) => a.slug)).toEqual(["new", "a", "b"]);
  });

  it("shows drafts with --drafts but never recommends them or lists them as picks", () => {
    const graph = buildSiteGraph(
      [
        makeArticle({ slug: "draft", isDraft: true, isFeatured: true, tags: ["x"] }),
        makeArticle({ slug: "pub", tags: ["x"] }),
        makeArticle({ slug: "pub2", tags: ["x"], daysAgo: 2 }),
      ],
      [],
      makeConfig({ includeDrafts: true }),
    );
    expect(graph.bySlug.has("draft")).toBe(true);
    expect(graph.related.get("pub")).not.toContain("draft");
    expect(graph.picks).toEqual([]);
    expect(graph.connected).not.toContain("draft");
  });

  it("indexes tags case-insensitively, a tie of spellings going to the newest article's, with distinct segments", () => {
    const graph = buildSiteGraph(
      [
        makeArticle({ slug: "old", daysAgo: 5, tags: ["open source"] }),
        makeArticle({ slug: "new", daysAgo: 1, tags: ["Open Source", "café"] }),
        makeArticle({ slug: "c", daysAgo: 2, tags: ["cafe"] }),
      ],
      [],
      makeConfig(),
    );
    expect(graph.tags.map((t) => [t.key, t.name, t.segment, t.slugs])).toEqual([
      ["cafe", "cafe", "cafe", ["c"]],
      ["café", "café", "café", ["new"]],
      ["open source", "Open Source", "open-source", ["new", "old"]],
    ]);
  });

  it("names a tag by the spelling most articles use, whatever the newest one wrote", () => {
    const graph = buildSiteGraph(
      [
        makeArticle({ slug: "newest", daysAgo: 1, tags: ["Open Protocols"] }),
        makeArticle({ slug: "mid", daysAgo: 2, tags: ["open protocols"] }),
        makeArticle({ slug: "old", daysAgo: 3, tags: ["open protocols"] }),
      ],
      [],
      makeConfig(),
    );
    expect(graph.tags.map((t) => [t.key, t.name])).toEqual([["open protocols", "open protocols"]]);
  });

  it("lists featured articles as picks and ranks recent articles by how often they are recommended", () => {
    const tagged = ["a", "b", "c", "d"].flatMap((t, i) => [
      makeArticle({ slug: `${t}1`, tags: [t], daysAgo: 10 + i * 20 }),
      makeArticle({ slug: `${t}2`, tags: [t], daysAgo: 20 + i * 20 }),
    ]);
    const graph = buildSiteGraph(
      [
        makeArticle({ slug: "hub", tags: ["a", "b", "c", "d"], daysAgo: 50 }),
        makeArticle({ slug: "pick", tags: ["z"], isFeatured: true, daysAgo: 0 }),
        ...tagged,
      ],
      [],
      makeConfig(),
    );
    expect(graph.picks).toEqual(["pick"]);
    expect(graph.connected[0]).toBe("hub");
    expect(graph.connected).not.toContain("pick");
  });
});
