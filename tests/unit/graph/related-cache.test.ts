import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DiskCache } from "../../../src/cache/disk-cache.js";
import { relateArticles } from "../../../src/graph/build-graph.js";
import { relateArticlesCached } from "../../../src/graph/related-cache.js";
import { makeArticle, makeConfig } from "../../helpers/factories.js";

const articles = [
  makeArticle({ slug: "a", date: Date.parse("2026-11-01"), tags: ["energy", "grid"] }),
  makeArticle({ slug: "b", date: Date.parse("2026-11-02"), tags: ["energy"] }),
  makeArticle({ slug: "c", date: Date.parse("2026-11-03"), tags: ["grid", "water"] }),
];

describe("relateArticlesCached", () => {
  it("gives what relateArticles gives, from the cache while slugs, dates and tags stay the same", async () => {
    const cache = new DiskCache(await mkdtemp(path.join(tmpdir(), "related-")));
    const config = makeConfig();
    const fresh = relateArticles(articles, config);
    expect([...relateArticlesCached(articles, config, cache)]).toEqual([...fresh]);
    // A cached answer is recognisable: tamper with the stored lists and see them come back.
    const stored = cache.readJson<{ inputKey: string; related: [string, string[]][] }>("related", "latest")!;
    cache.writeJson("related", "latest", { ...stored, related: stored.related.map(([s]) => [s, ["marker"]]) });
    const retitled = articles.map((a) => ({ ...a, title: `${a.title} (updated)` }));
    expect(relateArticlesCached(retitled, config, cache).get("a")).toEqual(["marker"]);
    // Changing a tag recomputes.
    const retagged = articles.map((a) => (a.slug === "b" ? { ...a, tags: ["water"] } : a));
    expect([...relateArticlesCached(retagged, config, cache)]).toEqual([...relateArticles(retagged, config)]);
    expect(relateArticlesCached(retagged, config, cache).get("a")).not.toEqual(["marker"]);
  });

  it("works without a cache", () => {
    const config = makeConfig();
    expect([...relateArticlesCached(articles, config, new DiskCache(null))]).toEqual([
      ...relateArticles(articles, config),
    ]);
  });
});
