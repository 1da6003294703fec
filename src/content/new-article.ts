/** `broadsheet new`: the text of a new draft article with complete, valid front-matter. */
import { error, type Diagnostic } from "../errors.js";
import { stringifyYaml } from "./yaml.js";
import { isValidSlug, slugify } from "./slugify.js";
import { isHttpUrl, normalizeTags } from "./validate-article.js";

/** What the editor gave on the command line. */
export interface NewArticleInput {
  readonly title: string;
  /** Comma-separated, as typed after --tags. */
  readonly tags?: string;
  readonly sourceUrl?: string;
  readonly sourceName?: string;
  /** The author's name, as typed after --author. */
  readonly author?: string;
  /** The standfirst, as typed after --summary (one line; none gives an empty `summary` to fill in). */
  readonly summary?: string;
  /** The publication date as ISO 8601 with the site's offset ("2026-11-26T15:04:00+01:00"). */
  readonly date: string;
}

/** The new file's slug (its name without `.md`) and text, or what is wrong with the input. */
export function newArticle(input: NewArticleInput): { slug: string; text: string } | Diagnostic[] {
  const problems: Diagnostic[] = [];
  const title = input.title.trim().replace(/\s+/g, " ");
  const slug = slugify(title);
  if (title === "")
    problems.push(
      error("MissingField", "The headline is empty", {
        field: "title",
        hint: 'Write it in quotes: broadsheet new "Grid operators agree on a data format".',
      }),
    );
  else if (!isValidSlug(slug))
    problems.push(
      error("InvalidSlug", `Cannot make a file name from "${title}"`, {
        field: "slug",
        hint: "Use a headline with some letters or digits.",
      }),
    );
  if (input.sourceUrl !== undefined && !isHttpUrl(input.sourceUrl))
    problems.push(
      error("InvalidUrl", `--source-url "${input.sourceUrl}" is not an absolute http(s) URL`, {
        field: "source.url",
        hint: "Give the full address, e.g. --source-url https://outlet.example/story.",
      }),
    );
  if (input.sourceName !== undefined && input.sourceUrl === undefined)
    problems.push(
      error("MissingField", "--source-name needs --source-url", {
        field: "source.url",
        hint: "Give the original article's address with --source-url.",
      }),
    );
  const author = input.author?.trim().replace(/\s+/g, " ");
  if (author === "")
    problems.push(
      error("InvalidField", "--author is empty", {
        field: "author",
        hint: 'Give the name in quotes: --author "Ana Ruiz", or leave --author out.',
      }),
    );
  if (problems.length > 0) return problems;

  const source =
    input.sourceUrl === undefined
      ? undefined
      : {
          name: input.sourceName?.trim() || new URL(input.sourceUrl).hostname.replace(/^www\./, ""),
          url: input.sourceUrl,
        };
  const frontMatter = {
    title,
    date: input.date,
    // One line: a summary is shown as a standfirst and in feeds, where line breaks mean nothing.
    summary: input.summary?.trim().replace(/\s+/g, " ") ?? "",
    tags: normalizeTags(input.tags?.split(",") ?? []),
    ...(source && { source }),
    ...(author && { author }),
    draft: true,
  };
  const text = `---\n${stringifyYaml(frontMatter)}---\n\n<!-- Write the article here. It stays a draft (shown only by \`broadsheet dev\` and --drafts) until you remove \`draft: true\`. -->\n`;
  return { slug, text };
}
