/**
 * Interrupted builds: a build killed (SIGKILL, no cleanup) at each point of writing leaves the
 * published site exactly as it was — or, once the switch is made, exactly the new one — and the
 * next build recovers the lock and produces the correct site. Deterministic kill points come from
 * BROADSHEET_CRASH_AT (src/output/crash-points.ts); timed kills hit wherever they land.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isDeepStrictEqual } from "node:util";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixture, NOW, readTree, ROOT } from "../helpers/site.js";
import { generateCorpus } from "../helpers/corpus.js";

const CLI = path.join(ROOT, "bin/broadsheet.js");

/** How the output is published: a real folder (the default) or a link switched at once (--atomic-link). */
type Mode = "folder" | "link";

/** A project folder: content/, templates/, dist (a folder, or a link), .dist.builds/, cache/. */
function cliArgs(project: string, mode: Mode = "folder"): string[] {
  return [
    "build",
    "--content",
    path.join(project, "content"),
    "--templates",
    path.join(project, "templates"),
    "--public",
    path.join(ROOT, "public"),
    "--out",
    path.join(project, "dist"),
    "--cache",
    path.join(project, "cache"),
    "--now",
    NOW,
    "--jobs",
    "1",
    ...(mode === "link" ? ["--atomic-link"] : []),
  ];
}

function buildOk(project: string, mode: Mode = "folder"): string {
  const run = spawnSync(process.execPath, [CLI, ...cliArgs(project, mode)], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`build failed (${run.status} ${run.signal}): ${run.stderr}`);
  return run.stdout;
}

function buildKilledAt(project: string, point: string, mode: Mode = "folder") {
  return spawnSync(process.execPath, [CLI, ...cliArgs(project, mode)], {
    encoding: "utf8",
    env: { ...process.env, BROADSHEET_CRASH_AT: point },
  });
}

/**
 * What a folder-mode site may look like after a kill while it was being applied: every file whole,
 * either as before or as after, and no page a reader could reach before (old or changed pages)
 * linking to a page that is not there: new files are moved first, changed ones after them, and
 * deletions come last, so a new page becomes reachable only once every new page is in place.
 */
