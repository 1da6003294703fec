/** `broadsheet init`: the files a new site starts with, as plain data. Pure: the clock, zone and versions are inputs. */
import { newArticle } from "../content/new-article.js";
import { parseYaml, stringifyYaml } from "../content/yaml.js";
import { formatIso } from "../time/zoned-time.js";
import { CHECK_WORKFLOW, DEPLOY_WORKFLOW } from "./workflows.js";

/** What the new site is made from. */
export interface StarterInput {
  /** The site's name. */
  readonly title: string;
  /** The address the site will be published at; undefined writes a placeholder to replace. */
  readonly baseUrl?: string;
  /** IANA zone the example article is dated in and site.yaml names. */
  readonly timeZone: string;
  /** The example article's date (ms since epoch). */
  readonly now: number;
  /** The new site's package.json name (npm-safe). */
  readonly packageName: string;
  /** The Broadsheet that runs `init`: the site depends on exactly this name and version. */
  readonly generator: { readonly name: string; readonly version: string; readonly node: string };
}

/** One file to write: a "/"-separated path relative to the site folder, and its text. */
export interface StarterFile {
  readonly path: string;
  readonly text: string;
}

/** Written as baseUrl when none is given; the build warns about it until it is replaced. */
const PLACEHOLDER_BASE_URL = "https://example.com/";

const EXAMPLE = {
  title: "Your first article",
  tags: "getting started, markdown",
  summary: "What an article is made of: front-matter with its title, date, summary and tags, then Markdown.",
};

const EXAMPLE_BODY = `This is an example article: edit it, or delete it once you have written your own. Every
Markdown file in \`content/articles/\` is an article; the front-matter above gives its title, date,
summary and tags.

## Writing the next one

1. Run \`npx broadsheet new "Your headline"\`: it writes a draft with the date and fields filled in.
2. Run \`npx broadsheet dev\` and open the address it prints: drafts are shown, and the page reloads on every save.
3. Remove \`draft: true\` to publish the article, then commit it.

Bodies are [GitHub-flavoured Markdown](https://github.github.com/gfm/): **bold**, *italics*, lists,
tables, footnotes and links.
`;

const ABOUT = `---
title: About
---

Say here who writes this site, how to reach the newsroom and how corrections are made. This page is
\`content/pages/about.md\`; every Markdown file in \`content/pages/\` becomes a page of its own.
`;

const GITIGNORE = `node_modules/
# The built site: dist is a link to one of the trees in .dist.builds/ (no trailing slash, so the
# link is matched too), and .dist.lock is held while a build writes.
/dist
/.dist.builds/
/.dist.lock
# The build cache: it is rebuilt on every machine and a committed one is never trusted.
.cache/
`;

/** Every file of a new site, sorted by path. */
export function starterFiles(input: StarterInput): StarterFile[] {
  const example = exampleArticle(input);
  const files: StarterFile[] = [
    { path: "content/site.yaml", text: siteYaml(input) },
    { path: `content/articles/${example.slug}.md`, text: example.text },
    { path: "content/pages/about.md", text: ABOUT },
    { path: ".gitignore", text: GITIGNORE },
    { path: "package.json", text: packageJson(input) },
    { path: ".github/workflows/deploy.yml", text: DEPLOY_WORKFLOW },
    { path: ".github/workflows/check.yml", text: CHECK_WORKFLOW },
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function siteYaml({ title, baseUrl, timeZone }: StarterInput): string {
  // One stringifyYaml per key, so each value is quoted as YAML needs ("News: Daily", quotes) and
  // the comments can sit between them.
  const line = (key: string, value: string) => stringifyYaml({ [key]: value });
  return [
    `# Site settings: see Broadsheet's README, section "Site settings".\n`,
    line("title", title),
    line("description", `Latest news from ${title}.`),
    `# The address the site is published at: canonical links, feeds and the sitemap name it.\n`,
    baseUrl === undefined ? `# Replace this placeholder with the real address before you publish.\n` : "",
    line("baseUrl", baseUrl ?? PLACEHOLDER_BASE_URL),
    line("language", "en"),
    `# Dates without an offset are read in this zone, and every date is shown in it.\n`,
    line("timeZone", timeZone),
    `# The contact address shown in the footer:\n`,
    `# email: newsroom@example.com\n`,
  ].join("");
}

function exampleArticle({ timeZone, now }: StarterInput): { slug: string; text: string } {
  // The front-matter `broadsheet new` writes, so the example looks like the articles editors will
  // start; it is published, so it gets a summary and loses `draft: true`.
  const made = newArticle({
    title: EXAMPLE.title,
    tags: EXAMPLE.tags,
    date: formatIso(Math.floor(now / 1000) * 1000, timeZone),
  });
  if (Array.isArray(made)) throw new Error(`Internal error: the example article is invalid: ${made[0]?.message}`);
  const yaml = made.text.slice("---\n".length, made.text.indexOf("\n---\n") + 1);
  const { draft: _draft, ...fields } = parseYaml(yaml).data as Record<string, unknown>;
  return {
    slug: made.slug,
    text: `---\n${stringifyYaml({ ...fields, summary: EXAMPLE.summary })}---\n\n${EXAMPLE_BODY}`,
  };
}

function packageJson({ packageName, generator }: StarterInput): string {
  const manifest = {
    name: packageName,
    private: true,
    type: "module",
    scripts: {
      build: "broadsheet build",
      dev: "broadsheet dev",
      check: "broadsheet check",
      preview: "broadsheet preview",
    },
    // Exact, as Broadsheet pins its own dependencies: a site builds the same until it upgrades on purpose.
    dependencies: { [generator.name]: generator.version },
    engines: { node: generator.node },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
