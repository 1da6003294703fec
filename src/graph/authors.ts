/** Published articles → the site's authors: one per name (folded as tag keys are), with a stable URL segment. */
import { warning, type Diagnostic } from "../errors.js";
import type { Author, AuthorProfile, RenderedArticle, StaticPage } from "../model.js";
import { tagKey } from "../content/validate-article.js";
import { slugify } from "../content/slugify.js";
import type { ProfileExtra } from "../content/validate-author.js";
import { didYouMean } from "../text/did-you-mean.js";
import { assignTagSegments } from "../pages/urls.js";

/**
 * Every author of `articles` (newest first), sorted by key. The shown name is the spelling most
 * articles use (ties: the newest article's), so one "ana ruiz" typo does not rename the page.
 * `profiles` are keyed by the folded name (see authorKey).
 */
export function collectAuthors(
  articles: readonly RenderedArticle[],
  profiles: ReadonlyMap<string, AuthorProfile> = new Map(),
): Author[] {
  const spellings = new Map<string, Map<string, number>>();
  const slugs = new Map<string, string[]>();
  for (const article of articles) {
    for (const name of article.authors) {
      const key = authorKey(name);
      let counts = spellings.get(key);
      if (!counts) spellings.set(key, (counts = new Map()));
      counts.set(name, (counts.get(name) ?? 0) + 1);
      let list = slugs.get(key);
      if (!list) slugs.set(key, (list = []));
      // An article naming one author twice ("Ana Ruiz and ana ruiz") is listed once.
      if (list[list.length - 1] !== article.slug) list.push(article.slug);
    }
  }
  const keys = [...spellings.keys()].sort();
  const segments = assignTagSegments(keys);
  return keys.map((key) => ({
    key,
    name: mostWritten(spellings.get(key)!),
    segment: segments.get(key)!,
    slugs: slugs.get(key)!,
    profile: profiles.get(key) ?? null,
  }));
}

/** The key an author's name is known by: tag keys' folding (case, Unicode form, runs of spaces). */
export function authorKey(name: string): string {
  return tagKey(name);
}

/** The most frequent spelling; Map order is first-seen order (the newest article), which breaks ties. */
function mostWritten(counts: ReadonlyMap<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [name, count] of counts) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Rendered profiles (content/authors/*.md, as pages whose title is the name) by author key. A second
 * profile of the same name is left out with a warning naming both files.
 */
export function profilesByAuthor(rendered: readonly StaticPage[]): {
  profiles: Map<string, AuthorProfile>;
  diagnostics: Diagnostic[];
} {
  const profiles = new Map<string, AuthorProfile>();
  const diagnostics: Diagnostic[] = [];
  for (const page of [...rendered].sort((a, b) => (a.sourcePath < b.sourcePath ? -1 : 1))) {
    const key = authorKey(page.title);
    const other = profiles.get(key);
    if (other) {
      diagnostics.push(
        warning("AuthorProfile", `A second profile of ${page.title} is left out: ${other.sourcePath} is used`, {
          file: page.sourcePath,
          field: "name",
          hint: "Keep one profile per author: merge the two files.",
        }),
      );
      continue;
    }
    const extra = page.extra as unknown as ProfileExtra;
    const html = page.content.html.trim();
    profiles.set(key, {
      sourcePath: page.sourcePath,
      bioHtml: html === "" ? null : html,
      avatar: extra.avatar,
      links: extra.links,
      email: extra.email,
    });
  }
  return { profiles, diagnostics };
}

/**
 * Profiles no published article's author uses (a typo in `name`, or an author of drafts only):
 * named in a warning, and no page is built for them (a page listing no articles helps no reader).
 * A profile whose file name is not its name's (`ana-ruiz.md` saying `name: Ben Okafor`) is warned
 * about too: the name decides, the file name is only for editors to find it.
 */
export function profileWarnings(authors: readonly Author[], rendered: readonly StaticPage[]): Diagnostic[] {
  const keys = new Set(authors.map((a) => a.key));
  const names = authors.map((a) => a.name);
  const out: Diagnostic[] = [];
  for (const page of rendered) {
    if (!keys.has(authorKey(page.title))) {
      const near = didYouMean(page.title, names, 3);
      out.push(
        warning("AuthorProfile", `No published article is by "${page.title}", so this profile has no page`, {
          file: page.sourcePath,
          field: "name",
          hint:
            near === null
              ? "Write `name:` exactly as the articles' `author` writes it, or remove the profile."
              : `Did you mean \`name: ${near}\`? The name must be written as the articles write it.`,
        }),
      );
      continue;
    }
    const fileSlug = page.slug.replace(/^authors\//, "");
    if (slugify(page.title) !== "" && fileSlug !== slugify(page.title))
      out.push(
        warning("AuthorProfile", `The profile of ${page.title} is in a file named "${fileSlug}"`, {
          file: page.sourcePath,
          field: "name",
          hint: `Rename the file to ${slugify(page.title)}.md, or check that \`name\` is the right author.`,
        }),
      );
  }
  return out;
}

/** A profile's local avatar that is not among the site's files (`files`: output paths), as a BrokenLink warning. */
export function missingAvatarWarnings(authors: readonly Author[], files: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const author of authors) {
    const src = author.profile?.avatar?.src;
    if (src === undefined || !src.startsWith("/")) continue;
    let rel = src.slice(1).replace(/[?#].*$/s, "");
    try {
      rel = decodeURI(rel);
    } catch {
      // A stray "%" stays as written: no file can have that name anyway.
    }
    if (files.has(rel)) continue;
    out.push(
      warning("BrokenLink", `Avatar ${src} is not part of the site`, {
        file: author.profile!.sourcePath,
        field: "avatar",
        hint: "Put the picture in public/ (e.g. public/images/), or fix `avatar` in the profile.",
      }),
    );
  }
  return out;
}