function expectEachFileWhole(seen: Map<string, string>, before: Map<string, string>, after: Map<string, string>): void {
  for (const [file, text] of seen)
    expect(
      text === before.get(file) || text === after.get(file),
      `${file} is neither the old nor the new version`,
    ).toBe(true);
  for (const file of new Set([...before.keys(), ...after.keys()]))
    if (before.has(file) && after.has(file)) expect(seen.has(file), `${file} is missing`).toBe(true);
  for (const [file, text] of seen) {
    if (!file.endsWith(".html") || !before.has(file)) continue;
    for (const [, href] of text.matchAll(/href="(\/[^"#?]*)"/g)) {
      const target = decodeURI(href!).slice(1);
      const exists = seen.has(target) || seen.has(`${target}index.html`) || seen.has(`${target}/index.html`);
      expect(exists, `${file} links to ${href}, which is not there`).toBe(true);
    }
  }
}

/** Copies a project, keeping the output link and the hard links between the two trees. */
async function copyProject(from: string): Promise<string> {
  const to = path.join(await mkdtemp(path.join(tmpdir(), "interrupted-")), "project");
  execFileSync("cp", ["-a", from, to]);
  return to;
}

const asText = (tree: Map<string, Buffer>) => new Map([...tree].map(([k, v]) => [k, v.toString("utf8")]));

describe.each(["folder", "link"] as const)("a build killed at each point of writing (%s mode)", (mode) => {
  let pristine: string;
  let before: Map<string, string>;
  let after: Map<string, string>;

  beforeAll(async () => {
    // v0 then v1 are built, so both trees exist and the standby one is a build behind; the
    // content is then changed to v2 (an edit, a new article, a removed one, new tags).
    pristine = path.join(await mkdtemp(path.join(tmpdir(), "interrupted-base-")), "project");
    await cp(path.join(fixture("basic"), "content"), path.join(pristine, "content"), { recursive: true });
    await cp(path.join(ROOT, "theme/templates"), path.join(pristine, "templates"), { recursive: true });
    const articles = path.join(pristine, "content/articles");
    buildOk(pristine, mode);
    writeFileSync(
      path.join(articles, "grid-data-format.md"),
      `${readFileSync(path.join(articles, "grid-data-format.md"), "utf8")}\nA v1 paragraph.\n`,
    );
    buildOk(pristine, mode);
    before = asText(await readTree(path.join(pristine, "dist")));

    writeFileSync(
      path.join(articles, "grid-data-format.md"),
      `${readFileSync(path.join(articles, "grid-data-format.md"), "utf8")}\nA v2 paragraph.\n`,
    );
    writeFileSync(
      path.join(articles, "storm.md"),
      "---\ntitle: Storm closes the harbour\ndate: 2026-11-25T08:00:00+01:00\ntags: [weather, harbour]\n---\nFerries stopped.\n",
    );
    rmSync(path.join(articles, "cafe-wifi.md"));
    // The site v2 should be: built from scratch elsewhere.
    const reference = path.join(await mkdtemp(path.join(tmpdir(), "interrupted-ref-")), "project");
    await cp(path.join(pristine, "content"), path.join(reference, "content"), { recursive: true });
    await cp(path.join(pristine, "templates"), path.join(reference, "templates"), { recursive: true });
    buildOk(reference, mode);
    after = asText(await readTree(path.join(reference, "dist")));
    expect(after).not.toEqual(before);
  });

  // Before the switch (link mode) or the plan (folder mode) readers see the old site; after it the
  // new one; folder mode moves files one by one, each whole ("each").
  const points: readonly (readonly [string, "before" | "after" | "each"])[] =
    mode === "link"
      ? ([
          ["locked", "before"],
          ["cache-temp-written", "before"],
          ["staged:1", "before"],
          ["staged:4", "before"],
          ["staged-all", "before"],
          // The cache index is saved before the switch, so a disk too full to save it leaves the old site.
          ["index-saving", "before"],
          ["manifest-written", "before"],
          ["link-made", "before"],
          ["swapped", "after"],
        ] as const)
      : ([
          ["locked", "before"],
          ["cache-temp-written", "before"],
          ["staged:1", "before"],
          ["staged-all", "before"],
          ["index-saving", "before"],
          ["plan-written", "before"],
          ["applied:1", "each"],
          ["applied:5", "each"],
        ] as const);
  it.each(points)("at %s: readers see the %s site, whole; the next build recovers", async (point, seen) => {
    const project = await copyProject(pristine);
    const killed = buildKilledAt(project, point, mode);
    expect(killed.signal, `the build should have died at ${point}: ${killed.stderr}`).toBe("SIGKILL");
    const site = asText(await readTree(path.join(project, "dist")));
    if (seen === "each") {
      expectEachFileWhole(site, before, after);
      expect(site).not.toEqual(before);
    } else expect(site).toEqual(seen === "before" ? before : after);
    // The dead build's lock is still there (unless it died before taking it): the next build takes it over.
    if (point !== "locked") expect(existsSync(path.join(project, ".dist.lock"))).toBe(true);

    const summary = buildOk(project, mode);
    expect(summary).toMatch(/^Built 4 articles/);
    expect(asText(await readTree(path.join(project, "dist")))).toEqual(after);
    expect(existsSync(path.join(project, ".dist.lock"))).toBe(false);
    // And it is really finished: one more build has nothing to do.
    expect(buildOk(project, mode)).toMatch(/\(0 rendered, 0 changed, 0 deleted\)/);
  });
});

describe.each(["folder", "link"] as const)("a build killed after a random delay (%s mode)", (mode) => {
  it(
    mode === "link"
      ? "leaves the old or the new site, whole, and the next build is correct"
      : "leaves every file whole, old or new, with no link to a missing page, and the next build is correct",
    async () => {
      const content = await generateCorpus(100);
      const project = path.join(path.dirname(content), "project");
      await cp(content, path.join(project, "content"), { recursive: true });
      await cp(path.join(ROOT, "theme/templates"), path.join(project, "templates"), { recursive: true });
      buildOk(project, mode);
      const before = asText(await readTree(path.join(project, "dist")));
      // A template edit re-renders every page: a long write phase to land in.
      const card = path.join(project, "templates/partials/card.hbs");
      writeFileSync(card, readFileSync(card, "utf8").replace("card__meta", "card__meta card__meta--v2"));
      const reference = await copyProject(project);
      const started = performance.now();
      buildOk(reference, mode);
      const took = performance.now() - started;
      const after = asText(await readTree(path.join(reference, "dist")));

      const outcomes: string[] = [];
      // Kill at fractions of the time the same build took here, so the kills land inside it. The
      // machine is shared (other test files run beside this one): a build that finished before its
      // kill is tried again sooner, until four kills have landed or ten builds have run.
      let fraction = 0.85;
      for (let attempt = 0; attempt < 10 && outcomes.filter((o) => o === "SIGKILL").length < 4; attempt++) {
        const delay = Math.round(fraction * took);
        const copy = await copyProject(project);
        const child = spawn(process.execPath, [CLI, ...cliArgs(copy, mode)], { stdio: "ignore" });
        const exited = new Promise<string>((resolve) =>
          child.on("exit", (code, signal) => resolve(signal ?? `exit ${code}`)),
        );
        setTimeout(() => child.kill("SIGKILL"), delay);
        const outcome = await exited;
        outcomes.push(outcome);
        fraction = outcome === "SIGKILL" ? Math.max(0.1, fraction - 0.2) : fraction / 2;
        const seen = asText(await readTree(path.join(copy, "dist")));
        if (mode === "link") {
          const side = isDeepStrictEqual(seen, before) ? "old" : isDeepStrictEqual(seen, after) ? "new" : "mixed";
          expect(side, `the site after a kill at ${delay} ms`).not.toBe("mixed");
        } else expectEachFileWhole(seen, before, after);
        buildOk(copy, mode);
        expect(asText(await readTree(path.join(copy, "dist")))).toEqual(after);
      }
      // At least some kills must have landed inside the build, or the test proves nothing.
      expect(outcomes.filter((o) => o === "SIGKILL").length).toBeGreaterThanOrEqual(3);
    },
  );
});

describe("a build killed while rendering", () => {
  it("keeps what it rendered: the next build renders only the bodies it had not finished", async () => {
    const project = path.join(await mkdtemp(path.join(tmpdir(), "interrupted-render-")), "project");
    await cp(path.join(ROOT, "theme/templates"), path.join(project, "templates"), { recursive: true });
    const articles = path.join(project, "content/articles");
    mkdirSync(articles, { recursive: true });
    for (let i = 0; i < 200; i++) {
      writeFileSync(
        path.join(articles, `story-${i}.md`),
        `---\ntitle: Story ${i}\ndate: 2026-11-${String(1 + (i % 25)).padStart(2, "0")}T08:00:00Z\ntags: [t${i % 7}]\n---\nParagraph ${i} with **bold** text.\n\n## Section\n\nMore of story ${i}.\n`,
      );
    }
    // Killed after 180 of 200 bodies (90%): the journal holds them in groups of 32, so 160 survive.
    const killed = buildKilledAt(project, "rendered:180");
    expect(killed.signal).toBe("SIGKILL");
    const summary = buildOk(project);
    const rendered = Number(/\((\d+) rendered/.exec(summary)?.[1]);
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThanOrEqual(40);
    // And the site is the one a build that was never killed makes.
    const reference = path.join(await mkdtemp(path.join(tmpdir(), "interrupted-render-ref-")), "project");
    await cp(path.join(project, "content"), path.join(reference, "content"), { recursive: true });
    await cp(path.join(project, "templates"), path.join(reference, "templates"), { recursive: true });
    expect(buildOk(reference)).toMatch(/\(200 rendered/);
    expect(asText(await readTree(path.join(project, "dist")))).toEqual(
      asText(await readTree(path.join(reference, "dist"))),
    );
  });
});

describe("two builds at once", () => {
  it("the second is refused with a clear message while the first holds the lock", async () => {
    const project = path.join(await mkdtemp(path.join(tmpdir(), "locked-")), "project");
    await cp(path.join(fixture("basic"), "content"), path.join(project, "content"), { recursive: true });
    await cp(path.join(ROOT, "theme/templates"), path.join(project, "templates"), { recursive: true });
    // A live process holds the lock: this test's own.
    const { hostname } = await import("node:os");
    writeFileSync(
      path.join(project, ".dist.lock"),
      JSON.stringify({ pid: process.pid, host: hostname(), boot: null, since: "2026-11-26T12:00:00.000Z", token: "t" }),
    );
    const run = spawnSync(process.execPath, [CLI, ...cliArgs(project)], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `error Another build is writing this site (process ${process.pid} on ${hostname()}, since 2026-11-26T12:00:00.000Z) [BuildLocked]`,
    );
    expect(run.stderr).toContain("If no build is running (e.g. it ran on another machine), remove");
    expect(existsSync(path.join(project, "dist"))).toBe(false);
  });
});

describe("a first build (no output folder yet) killed while publishing", () => {
  // The staged tree becomes the output with one rename: killed before it, there is no site; after
  // it, the whole site. Either way the next build finishes, and equals a build never interrupted.
  it.each(["plan-written", "tree-swapped"])(
    "at %s: no site or the whole site; the next build recovers",
    async (point) => {
      const project = path.join(await mkdtemp(path.join(tmpdir(), "interrupted-first-")), "project");
      await cp(path.join(fixture("basic"), "content"), path.join(project, "content"), { recursive: true });
      await cp(path.join(ROOT, "theme/templates"), path.join(project, "templates"), { recursive: true });
      const reference = await copyProject(project);
      buildOk(reference);
      const whole = asText(await readTree(path.join(reference, "dist")));
      expect(buildKilledAt(project, point).signal).toBe("SIGKILL");
      const site = existsSync(path.join(project, "dist"))
        ? asText(await readTree(path.join(project, "dist")))
        : new Map();
      expect(site.size === 0 || point === "tree-swapped").toBe(true);
      if (point === "tree-swapped") expect(site).toEqual(whole);
      expect(buildOk(project)).toMatch(/^Built 4 articles/);
      expect(asText(await readTree(path.join(project, "dist")))).toEqual(whole);
      expect(buildOk(project)).toMatch(/\(0 rendered, 0 changed, 0 deleted\)/);
    },
  );
});
