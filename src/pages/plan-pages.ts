/** SiteGraph → the route table: every HTML page with its URL, output path, layout and context. */
import type { BodySlot, ContentFinding, PageSpec, RenderedArticle, ResolvedConfig, SiteGraph, Tag } from "../model.js";
import { paginate } from "../graph/paginate.js";
import { makeContextFactory } from "./contexts.js";
import { frontPage, RELATED_SHOWN, tagHeading } from "./front-page.js";
import { planAuthorPages } from "./plan-author-pages.js";
import { makeMachineMeta } from "./machine-meta.js";
import { clipDescription, unmeasuredMedia, type SiteMedia } from "./social.js";
import { searchPageContext } from "./search-page.js";
import {
  absoluteUrl,
  articlePath,
  homePath,
  outputPathFor,
  SEARCH_PATH,
  staticPagePath,
  tagFeedPath,
  tagPath,
} from "./urls.js";

/**
 * Plans every HTML page of the site, in a stable order. `media` are the site's measured pictures
 * (render/site-media.ts); without them (a check) pages point at the drawn card.
 */
export function planPages(graph: SiteGraph, config: ResolvedConfig, media?: SiteMedia): PageSpec[] {
  const measured = media ?? unmeasuredMedia(config.site);
  const factory = makeContextFactory(config, graph, measured);
  const { card, context, url, body, pageBody } = factory;
  const machine = makeMachineMeta(config, graph, measured);
  const site = config.site;
  const specs: PageSpec[] = [];
  const add = (sitePath: string, layout: string, ctx: Record<string, unknown>, slot: BodySlot | null = null) =>
    specs.push({ url: sitePath, outputPath: outputPathFor(sitePath), layout, context: ctx, body: slot });
  const pagination = (current: number, total: number, pathOf: (n: number) => string) => ({
    current,
    total,
    prev: current > 1 ? url(pathOf(current - 1)) : null,
    next: current < total ? url(pathOf(current + 1)) : null,
    pages: pageWindow(current, total).map((n) =>
      n === null
        ? { number: null, url: null, isCurrent: false, isGap: true }
        : { number: n, url: url(pathOf(n)), isCurrent: n === current, isGap: false },
    ),
  });
  const cards = (slugs: readonly string[], omitTag?: string) => slugs.map((s) => card(graph.bySlug.get(s)!, omitTag));
  const frontContext = (items: readonly RenderedArticle[]) => {
    const front = frontPage(items);
    return (
      front && { lead: card(front.lead), rail: front.rail.map((a) => card(a)), rest: front.rest.map((a) => card(a)) }
    );
  };

  for (const page of paginate(graph.articles, site.perPage)) {
    const sitePath = homePath(page.current);
    const title = page.current === 1 ? site.title : `Latest news, page ${page.current} — ${site.title}`;
    add(
      sitePath,
      "list",
      context(
        {
          title,
          heading: page.current === 1 ? "Latest news" : `Latest news, page ${page.current}`,
          description: site.description,
          kind: "home",
        },
        sitePath,
        {
          articles: page.items.map((a) => card(a)),
          // Page 1 is laid out as a front page: a lead, the stories beside it, the rest below.
          front: page.current === 1 ? frontContext(page.items) : null,
          pagination: pagination(page.current, page.total, homePath),
          tag: null,
        },
        page.current === 1
          ? machine.home()
          : machine.collection({
              name: title,
              url: absoluteUrl(sitePath, site.baseUrl),
              description: site.description,
            }),
      ),
    );
  }

  for (const article of graph.articles) {
    const sitePath = articlePath(article.slug);
    const articleCard = card(article);
    // The whole first paragraph is too long for a search result: cut it at a word.
    const description = article.summary ?? clipDescription(article.content.excerpt);
    const slot = body(article.content.key, sitePath, bodyImages(article.content.findings));
    add(
      sitePath,
      "article",
      context(
        {
          title: `${article.title} — ${site.title}`,
          heading: article.title,
          description,
          kind: "article",
          // A syndicated copy points search engines at the original.
          ...(article.canonical !== null && { canonical: article.canonical }),
        },
        sitePath,
        {
          article: {
            ...articleCard,
            // The body's slot: the executor fills in the HTML when it renders the page.
            html: slot,
          },
          related: cards((graph.related.get(article.slug) ?? []).slice(0, RELATED_SHOWN)),
        },
        machine.article(article, articleCard, description),
      ),
      slot,
    );
  }

  add(
    "/tags/",
    "tags",
    context(
      {
        title: `Topics — ${site.title}`,
        heading: "Topics",
        description: `Every topic covered by ${site.title}.`,
        kind: "tags",
      },
      "/tags/",
      {
        tags: [...graph.tags].sort(byName).map((t) => tagSummary(t)),
      },
      machine.collection({
        name: "Topics",
        url: absoluteUrl("/tags/", site.baseUrl),
        description: `Every topic covered by ${site.title}.`,
      }),
    ),
  );
  for (const tag of graph.tags) {
    for (const page of paginate(tag.slugs, site.perPage)) {
      const sitePath = tagPath(tag.segment, page.current);
      const suffix = page.current === 1 ? "" : `, page ${page.current}`;
      const description = `Articles about ${tag.name} from ${site.title}.`;
      const heading = tagHeading(tag.name, site.language);
      add(
        sitePath,
        "list",
        context(
          {
            title: `${heading}${suffix} — ${site.title}`,
            heading: `${heading}${suffix}`,
            description,
            kind: "tag",
            feed: {
              title: `${site.title}: ${tag.name}`,
              url: absoluteUrl(tagFeedPath(tag.segment), site.baseUrl),
              jsonUrl: absoluteUrl(tagFeedPath(tag.segment).replace(/\.xml$/, ".json"), site.baseUrl),
            },
          },
          sitePath,
          {
            articles: cards(page.items, tag.key),
            front: null,
            pagination: pagination(page.current, page.total, (n) => tagPath(tag.segment, n)),
            tag: tagSummary(tag),
          },
          machine.collection({ name: `${heading}${suffix}`, url: absoluteUrl(sitePath, site.baseUrl), description }),
        ),
      );
    }
  }

  planAuthorPages(graph, config, { factory, machine, pagination, add });

  add(
    "/recommended/",
    "recommended",
    context(
      {
        title: `Recommended — ${site.title}`,
        heading: "Recommended",
        description: `Editor's picks and the best-connected recent stories from ${site.title}.`,
        kind: "recommended",
      },
      "/recommended/",
      {
        picks: cards(graph.picks),
        connected: cards(graph.connected),
      },
      machine.collection({
        name: "Recommended",
        url: absoluteUrl("/recommended/", site.baseUrl),
        description: `Editor's picks and the best-connected recent stories from ${site.title}.`,
      }),
    ),
  );

  if (site.search) {
    const description = `Search the articles of ${site.title}.`;
    add(
      SEARCH_PATH,
      "search",
      context(
        { title: `Search — ${site.title}`, heading: "Search", description, kind: "search", isSearch: true },
        SEARCH_PATH,
        { search: searchPageContext(url, graph.articles) },
        machine.staticPage({ name: "Search", url: absoluteUrl(SEARCH_PATH, site.baseUrl), description }),
      ),
    );
  }

  for (const page of graph.pages) {
    const sitePath = staticPagePath(page.slug);
    const description = page.summary ?? clipDescription(page.content.excerpt);
    add(
      sitePath,
      "page",
      context(
        {
          title: `${page.title} — ${site.title}`,
          heading: page.title,
          description,
          kind: "page",
        },
        sitePath,
        {
          body: pageBody(page.content.html, sitePath, bodyImages(page.content.findings)),
          extra: page.extra,
        },
        machine.staticPage({ name: page.title, url: absoluteUrl(sitePath, site.baseUrl), description }),
      ),
    );
  }

  specs.push({
    url: "/404.html",
    outputPath: "404.html",
    layout: "not-found",
    context: context(
      {
        title: `Page not found — ${site.title}`,
        heading: "Page not found",
        description: site.description,
        kind: "not-found",
        isNoindex: true,
      },
      "/404.html",
      {},
    ),
    body: null,
  });
  return specs;

  function tagSummary(tag: Tag) {
    return { name: tag.name, url: url(tagPath(tag.segment)), count: tag.slugs.length };
  }
}

/** Site paths of the local pictures a body shows (its findings). */
function bodyImages(findings: readonly ContentFinding[] | undefined): string[] {
  return (findings ?? []).flatMap((f) => (f.kind === "link" && f.isImage ? [f.sitePath] : []));
}

/**
 * Page numbers to link: first, last and two either side of the current one, with null for a gap
 * ("1 … 4 5 6 7 8 … 40"). Linking all pages would make every list page grow with the archive.
 */
function pageWindow(current: number, total: number, radius = 2): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= total; n++) {
    if (n === 1 || n === total || Math.abs(n - current) <= radius) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

function byName(a: Tag, b: Tag): number {
  return a.name.localeCompare(b.name, "en") || (a.key < b.key ? -1 : 1);
}
