/** The author pages of the route table: /authors/ and /authors/<segment>/ (paginated like tag pages). */
import type { Author, ResolvedConfig, RenderedArticle, SiteGraph } from "../model.js";
import { paginate } from "../graph/paginate.js";
import type { makeContextFactory } from "./contexts.js";
import type { makeMachineMeta } from "./machine-meta.js";
import { absoluteUrl, authorFeedPath, authorPath } from "./urls.js";

/** The avatar's box on the page (CSS crops a non-square picture to it, never stretches it). */
const AVATAR_SIZE = 96;

/** What planPages lends: its context and card builders, machine meta and pagination links. */
export interface AuthorPageTools {
  readonly factory: ReturnType<typeof makeContextFactory>;
  readonly machine: ReturnType<typeof makeMachineMeta>;
  readonly pagination: (current: number, total: number, pathOf: (n: number) => string) => unknown;
  readonly add: (sitePath: string, layout: string, build: () => Record<string, unknown>) => void;
}

/** Plans the author index and every author's pages. */
export function planAuthorPages(graph: SiteGraph, config: ResolvedConfig, tools: AuthorPageTools): void {
  const { site } = config;
  const { factory, machine, pagination, add } = tools;
  const { context, card, url } = factory;
  const summary = (a: Author) => ({ name: a.name, url: url(authorPath(a.segment)), count: a.slugs.length });
  const indexDescription = `Everyone who writes for ${site.title}.`;
  add("/authors/", "authors", () =>
    context(
      { title: `Authors — ${site.title}`, heading: "Authors", description: indexDescription, kind: "authors" },
      "/authors/",
      { authors: [...graph.authors].sort(byName).map(summary) },
      machine.collection({
        name: "Authors",
        url: absoluteUrl("/authors/", site.baseUrl),
        description: indexDescription,
      }),
    ),
  );
  for (const author of graph.authors) {
    const profile = author.profile;
    const feedUrl = absoluteUrl(authorFeedPath(author.segment), site.baseUrl);
    // Drafts (shown with --drafts) are listed but never reach a feed: an author of drafts only has none.
    const hasFeed = author.slugs.some((s) => !graph.bySlug.get(s)!.isDraft);
    const fields = {
      ...summary(author),
      bio: profile?.bioHtml ?? null,
      avatar: profile?.avatar
        ? {
            src: resolveAsset(profile.avatar.src, url),
            alt: profile.avatar.alt,
            width: AVATAR_SIZE,
            height: AVATAR_SIZE,
          }
        : null,
      links: profile?.links ?? [],
      email: profile?.email ?? null,
      jsonFeedUrl: feedUrl.replace(/\.xml$/, ".json"),
    };
    for (const page of paginate(author.slugs, site.perPage)) {
      const sitePath = authorPath(author.segment, page.current);
      const suffix = page.current === 1 ? "" : `, page ${page.current}`;
      const description = `Articles by ${author.name} in ${site.title}.`;
      const articles = page.items.map((s) => graph.bySlug.get(s) as RenderedArticle);
      add(sitePath, "author", () =>
        context(
          {
            title: `${author.name}${suffix} — ${site.title}`,
            heading: `${author.name}${suffix}`,
            description,
            kind: "author",
            feed: hasFeed
              ? { title: `${site.title}: ${author.name}`, url: feedUrl, jsonUrl: fields.jsonFeedUrl }
              : null,
          },
          sitePath,
          {
            author: fields,
            articles: articles.map((a) => card(a)),
            pagination: pagination(page.current, page.total, (n) => authorPath(author.segment, n)),
          },
          machine.profile(
            { name: `${author.name}${suffix}`, url: absoluteUrl(sitePath, site.baseUrl), description },
            author,
          ),
        ),
      );
    }
  }
}

/** A site path gets the base path; an https URL stays as it is. */
function resolveAsset(src: string, url: (p: string) => string): string {
  return src.startsWith("/") ? url(src) : src;
}

function byName(a: Author, b: Author): number {
  return a.name.localeCompare(b.name, "en") || (a.key < b.key ? -1 : 1);
}
