/**
 * Bodies that make the Markdown parser superlinear (each took over a minute before) fail the build
 * with RenderTimeout at their deadline, naming the file, with every other problem in the same run,
 * and the published site untouched. A short --render-timeout keeps the test quick; the default is 10 s.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeProject, removeProjects, runCli } from "../helpers/project.js";
import { listFiles } from "../helpers/site.js";

afterAll(removeProjects);

/**
 * The slow inputs of the safety issue, each a few tens of KB. (8,000 nested links were one too,
 * 3.2 s, all of it re-parsing remark-html's output; the fast route builds the tree directly and
 * renders them in 0.1 s, so they no longer make a deadline test.)
 */
export const SLOW_BODIES: Readonly<Record<string, string>> = {
  "emphasis-a-star": "a*".repeat(80 * 1024),
  "emphasis-star-underscore": "*_".repeat(40 * 1024),
  "setext-headings": "a\n=\n".repeat(10 * 1024),
};

const article = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2026-11-20\n---\n${body}\n`;

describe("a body that renders too slowly", () => {
  it("is a RenderTimeout naming the file, every slow body in one run; the live site is untouched", async () => {
    const project = makeProject();
    expect(runCli(project, ["build"]).status).toBe(0);
    const before = await listFiles(path.join(project, "dist"));
    const articles = path.join(project, "content/articles");
    for (const [name, body] of Object.entries(SLOW_BODIES))
      writeFileSync(path.join(articles, `${name}.md`), article(name, body));
    const started = Date.now();
    const run = runCli(project, ["build", "--render-timeout", "1"]);
    const seconds = (Date.now() - started) / 1000;
    expect(run.status).toBe(1);
    for (const name of Object.keys(SLOW_BODIES)) {
      expect(run.stderr).toMatch(
        new RegExp(
          `content/articles/${name}\\.md error The body took longer than 1 s to render \\(per MB of Markdown\\), so the build stopped rendering it \\[RenderTimeout\\]`,
        ),
      );
    }
    expect(run.stderr).toMatch(/--render-timeout/);
    expect(run.stderr).toMatch(new RegExp(`^${Object.keys(SLOW_BODIES).length} errors`, "m"));
    expect(await listFiles(path.join(project, "dist"))).toEqual(before);
    // Three deadlines of 1 s on one thread, plus starting workers: never the minutes these took before.
    expect(seconds, "(not a benchmark: a generous bound on three 1 s deadlines)").toBeLessThan(60);
  });

  it("is reported by check with every other problem of the site", () => {
    const project = makeProject();
    writeFileSync(path.join(project, "content/articles/slow.md"), article("Slow", SLOW_BODIES["emphasis-a-star"]!));
    writeFileSync(
      path.join(project, "content/articles/broken.md"),
      "---\ntitle: [unclosed\ndate: 2026-11-20\n---\nText.\n",
    );
    const run = runCli(project, ["check", "--render-timeout", "1"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/content\/articles\/slow\.md error .*\[RenderTimeout\]/);
    expect(run.stderr).toMatch(/content\/articles\/broken\.md:\d+:\d+ error .*\[YamlSyntax\]/);
    expect(run.stderr).toMatch(/^2 errors, \d+ warnings?$/m);
  });

  it("renders once the deadline allows it (the deadline is per MB, and a flag)", () => {
    const project = makeProject();
    writeFileSync(path.join(project, "content/articles/long.md"), article("Long", "text\n===\n".repeat(512)));
    const run = runCli(project, ["build", "--render-timeout", "60"]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(project, "dist/articles/long/index.html"), "utf8")).toMatch(/<h2>text<\/h2>/); // a body starts at h2 (docs/markup.md)
    expect(runCli(project, ["build", "--render-timeout", "0"]).stderr).toMatch(
      /--render-timeout 0 is not a number of seconds/,
    );
  });
});
