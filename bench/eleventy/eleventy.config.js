// The Eleventy 3 + Handlebars site that bench/run.mjs builds beside Broadsheet's, from the same
// articles: article pages (with five recommended articles), the paginated home page, the tag index,
// paginated tag pages, and RSS feeds (the site's and one per tag, full content). Layouts and partials
// are Handlebars (site/_includes); tags are Eleventy collections (front-matter `tags`); pagination is
// Eleventy's. It is what an Eleventy user would write for the same news site: no search index, no
// pictures, no JSON-LD, no author pages, no JSON feed, no sitemap (docs/performance.md lists these).
//
//   npx @11ty/eleventy --config=bench/eleventy/eleventy.config.js --input=SRC --output=DIST
//
// SRC holds site/* (copied by bench/run.mjs) and articles/*.md.
import handlebarsPlugin from "@11ty/eleventy-plugin-handlebars";
import handlebars from "handlebars";

const PER_PAGE = 10; // Broadsheet's default perPage
const FEED_LENGTH = 20; // Broadsheet's default feedLength
const RELATED = 5;
const BASE = "http://localhost:8080";

/** Broadsheet's slug rule: ASCII lowercase words joined by hyphens. */
const slugOf = (text) =>
  String(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
const dayOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const xmlEscape = (s) =>
  String(s).replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);

/** The page links of list page `current` (1-based) of `total`: first, last, two either side, gaps. */
function pager(first, base, current, total) {
  const url = (n) => (n === 1 ? first : `${base}${n}/`);
  const pages = [];
  let gap = false;
  for (let n = 1; n <= total; n++) {
    if (n === 1 || n === total || Math.abs(n - current) <= 2) {
      pages.push({ number: n, url: url(n), isCurrent: n === current, isGap: false });
      gap = false;
    } else if (!gap) {
      pages.push({ isGap: true });
      gap = true;
    }
  }
  return {
    current,
    total,
    prev: current > 1 ? url(current - 1) : null,
    next: current < total ? url(current + 1) : null,
    pages,
  };
}

// Built once per build by the "articles" collection, read by the helpers while pages render.
const state = { cards: new Map(), related: new Map() };

/** Related articles: shared tags weighted by rarity, times recency; common tags give their nearest 300. */
function relate(items, tagIndex) {
  const DAY = 86_400_000;
  const position = new Map(items.map((item, i) => [item, i]));
  for (const item of items) {
    const scores = new Map();
    const t = item.date.getTime();
    for (const tag of item.data.tags ?? []) {
      const list = tagIndex.get(tag);
      const weight = Math.log(1 + items.length / list.length);
      let others = list;
      if (list.length > 300) {
        const at = list.indexOf(item);
        others = list.slice(Math.max(0, at - 150), at + 150);
      }
      for (const other of others) {
        if (other === item) continue;
        const recency = 1 / (1 + Math.abs(t - other.date.getTime()) / (30 * DAY));
        scores.set(other, (scores.get(other) ?? 0) + weight * recency);
      }
    }
    const best = [...scores]
      .sort((a, b) => b[1] - a[1] || position.get(a[0]) - position.get(b[0]))
      .slice(0, RELATED)
      .map(([other]) => state.cards.get(other.inputPath));
    state.related.set(item.inputPath, best);
  }
}

function cardOf(item) {
  const d = item.data;
  const authors = d.author ? [{ name: d.author, url: `/authors/${slugOf(d.author)}/` }] : [];
  return {
    url: item.url,
    title: d.title,
    date: item.date.toISOString(),
    isDateOnly: typeof d.date === "string" ? d.date.length === 10 : false,
    teaser: d.summary ?? "",
    isGenerated: d.generated === true,
    authors,
    tags: (d.tags ?? []).map((name) => ({ name, url: `/tags/${slugOf(name)}/` })),
  };
}

