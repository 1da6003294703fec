/** Nothing passes silently: through the CLI, as an editor meets them, the problems a build used to keep quiet about. */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SpawnSyncReturns } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, removeProjects, runCli } from "../helpers/project.js";
import { isLocalBaseUrl } from "../../src/config/site-address.js";

afterAll(removeProjects);

const write = (project: string, rel: string, text: string) => writeFileSync(path.join(project, rel), text);

/** The basic site plus an article with a typo, a missing picture and a dead link, an empty one, an empty draft and a scheduled one. */
function makeNoisyProject(): string {
  const project = makeProject();
  // An imported archive's missing picture is a warning there (by default it is an error: tests/e2e/images.test.ts).
  writeFileSync(
    path.join(project, "content/site.yaml"),
    `${readFileSync(path.join(project, "content/site.yaml"), "utf8")}missingImages: warn\n`,
  );
  write(
    project,
    "content/articles/typo.md",
    "---\ntitle: Typo\ndate: 2026-11-02T10:00:00Z\nsumary: A summary.\nlayout: wide\nimage: { src: /images/gone.jpg, alt: Nothing }\n---\n\nSee [nowhere](/articles/nowhere/).\n",
  );
  write(project, "content/articles/empty.md", "---\ntitle: Empty\ndate: 2026-11-03\n---\n\n   \n");
  write(project, "content/articles/empty-draft.md", "---\ntitle: Empty draft\ndate: 2026-11-03\ndraft: true\n---\n");
  write(project, "content/articles/storm.md", "---\ntitle: Storm\ndate: 2026-12-01T09:00:00+01:00\n---\n\nWind.\n");
  return project;
}

describe("a build of a site with problems", () => {
  let project: string;
  let first: SpawnSyncReturns<string>;
  let second: SpawnSyncReturns<string>;

  beforeAll(() => {
    project = makeNoisyProject();
    first = runCli(project, ["build"]);
    // --timings names the steps taken: the second build must take the short way ("up-to-date").
    second = runCli(project, ["build", "--timings"]);
  });

  it("prints the same warnings, in the same order, when a second build has nothing to do", () => {
    expect(first.status, first.stderr).toBe(0);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/\(0 rendered, 0 changed, 0 deleted\)/);
    expect(first.stderr).toMatch(/\[BrokenLink\][\s\S]*\n0 errors, 4 warnings\n$/);
    expect(second.stderr.slice(0, first.stderr.length)).toBe(first.stderr);
    expect(second.stderr.slice(first.stderr.length)).toMatch(/^read-validate +\d+ ms\nup-to-date +\d+ ms\n$/);
  });

  it("finds the warnings again when the saved ones are gone, rather than print fewer", () => {
    rmSync(path.join(project, ".cache", "warnings"), { recursive: true, force: true });
    const third = runCli(project, ["build", "--timings"]);
    expect(third.stdout).toMatch(/ 0 changed, 0 deleted\)/);
    expect(third.stderr.slice(0, first.stderr.length)).toBe(first.stderr);
    expect(third.stderr.slice(first.stderr.length)).toMatch(/^read-validate .*\nmarkdown /);
  });

  it("asks whether `sumary` was meant to be summary, at its line", () => {
    expect(first.stderr).toContain(
      'content/articles/typo.md:4:1 warning Unknown field "sumary": did you mean "summary"? [UnknownField]\n',
    );
    expect(first.stderr).not.toMatch(/"layout"/);
  });

  it("reports a front-matter image that no file of the site has as a BrokenLink at its line", () => {
    expect(first.stderr).toMatch(
      /content\/articles\/typo\.md:6:\d+ warning Image \/images\/gone\.jpg is not part of the site \[BrokenLink\]\n/,
    );
  });

  it("warns about a published article with an empty body, not about a draft it leaves out", () => {
    expect(first.stderr).toContain(
      "content/articles/empty.md warning The article has no text: readers will see only its title [EmptyBody]\n",
    );
    expect(first.stderr).not.toContain("empty-draft.md");
  });

  it("says after the summary line what it left out and which scheduled article comes next", () => {
    const lines = first.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^Built 6 articles/);
    expect(lines[1]).toBe(
      "2 drafts and 2 scheduled articles left out (next: 2026-12-01 09:00 +01:00, content/articles/storm.md)",
    );
    expect(second.stdout.trim().split("\n")[1]).toBe(lines[1]);
  });

  it("lets check report the empty draft too", () => {
    const checked = runCli(project, ["check"]);
    expect(checked.stderr).toContain("content/articles/empty-draft.md warning The article has no text");
  });
});

