import { describe, expect, it } from "vitest";
import { planFeeds } from "../../../src/feeds/plan-feeds.js";
import { buildSiteGraph } from "../../../src/graph/build-graph.js";
import type { OutputFile, RenderedArticle, ResolvedConfig } from "../../../src/model.js";
import type { SiteOutput } from "../../../src/output/writer.js";
import { makeArticle, makeConfig, makeProducers } from "../../helpers/factories.js";

const NOW = Date.UTC(2026, 10, 26, 12);
const HOUR = 3_600_000;

function plan(articles: RenderedArticle[], config: ResolvedConfig = makeConfig(), files: OutputFile[] = []) {
  const graph = buildSiteGraph(articles, [], config);
  return planFeeds(graph, [], config, "code-id", files);
}
const byPath = (outputs: SiteOutput[]) => new Map(outputs.map((o) => [o.path, o]));
const fingerprints = (outputs: SiteOutput[]) => new Map(outputs.map((o) => [o.path, o.fingerprint]));

const BASE = [
  makeArticle({ slug: "a", date: NOW - 2 * HOUR, tags: ["energy"], image: { src: "/images/a.png", alt: "A" } }),
  makeArticle({ slug: "b", date: NOW - 72 * HOUR, tags: ["energy", "grid"] }),
];

describe("planFeeds", () => {
  it("plans RSS and JSON Feed for the site and each tag, the sitemaps and robots.txt; drafts reach no feed", async () => {
    const config = makeConfig({ includeDrafts: true });
    const outputs = plan([...BASE, makeArticle({ slug: "d", isDraft: true, tags: ["drafts-only", "energy"] })], config);
    expect(outputs.map((o) => o.path).sort()).toEqual(
      [
        "feed.json",
        "feed.xml",
        "news-sitemap.xml",
        "robots.txt",
        "sitemap.xml",
        "tags/energy/feed.json",
        "tags/energy/feed.xml",
        "tags/grid/feed.json",
        "tags/grid/feed.xml",
      ].sort(),
    );
    for (const path of ["feed.xml", "feed.json", "tags/energy/feed.json"])
      expect(String(await byPath(outputs).get(path)!.produce(makeProducers())), path).not.toContain("articles/d/");
  });

  it("gives the lead image its size when the file is part of the site", async () => {
    const rss = async (files: OutputFile[]) =>
      String(
        await byPath(plan(BASE, makeConfig(), files))
          .get("feed.xml")!
          .produce(makeProducers()),
      );
    expect(await rss([{ path: "images/a.png", contents: new Uint8Array(1234) }])).toContain('fileSize="1234"');
    expect(await rss([{ path: "images/a.png", contents: "ü" }])).toContain('fileSize="2"');
    expect(await rss([])).not.toContain("fileSize");
  });

  it("keeps every fingerprint for the same input, and a later clock in the same year", () => {
    const first = fingerprints(plan(BASE));
    expect(fingerprints(plan(BASE))).toEqual(first);
    const later = fingerprints(plan(BASE, makeConfig({ now: NOW + 10 * 60_000 })));
    for (const path of ["feed.xml", "feed.json", "tags/energy/feed.xml", "news-sitemap.xml"])
      expect(later.get(path), path).toBe(first.get(path));
  });

  it.each([
    {
      name: "an update is added",
      articles: () => [
        { ...BASE[0]!, updates: [{ date: NOW - HOUR, text: "New", kind: "update" as const }], modified: NOW - HOUR },
        BASE[1]!,
      ],
    },
    { name: "an article becomes generated", articles: () => [{ ...BASE[0]!, isGenerated: true }, BASE[1]!] },
    {
      name: "the lead image changes",
      articles: () => [
        { ...BASE[0]!, image: { src: "/images/b.png", alt: "A", caption: null, credit: null } },
        BASE[1]!,
      ],
    },
    {
      name: "the source's feed is given",
      articles: () => [
        { ...BASE[0]!, source: { name: "S", url: "https://s.example/a", feed: "https://s.example/f" } },
        BASE[1]!,
      ],
    },
  ])("gives both formats of a feed a new fingerprint when $name", ({ articles }) => {
    const before = fingerprints(plan(BASE));
    const after = fingerprints(plan(articles()));
    for (const path of ["feed.xml", "feed.json", "tags/energy/feed.xml", "tags/energy/feed.json"])
      expect(after.get(path), path).not.toBe(before.get(path));
    expect(after.get("tags/grid/feed.xml")).toBe(before.get("tags/grid/feed.xml"));
  });

  it("gives feeds a new fingerprint when the lead image's file size changes, or the year turns", () => {
    const before = fingerprints(plan(BASE, makeConfig(), [{ path: "images/a.png", contents: new Uint8Array(1) }]));
    const resized = fingerprints(plan(BASE, makeConfig(), [{ path: "images/a.png", contents: new Uint8Array(2) }]));
    expect(resized.get("feed.xml")).not.toBe(before.get("feed.xml"));
    const newYear = fingerprints(plan(BASE, makeConfig({ now: Date.UTC(2027, 0, 1, 12) })));
    expect(newYear.get("feed.json")).not.toBe(fingerprints(plan(BASE)).get("feed.json"));
  });

  it("gives the news sitemap a new fingerprint only when an article enters or leaves the 48 hours", () => {
    const at = (now: number) => fingerprints(plan(BASE, makeConfig({ now }))).get("news-sitemap.xml");
    expect(at(NOW + HOUR)).toBe(at(NOW));
    expect(at(NOW + 47 * HOUR)).not.toBe(at(NOW));
  });
});