export default function (eleventyConfig) {
  eleventyConfig.setQuietMode(true);
  eleventyConfig.addGlobalData("site", {
    title: "Broadsheet",
    description: "",
    baseUrl: `${BASE}/`,
    language: "en",
    homeUrl: "/",
    feedUrl: `${BASE}/feed.xml`,
    year: 2026,
    copyright: "Broadsheet",
  });
  eleventyConfig.addCollection("articles", (api) => {
    const items = api
      .getFilteredByGlob("**/articles/*.md")
      .sort((a, b) => b.date - a.date || (a.fileSlug < b.fileSlug ? -1 : 1));
    state.cards = new Map(items.map((item) => [item.inputPath, cardOf(item)]));
    const tagIndex = new Map();
    for (const item of items)
      for (const tag of item.data.tags ?? []) {
        if (!tagIndex.has(tag)) tagIndex.set(tag, []);
        tagIndex.get(tag).push(item);
      }
    relate(items, tagIndex);
    return items;
  });
  // One entry per tag page: the tag's cards, PER_PAGE at a time, newest first.
  eleventyConfig.addCollection("tagPages", (api) => {
    const byTag = new Map();
    for (const item of api.getFilteredByGlob("**/articles/*.md"))
      for (const tag of item.data.tags ?? []) {
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push(item);
      }
    const pages = [];
    for (const [tag, items] of [...byTag].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      items.sort((a, b) => b.date - a.date || (a.fileSlug < b.fileSlug ? -1 : 1));
      const slug = slugOf(tag);
      const total = Math.ceil(items.length / PER_PAGE);
      for (let n = 1; n <= total; n++)
        pages.push({
          tag,
          slug,
          count: items.length,
          url: n === 1 ? `/tags/${slug}/` : `/tags/${slug}/page/${n}/`,
          feedUrl: `/tags/${slug}/feed.xml`,
          items: items.slice((n - 1) * PER_PAGE, n * PER_PAGE),
          pagination: pager(`/tags/${slug}/`, `/tags/${slug}/page/`, n, total),
          isFirst: n === 1,
        });
    }
    return pages;
  });
  // One feed per tag: its newest FEED_LENGTH articles.
  eleventyConfig.addCollection("tagFeeds", (api) => {
    const byTag = new Map();
    for (const item of api.getFilteredByGlob("**/articles/*.md"))
      for (const tag of item.data.tags ?? []) {
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push(item);
      }
    return [...byTag]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([tag, items]) => ({
        tag,
        url: `/tags/${slugOf(tag)}/feed.xml`,
        count: items.length,
        items: items.sort((a, b) => b.date - a.date || (a.fileSlug < b.fileSlug ? -1 : 1)).slice(0, FEED_LENGTH),
      }));
  });

  // Helpers (registered as Handlebars helpers by the plugin, so before it).
  eleventyConfig.addFilter("formatDate", (date) => longDate.format(new Date(date)));
  eleventyConfig.addFilter("formatDay", (date) => dayOnly.format(new Date(date)));
  eleventyConfig.addFilter("iso", (date) => new Date(date).toISOString());
  eleventyConfig.addFilter("rfc822", (date) => new Date(date).toUTCString());
  eleventyConfig.addFilter("card", (item) => state.cards.get(item.inputPath));
  eleventyConfig.addFilter("cards", (items) => items.map((item) => state.cards.get(item.inputPath)));
  eleventyConfig.addFilter("related", (inputPath) => state.related.get(inputPath) ?? []);
  eleventyConfig.addFilter("tagUrl", (name) => `/tags/${slugOf(name)}/`);
  eleventyConfig.addFilter("tagLinks", (tags) => (tags ?? []).map((name) => ({ name, url: `/tags/${slugOf(name)}/` })));
  eleventyConfig.addFilter("authorLinks", (author) =>
    author ? [{ name: author, url: `/authors/${slugOf(author)}/` }] : [],
  );
  eleventyConfig.addFilter("readingTime", (html) => {
    const words = String(html)
      .replace(/<[^>]*>/g, " ")
      .split(/\s+/).length;
    return `${Math.max(1, Math.round(words / 230))} min read`;
  });
  eleventyConfig.addFilter("plural", (n, one, many) => `${n} ${n === 1 ? one : many}`);
  eleventyConfig.addFilter("homePager", (pageNumber, total) => pager("/", "/page/", pageNumber + 1, total));
  eleventyConfig.addFilter("homePermalink", (pageNumber) => (pageNumber === 0 ? "/" : `/page/${pageNumber + 1}/`));
  eleventyConfig.addFilter("xml", (s) => xmlEscape(s ?? ""));
  eleventyConfig.addFilter("absolute", (url) => `${BASE}${url}`);
  // The article's HTML for a feed: relative links made absolute, escaped for XML.
  eleventyConfig.addFilter("feedContent", (item) =>
    xmlEscape(item.templateContent.replace(/(href|src)="\//g, `$1="${BASE}/`)),
  );
  eleventyConfig.addFilter("feedItems", (items) => items.slice(0, FEED_LENGTH));

  eleventyConfig.addPlugin(handlebarsPlugin, { eleventyLibraryOverride: handlebars });

  return {
    markdownTemplateEngine: false,
    htmlTemplateEngine: "hbs",
    dir: { includes: "_includes", layouts: "_includes/layouts" },
  };
}