describe("the site's address", () => {
  it.each([
    ["http://localhost:8080/", true],
    ["http://127.0.0.1:9000/news/", true],
    ["http://[::1]:8080/", true],
    ["http://news.localhost/", true],
    ["https://example.com/", true],
    ["https://www.example.org/news/", true],
    ["https://fixture.example/", false],
    ["https://example.com.evil.org/", false],
    ["https://notexample.com/", false],
    ["https://news.town.org/", false],
  ])("%s is a placeholder: %s", (url, isLocal) => {
    expect(isLocalBaseUrl(url)).toBe(isLocal);
  });

  it("is a LocalBaseUrl warning for build when site.yaml sets none, and not for check", () => {
    const project = makeProject();
    const siteYaml = path.join(project, "content/site.yaml");
    writeFileSync(siteYaml, readFileSync(siteYaml, "utf8").replace(/^baseUrl:.*\n/m, ""));
    const built = runCli(project, ["build"]);
    expect(built.status).toBe(0);
    expect(built.stderr).toContain(
      "content/site.yaml warning The site will be published for http://localhost:8080/: set baseUrl in content/site.yaml [LocalBaseUrl]\n",
    );
    expect(runCli(project, ["build", "--base-url", "https://news.town.org/"]).stderr).not.toContain("LocalBaseUrl");
    expect(runCli(project, ["check"]).stderr).not.toContain("LocalBaseUrl");
  });

  it("is a SubPathRobots warning for a site under a path: crawlers read robots.txt only at the host's root", () => {
    const project = makeProject();
    const built = runCli(project, ["build", "--base-url", "https://news.town.org/local/"]);
    expect(built.status).toBe(0);
    expect(built.stderr).toMatch(
      /warning The site lives under \/local\/, but crawlers read robots\.txt only at https:\/\/news\.town\.org\/robots\.txt \[SubPathRobots\]/,
    );
    expect(built.stderr).toContain("Sitemap: https://news.town.org/local/sitemap.xml");
    expect(runCli(project, ["build", "--base-url", "https://news.town.org/"]).stderr).not.toContain("SubPathRobots");
  });
});

describe("the command line", () => {
  it("suggests --drafts for --draft, and exits 2 with the usage", () => {
    const result = runCli(makeProject(), ["build", "--draft"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Unknown option --draft: did you mean --drafts\?\n\nUsage: broadsheet/);
  });

  it("answers `new --tag x` in a sentence of its own, not Node's", () => {
    const result = runCli(makeProject(), ["new", "Storm", "--tag", "x"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Unknown option --tag: did you mean --tags\?\n/);
    expect(result.stderr).not.toMatch(/positional argument|ERR_PARSE_ARGS/);
  });

  it("writes --author and --summary into the new article", () => {
    const project = makeProject();
    const result = runCli(project, [
      "new",
      "Storm closes the harbour",
      "--author",
      "Ana Ruiz",
      "--summary",
      "Ferries stop.",
    ]);
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(path.join(project, "content/articles/storm-closes-the-harbour.md"), "utf8");
    expect(text).toMatch(/\nsummary: Ferries stop\.\n[\s\S]*\nauthor: Ana Ruiz\n/);
  });
});

describe("check and the pictures the build draws", () => {
  it("knows the card and raster logo the build will draw, and reports a card image as build does", () => {
    const project = makeProject();
    write(
      project,
      "content/articles/press-kit.md",
      "---\ntitle: Press kit\ndate: 2026-11-02T10:00:00Z\n---\n\n![Our card](/assets/card.png) and [the logo](/assets/logo.png).\n",
    );
    const ok = runCli(project, ["check"]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).not.toContain("BrokenLink");

    const siteYaml = path.join(project, "content/site.yaml");
    writeFileSync(
      siteYaml,
      `${readFileSync(siteYaml, "utf8")}cardImage: { src: /images/missing-card.png, alt: Card }\n`,
    );
    const said =
      /content\/site\.yaml warning The card image \/images\/missing-card\.png is not part of the site: the drawn card is used \[BrokenLink\]/;
    expect(runCli(project, ["check"]).stderr).toMatch(said);
    expect(runCli(project, ["build"]).stderr).toMatch(said);
  });
});
