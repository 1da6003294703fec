/**
 * Related articles, remembered between builds: ranking 10,000 articles takes about half a second,
 * and most edits (a body, a typo in a title) do not change what it depends on (slugs, dates, tags).
 */
import type { Article, ResolvedConfig } from "../model.js";
import type { DiskCache } from "../cache/disk-cache.js";
import { fastHash } from "../cache/hash.js";
import { generatorId } from "../cache/generator-id.js";
import { isPublished, relateArticles } from "./build-graph.js";
import { tagKey } from "../content/validate-article.js";

const NAMESPACE = "related";
// One entry, overwritten: the cache never grows with edits.
const KEY = "latest";

/** relateArticles, read from the cache when its inputs are those of the last build. */
export function relateArticlesCached(
  all: readonly Article[],
  config: ResolvedConfig,
  cache: DiskCache,
): Map<string, string[]> {
  const inputs = all
    .filter((a) => isPublished(a, config))
    .map((a) => `${a.slug}\t${a.date}\t${a.isDraft ? 1 : 0}\t${a.tags.map(tagKey).join("\t")}`);
  const inputKey = fastHash(generatorId(), ...inputs.sort());
  const known = cache.readJson<{ inputKey: string; related: [string, string[]][] }>(NAMESPACE, KEY);
  if (known?.inputKey === inputKey && Array.isArray(known.related)) return new Map(known.related);
  const related = relateArticles(all, config);
  cache.writeJson(NAMESPACE, KEY, { inputKey, related: [...related] });
  return related;
}
