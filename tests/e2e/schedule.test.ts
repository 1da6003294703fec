/**
 * Scheduled and expiring articles, through the CLI as an editor and a CI scheduler meet them: each
 * is named after the summary line, and the build report says when the site must be rebuilt next.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { CLI, makeProject, removeProjects } from "../helpers/project.js";

afterAll(removeProjects);

/** `broadsheet <args> --now <now>` in `project`, one thread. */
const cli = (project: string, now: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args, "--now", now, "--jobs", "1"], { cwd: project, encoding: "utf8" });
const write = (project: string, rel: string, text: string) => writeFileSync(path.join(project, rel), text);
const readReport = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;

/**
 * The basic site (Europe/Amsterdam; a draft, and future-piece.md dated 2027-01-01T00:00Z) plus a
 * scheduled article, an expired one and one that expires the day after the clock.
 */
function makeScheduledProject(): string {
  const project = makeProject();
  write(project, "content/articles/storm.md", "---\ntitle: Storm\ndate: 2026-12-01T09:00:00+01:00\n---\n\nWind.\n");
  write(
    project,
    "content/articles/offer.md",
    "---\ntitle: Offer\ndate: 2026-11-20\nexpires: 2026-11-25T00:00:00+01:00\n---\n\nHalf price.\n",
  );
  write(
    project,
    "content/articles/sale.md",
    "---\ntitle: Sale\ndate: 2026-11-20T10:00:00+01:00\nexpiryDate: 2026-11-27T18:00:00+01:00\n---\n\nEverything goes.\n",
  );
  return project;
}

// 13:00 in Amsterdam: storm publishes in 4 days 20 hours, future-piece in 35.5 days, sale expires tomorrow.
const NOW = "2026-11-26T12:00:00Z";

