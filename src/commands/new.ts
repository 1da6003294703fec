/** `broadsheet new "Headline" [--tags a,b] [--source-url URL] [--source-name NAME] [--author NAME] [--summary TEXT]`. */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { readPolicyFor, readUnderPolicy } from "../io/read-policy.js";
import path from "node:path";
import { error, type Diagnostic } from "../errors.js";
import { DEFAULT_PATHS, resolveConfig } from "../config/resolve-config.js";
import { newArticle } from "../content/new-article.js";
import { readFileName } from "../content/slugify.js";
import { formatIso } from "../time/zoned-time.js";
import type { CliIo, CliValues } from "./options.js";
import { diagnosticsText } from "./print.js";

/** Writes content/articles/<slug>.md as a draft dated now in the site's time zone; never overwrites. */
export async function runNew(values: CliValues, [headline]: readonly string[], { out, err }: CliIo): Promise<number> {
  const contentDir = values.content ?? DEFAULT_PATHS.content;
  const fail = (problems: readonly Diagnostic[]) => {
    err(diagnosticsText(problems));
    return 1;
  };
  const siteYamlPath = path.join(contentDir, "site.yaml");
  // site.yaml is read under the same link policy as a build (no site.yaml: the defaults, UTC, apply).
  const problems: Diagnostic[] = [];
  const siteYaml =
    readUnderPolicy(readPolicyFor([contentDir]), siteYamlPath, siteYamlPath, problems)?.toString("utf8") ?? null;
  if (problems.length > 0) return fail(problems);
  const config = resolveConfig(siteYaml, {}, Date.now(), siteYamlPath);
  if (Array.isArray(config)) return fail(config);

  const made = newArticle({
    title: headline ?? "",
    tags: values.tags,
    sourceUrl: values["source-url"],
    sourceName: values["source-name"],
    author: values.author,
    summary: values.summary,
    date: formatIso(Math.floor(config.now / 1000) * 1000, config.site.timeZone),
  });
  if (Array.isArray(made)) return fail(made);
  const articlesDir = path.join(contentDir, "articles");
  const file = path.join(articlesDir, `${made.slug}.md`);
  const shown = path.relative(process.cwd(), file) || file;
  const twin = listMarkdown(articlesDir).find((rel) => readFileName(rel).slug === made.slug);
  if (twin !== undefined) {
    return fail([
      error("FileExists", `An article with the slug "${made.slug}" already exists: ${path.join(articlesDir, twin)}`, {
        file: shown,
        hint: "Choose another headline, or edit the existing article.",
      }),
    ]);
  }
  mkdirSync(articlesDir, { recursive: true });
  try {
    // "wx": fails instead of overwriting, even if the file appeared a moment ago.
    writeFileSync(file, made.text, { flag: "wx" });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return fail([
      error(
        code === "EEXIST" ? "FileExists" : "WriteError",
        code === "EEXIST" ? "The file already exists" : `Cannot write the file: ${(cause as Error).message}`,
        { file: shown, hint: "Choose another headline, or edit the existing article." },
      ),
    ]);
  }
  out(`Created ${shown} (a draft). Preview it with \`broadsheet dev\`; remove \`draft: true\` to publish it.`);
  return 0;
}

function listMarkdown(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(md|markdown)$/i.test(f))
      .map((f) => f.split(path.sep).join("/"));
  } catch {
    return [];
  }
}
