/** The dev server end to end: a temp copy of the basic fixture served over HTTP, edited on disk. */
import { cp, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { connect } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, NOW, ROOT } from "../helpers/site.js";
import { build } from "../../src/build.js";
import { startDevServer } from "../../src/dev/dev-server.js";
import { EventReader, rawExchange, rawRequest, startDevSite, type DevSite } from "./dev-site.js";

const ARTICLE = "/articles/grid-data-format/";
const SCRIPT_TAG = /<script src="\/__broadsheet\/client\.js" data-build="[^"]+" defer><\/script>\s*<\/head>/;

const get = async (site: DevSite, urlPath: string, init?: RequestInit) => {
  const res = await fetch(new URL(urlPath, site.server.url), { redirect: "manual", ...init });
  return { status: res.status, type: res.headers.get("content-type"), headers: res.headers, body: await res.text() };
};

describe("the dev server", () => {
  let site: DevSite;
  let events: EventReader;
  let articleFile: string;
  let original: string;

  beforeAll(async () => {
    site = await startDevSite();
    articleFile = path.join(site.content, "articles/grid-data-format.md");
    original = await readFile(articleFile, "utf8");
    events = await EventReader.open(site.server.url);
    // A stream opened without a build id is told to load the current build.
    expect((await events.next()).name).toBe("reload");
  });

  afterAll(async () => {
    events?.close();
    await site?.close();
  });

  /** Writes the article and resolves to the first event the resulting build sends. */
  const saveArticle = async (text: string, expected: "reload" | "error") => {
    await writeFile(articleFile, text);
    return events.waitFor(expected);
  };

  it("serves the home page and an article as HTML carrying the live-reload script, on 127.0.0.1", async () => {
    expect(site.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await get(site, "/");
    expect(home.status).toBe(200);
    expect(home.type).toBe("text/html; charset=utf-8");
    expect(home.body).toMatch(SCRIPT_TAG);
    expect(home.body).toContain("Fixture Gazette");
    const article = await get(site, ARTICLE);
    expect(article.status).toBe(200);
    expect(article.body).toMatch(SCRIPT_TAG);
    expect(article.body).toContain("<h1");
    expect(article.body).toContain("Grid operators agree on a common data format");
    expect(article.headers.get("cache-control")).toBe("no-store");
  });

  it("builds into <cache>/dev-site with the site's own base URL (as published) and leaves the script out of the files", async () => {
    const onDisk = await readFile(path.join(site.cache, "dev-site/articles/grid-data-format/index.html"), "utf8");
    expect(onDisk).not.toContain("__broadsheet");
    expect(onDisk).toContain('<link rel="canonical" href="https://fixture.example/articles/grid-data-format/">');
    expect(site.log.join("\n")).toMatch(/^Built 5 articles, \d+ pages, \d+ files \(5 rendered\) in [\d.]+ s$/m);
  });

  it("serves drafts", async () => {
    const draft = await get(site, "/articles/draft-piece/");
    expect(draft.status).toBe(200);
    expect(draft.body).toContain("A draft");
  });

  it("serves CSS, SVG, feeds and the client script with their content types", async () => {
    const css = await get(site, "/assets/site.css");
    expect([css.status, css.type]).toEqual([200, "text/css; charset=utf-8"]);
    expect(css.body).toBe(await readFile(path.join(ROOT, "theme/public/assets/site.css"), "utf8"));
    expect((await get(site, "/assets/logo.svg")).type).toBe("image/svg+xml");
    const feed = await get(site, "/feed.xml");
    expect([feed.status, feed.type]).toEqual([200, "application/xml; charset=utf-8"]);
    expect(feed.body).not.toContain("__broadsheet");
    const client = await get(site, "/__broadsheet/client.js");
    expect([client.status, client.type]).toEqual([200, "text/javascript; charset=utf-8"]);
    expect(client.body).toContain('new EventSource("/__broadsheet/events?build="');
    expect(client.body).not.toContain("innerHTML");
  });

  it("answers a missing file with the site's 404 page and status 404", async () => {
    const missing = await get(site, "/articles/no-such-story/");
    expect(missing.status).toBe(404);
    expect(missing.type).toBe("text/html; charset=utf-8");
    expect(missing.body).toContain("We couldn’t find that page");
    expect(missing.body).toMatch(SCRIPT_TAG);
    expect((await get(site, "/assets/site.css/")).status).toBe(404);
  });

  it("redirects a folder without its slash, keeping the query", async () => {
    const tags = await get(site, "/tags?from=nav");
    expect(tags.status).toBe(301);
    expect(tags.headers.get("location")).toBe("/tags/?from=nav");
    expect((await get(site, "/tags/")).status).toBe(200);
  });

  it("answers HEAD without a body and refuses other methods with 405", async () => {
    const head = await get(site, ARTICLE, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(1000);
    expect(head.body).toBe("");
    const post = await get(site, ARTICLE, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("refuses every path that tries to leave the output folder", async () => {
    await writeFile(path.join(site.dir, "secret.txt"), "TOP-SECRET-OUTSIDE");
    await writeFile(path.join(site.cache, "secret.txt"), "TOP-SECRET-IN-CACHE");
    const attempts = [
      "/../package.json",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/..%2fpackage.json",
      "/assets/..%5c..%5cpackage.json",
      "/assets\\..\\..\\secret.txt",
      "/../secret.txt",
      "/../../secret.txt",
      "/../../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E/%2E%2E/secret.txt",
      "/..%2f..%2fsecret.txt",
      "/assets/../../secret.txt",
      "/%2fetc%2fpasswd",
      "//etc/passwd",
      "/index.html%00.css",
      "/%00",
    ];
    for (const attempt of attempts) {
      const res = await rawRequest(site.server.url, attempt);
      expect([400, 403, 404], attempt).toContain(res.status);
      expect(res.body, attempt).not.toMatch(/TOP-SECRET|root:x:0:0|"name": "broadsheet"/);
    }
  });

  it("refuses a raw NUL byte in the path and keeps serving", async () => {
    const answer = await rawExchange(
      site.server.url,
      "GET /index.html\0.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect((await get(site, "/")).status).toBe(200);
  });

  it("does not follow a link that points out of the output folder", async () => {
    const live = await realpath(path.join(site.cache, "dev-site"));
    await writeFile(path.join(site.dir, "outside.txt"), "TOP-SECRET-LINKED");
    await symlink(path.join(site.dir, "outside.txt"), path.join(live, "leak.txt"));
    await symlink(site.dir, path.join(live, "leak-dir"));
    for (const attempt of ["/leak.txt", "/leak-dir/outside.txt", "/leak-dir/"]) {
      const res = await get(site, attempt);
      expect(res.status, attempt).toBe(403);
      expect(res.body).not.toContain("TOP-SECRET");
    }
  });

  it("sends reload after an article is edited, and then serves the new text", async () => {
    const reload = await saveArticle(original.replace("takes effect in January", "takes effect in February"), "reload");
    expect(reload.data.build).toEqual(expect.any(String));
    const page = await get(site, ARTICLE);
    expect(page.body).toContain("takes effect in February");
    expect(page.body).toContain(`data-build="${String(reload.data.build)}"`);
    expect(site.log.filter((line) => line.startsWith("Changed "))).toEqual([
      expect.stringMatching(/^Changed \S*grid-data-format\.md$/),
    ]);
    // What is deleted is the search index's files for the old text (docs/search.md), nothing else.
    expect(site.log.join("\n")).toMatch(/^Rebuilt in \d+ ms \(1 rendered, \d+ changed, [1-9]\d* deleted\)$/m);
    expect(await get(site, "/search/")).toMatchObject({ status: 200 });
  });

  it.each([
    [
      "invalid YAML",
      (text: string) =>
        text.replace("title: Grid operators agree on a common data format", "title: Grid operators: agree"),
      "YamlSyntax",
      2,
    ],
    ["a missing title", (text: string) => text.replace(/^title: .*\n/m, ""), "MissingField", 2],
  ])(
    "reports %s with file and line, keeps serving the last good page, and reloads once fixed",
    async (_what, breakIt, code, line) => {
      const error = await saveArticle(breakIt(original), "error");
      const problems = error.data.problems as {
        code: string;
        file?: string;
        line?: number;
        message: string;
        frame?: string;
      }[];
      expect(error.data.omitted).toBe(0);
      expect(problems).toContainEqual(
        expect.objectContaining({ code, line, file: expect.stringMatching(/articles[/\\]grid-data-format\.md$/) }),
      );
      // The code frame quotes the offending line, with the line number.
      expect(problems.find((p) => p.code === code)?.frame).toMatch(new RegExp(`^> ${line} \\| `, "m"));
      expect(site.log.join("\n")).toMatch(new RegExp(`grid-data-format\\.md:${line}:\\d+ error .*\\[${code}\\]`));
      const stale = await get(site, ARTICLE);
      expect(stale.status).toBe(200);
      expect(stale.body).toContain("Grid operators agree on a common data format");

      // A page that connects now is shown the problems straight away.
      const build = /data-build="([^"]+)"/.exec(stale.body)![1]!;
      const late = await EventReader.open(site.server.url, build);
      const greeting = await late.next();
      late.close();
      expect(greeting.name).toBe("error");
      expect(greeting.data.problems).toEqual(problems);

      await saveArticle(original.replace("common data format", `common data format, take ${code}`), "reload");
      expect((await get(site, ARTICLE)).body).toContain(`common data format, take ${code}`);
    },
  );

  it("rebuilds when a template changes, and reports a broken template by file", async () => {
    const layout = path.join(site.templates, "layouts/article.hbs");
    const template = await readFile(layout, "utf8");
    await writeFile(layout, `${template}\n<p class="dev-marker">Edited layout</p>\n`);
    await events.waitFor("reload");
    expect((await get(site, ARTICLE)).body).toContain("Edited layout");
    await writeFile(layout, `${template}\n{{#if}}\n`);
    const error = await events.waitFor("error");
    expect(error.data.problems).toContainEqual(
      expect.objectContaining({ code: "TemplateSyntax", file: expect.stringMatching(/article\.hbs$/) }),
    );
    await writeFile(layout, template);
    await events.waitFor("reload");
    expect((await get(site, ARTICLE)).body).not.toContain("Edited layout");
  });

  it("rebuilds when site.yaml or a public file changes", async () => {
    const siteYaml = path.join(site.content, "site.yaml");
    await writeFile(
      siteYaml,
      (await readFile(siteYaml, "utf8")).replace("title: Fixture Gazette", "title: Fixture Evening Gazette"),
    );
    await events.waitFor("reload");
    expect((await get(site, "/")).body).toContain("Fixture Evening Gazette");
    const css = path.join(site.dir, "public/assets/site.css");
    await writeFile(
      css,
      `${await readFile(css, "utf8")}
.dev-marker { color: red; }
`,
    );
    await events.waitFor("reload");
    expect((await get(site, "/assets/site.css")).body).toContain(".dev-marker { color: red; }");
  });

  it("tells a page from an older build to reload as soon as it connects", async () => {
    const stale = await EventReader.open(site.server.url, "an-old-build");
    expect((await stale.next()).name).toBe("reload");
    stale.close();
    const current = /data-build="([^"]+)"/.exec((await get(site, "/")).body)![1]!;
    const fresh = await EventReader.open(site.server.url, current);
    expect((await fresh.next()).name).toBe("ok");
    fresh.close();
  });
});

describe("the dev server's edges", () => {
  it("binds to 127.0.0.1 only by default", async () => {
    const site = await startDevSite();
    try {
      const { port } = new URL(site.server.url);
      expect(site.server.url).toBe(`http://127.0.0.1:${port}/`);
      // 127.0.0.2 is loopback too: a server on all interfaces would answer there.
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), "127.0.0.2", () => (socket.destroy(), resolve("connected")));
        socket.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
      });
      expect(outcome).toBe("ECONNREFUSED");
    } finally {
      await site.close();
    }
  });

  it("survives an exception thrown by the build, shows it, and recovers", async () => {
    let isBroken = false;
    const clock = () => {
      if (isBroken) throw new Error("the clock fell off the wall");
      return Date.parse(NOW);
    };
    const site = await startDevSite({ now: undefined, clock });
    const events = await EventReader.open(site.server.url);
    try {
      expect((await events.next()).name).toBe("reload");
      const file = path.join(site.content, "articles/cafe-wifi.md");
      const text = await readFile(file, "utf8");
      isBroken = true;
      await writeFile(file, `${text}\nA new line.\n`);
      const error = await events.waitFor("error");
      expect(error.data.problems).toEqual([
        expect.objectContaining({
          code: "InternalError",
          message: "Internal error: the clock fell off the wall",
          frame: expect.stringContaining("Error: the clock fell off the wall"),
        }),
      ]);
      expect(site.log.join("\n")).toContain("Internal error: the build threw an exception");
      expect((await fetch(new URL("/articles/cafe-wifi/", site.server.url))).status).toBe(200);
      isBroken = false;
      await writeFile(file, `${text}\nA newer line.\n`);
      await events.waitFor("reload");
      expect(await (await fetch(new URL("/articles/cafe-wifi/", site.server.url))).text()).toContain("A newer line.");
    } finally {
      events.close();
      await site.close();
    }
  });

  it("serves a site with a base path under it, as it will be published", async () => {
    const site = await startDevSite({ baseUrl: "https://fixture.example/news/" });
    try {
      const root = await get(site, "/");
      expect(root.status).toBe(302);
      expect(root.headers.get("location")).toBe("/news/");
      const article = await get(site, "/news/articles/grid-data-format/");
      expect(article.status).toBe(200);
      expect(article.body).toContain('href="/news/tags/');
      expect((await get(site, "/news/articles/grid-data-format")).headers.get("location")).toBe(
        "/news/articles/grid-data-format/",
      );
      expect((await get(site, "/articles/grid-data-format/")).status).toBe(404);
      expect((await get(site, "/news/assets/site.css")).type).toMatch(/^text\/css/);
    } finally {
      await site.close();
    }
  });

  it("reuses the bodies `broadsheet build` rendered: the first dev build renders only the draft", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-reuse-"));
    const paths = {
      content: path.join(dir, "content"),
      templates: path.join(ROOT, "templates"),
      public: path.join(ROOT, "public"),
      cache: path.join(dir, "cache"),
      out: path.join(dir, "dist"),
    };
    await cp(path.join(fixture("basic"), "content"), paths.content, { recursive: true });
    const built = await build({ now: NOW, threads: 1, paths });
    expect(built.stats.rendered).toBe(4);
    const log: string[] = [];
    const server = await startDevServer({ port: 0, now: NOW, threads: 1, log: (line) => log.push(line), paths });
    try {
      await server.whenIdle();
      expect(log.join("\n")).toMatch(/^Built 5 articles, \d+ pages, \d+ files \(1 rendered\) in [\d.]+ s$/m);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("works without a public folder: the theme's assets are served", async () => {
    // The fixture's pictures live in public/: without it they are missing, warnings in an archive.
    const site = await startDevSite({ paths: { public: "/nonexistent/broadsheet-public" } }, "missingImages: warn\n");
    try {
      expect((await fetch(new URL("/articles/cafe-wifi/", site.server.url))).status).toBe(200);
      expect((await fetch(new URL("/assets/site.css", site.server.url))).status).toBe(200);
      expect((await fetch(new URL("/images/heat-reuse.svg", site.server.url))).status).toBe(404);
      expect(site.log.join("\n")).not.toMatch(/Cannot watch/);
    } finally {
      await site.close();
    }
  });

  it("ends event streams and stops listening on close", async () => {
    const site = await startDevSite();
    const events = await EventReader.open(site.server.url);
    await site.close();
    await events.ended;
    await expect(fetch(site.server.url)).rejects.toThrow();
  });

  it("puts the dev build in a temp folder when there is no cache, and removes it on close", async () => {
    const site = await startDevSite({ paths: { cache: null } });
    const log = site.log.join("\n");
    const outDir = /^Dev build \(drafts included\) in (.*)$/m.exec(log)?.[1];
    expect(outDir).toMatch(/broadsheet-dev-[^/]+[/\\]dev-site$/);
    const home = await fetch(site.server.url);
    expect(home.status).toBe(200);
    await site.close();
    await expect(realpath(path.resolve(outDir!))).rejects.toThrow();
  });
});