describe("a build of a site with scheduled, expired and draft articles", () => {
  let project: string;
  let built: ReturnType<typeof cli>;
  let counts: { articles: number; pages: number };

  beforeAll(() => {
    project = makeScheduledProject();
    built = cli(project, NOW, "build", "--report", "build-report.json");
    const summary = /^Built (\d+) articles, (\d+) pages/.exec(built.stdout);
    counts = { articles: Number(summary?.[1]), pages: Number(summary?.[2]) };
  });

  it("names each scheduled and expired article after the summary and left-out lines, in the site's zone", () => {
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout.trim().split("\n").slice(1)).toEqual([
      "1 draft, 2 scheduled articles and 1 expired article left out (next: 2026-12-01 09:00 +01:00, content/articles/storm.md)",
      "Scheduled: content/articles/storm.md publishes 2026-12-01 09:00 +01:00 (in 5 days)",
      "Scheduled: content/articles/future-piece.md publishes 2027-01-01 01:00 +01:00 (in 36 days)",
      "Expired: content/articles/offer.md left the site 2026-11-25 00:00 +01:00",
    ]);
    expect(existsSync(path.join(project, "dist/articles/offer/index.html"))).toBe(false);
    expect(existsSync(path.join(project, "dist/articles/sale/index.html"))).toBe(true);
  });

  it("writes .dist.builds/report.json with exactly the documented fields, and the next change a scheduler waits for", () => {
    const report = readReport(path.join(project, ".dist.builds/report.json"));
    expect(counts.articles).toBeGreaterThan(0);
    expect(report).toStrictEqual({
      version: 1,
      builtAt: "2026-11-26T13:00:00+01:00",
      site: "https://fixture.example/",
      articles: counts.articles,
      pages: counts.pages,
      drafts: 1,
      scheduled: [
        { file: "content/articles/storm.md", publishes: "2026-12-01T09:00:00+01:00" },
        { file: "content/articles/future-piece.md", publishes: "2027-01-01T01:00:00+01:00" },
      ],
      expired: [{ file: "content/articles/offer.md", expired: "2026-11-25T00:00:00+01:00" }],
      nextChange: { at: "2026-11-27T18:00:00+01:00", file: "content/articles/sale.md", reason: "expire" },
    });
    expect(Object.keys(report)).toEqual([
      "version",
      "builtAt",
      "site",
      "articles",
      "pages",
      "drafts",
      "scheduled",
      "expired",
      "nextChange",
    ]);
  });

  it("writes the same report to --report FILE", () => {
    expect(readFileSync(path.join(project, "build-report.json"), "utf8")).toBe(
      readFileSync(path.join(project, ".dist.builds/report.json"), "utf8"),
    );
  });

  it("still writes the report, at its own clock, when a later build has nothing to do", () => {
    rmSync(path.join(project, ".dist.builds/report.json"));
    rmSync(path.join(project, "build-report.json"));
    const again = cli(project, "2026-11-26T18:00:00Z", "build", "--report", "build-report.json", "--timings");
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\(0 rendered, 0 changed, 0 deleted\)/);
    expect(again.stderr).toMatch(/^up-to-date +\d+ ms$/m);
    const report = readReport(path.join(project, ".dist.builds/report.json"));
    expect(report).toMatchObject({
      builtAt: "2026-11-26T19:00:00+01:00",
      articles: counts.articles,
      pages: counts.pages,
    });
    expect(report.nextChange).toEqual({
      at: "2026-11-27T18:00:00+01:00",
      file: "content/articles/sale.md",
      reason: "expire",
    });
    expect(readFileSync(path.join(project, "build-report.json"), "utf8")).toBe(
      readFileSync(path.join(project, ".dist.builds/report.json"), "utf8"),
    );
  });

  it("takes the article down when rebuilt at the report's next change, and names the change after it", () => {
    const next = readReport(path.join(project, ".dist.builds/report.json")).nextChange as { at: string };
    const later = cli(project, next.at, "build");
    expect(later.status, later.stderr).toBe(0);
    expect(later.stdout).toContain("Expired: content/articles/sale.md left the site 2026-11-27 18:00 +01:00\n");
    expect(existsSync(path.join(project, "dist/articles/sale/index.html"))).toBe(false);
    expect(readReport(path.join(project, ".dist.builds/report.json")).nextChange).toEqual({
      at: "2026-12-01T09:00:00+01:00",
      file: "content/articles/storm.md",
      reason: "publish",
    });
  });

  it("lets check name the same scheduled and expired articles, and count nothing as left out", () => {
    const checked = cli(project, NOW, "check");
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout.trim().split("\n").slice(1)).toEqual([
      "Scheduled: content/articles/storm.md publishes 2026-12-01 09:00 +01:00 (in 5 days)",
      "Scheduled: content/articles/future-piece.md publishes 2027-01-01 01:00 +01:00 (in 36 days)",
      "Expired: content/articles/offer.md left the site 2026-11-25 00:00 +01:00",
    ]);
  });
});

describe("--report FILE", () => {
  it("is refused inside content/ before anything is built or written", () => {
    const project = makeScheduledProject();
    const refused = cli(project, NOW, "build", "--report", "content/report.json");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^content\/report\.json error Refusing content\/report\.json as the build report: it is inside the content folder \(content\) \[UnsafeOutput\]\n/,
    );
    expect(existsSync(path.join(project, "content/report.json"))).toBe(false);
    expect(existsSync(path.join(project, "dist"))).toBe(false);
    expect(existsSync(path.join(project, ".dist.builds"))).toBe(false);
  });

  it("is an option of build only: check does not take it", () => {
    const result = cli(makeProject(), NOW, "check", "--report", "r.json");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^`broadsheet check` does not take --report\./);
  });
});

describe("the dev server's build", () => {
  it("writes no report: it shows drafts, and no scheduler reads it", async () => {
    const project = makeScheduledProject();
    const cache = path.join(project, ".cache");
    const result = await build({
      now: NOW,
      threads: 1,
      includeDrafts: true,
      isDevOutput: true,
      paths: {
        content: path.join(project, "content"),
        templates: path.join(project, "templates"),
        public: path.join(project, "public"),
        out: path.join(cache, "dev-site"),
        cache,
      },
    });
    expect(result.isOk, JSON.stringify(result.diagnostics)).toBe(true);
    expect(existsSync(path.join(cache, ".dev-site.builds/BROADSHEET"))).toBe(true);
    expect(existsSync(path.join(cache, ".dev-site.builds/report.json"))).toBe(false);
  });
});
