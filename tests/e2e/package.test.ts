/**
 * The package is the product: `npm pack`, installed into an empty folder, starts a site of its own
 * (`init`), builds it with the default theme and none of the sample site's branding, into a folder
 * that tar and cp copy whole, and previews it as published (the site's 404 page with status 404).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, readTree } from "../helpers/site.js";

let work: string;
let tarball: string;
let files: string[];

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "broadsheet-package-"));
  // lib/ is compiled by `npm test` before the tests run; packing must not recompile it under them.
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], {
      cwd: ROOT,
      encoding: "utf8",
    }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path).sort();
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the package", () => {
  it("holds the generator, the theme and the docs, and no tests, fixtures or sample site", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "bin/broadsheet.js",
        "lib/cli.js",
        "lib/index.js",
        "lib/index.d.ts",
        "lib/markdown/render-worker.js",
        "theme/templates/base.hbs",
        "theme/public/assets/site.css",
        "theme/public/assets/logo.svg",
        "docs/templates.md",
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        "package.json",
      ]),
    );
    expect(
      files.filter((f) => /^(src|tests|content|templates|public|bench|\.ci)\//.test(f) || f.endsWith(".map")),
    ).toEqual([]);
    // The theme carries no branding of the sample site.
    for (const f of files.filter((p) => p.startsWith("theme/")))
      expect(readFileSync(path.join(ROOT, f), "utf8"), f).not.toMatch(/Relay/);
  });

  it("installs into an empty folder, starts a site with init, builds it with the theme, and the output copies whole", {
    timeout: 240_000,
  }, async () => {
    const home = path.join(work, "empty");
    mkdirSync(home);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], {
      cwd: home,
      stdio: "pipe",
    });
    const bin = path.join(home, "node_modules/.bin/broadsheet");
    expect(existsSync(bin)).toBe(true);
    const init = spawnSync(
      bin,
      ["init", "news", "--title", "Harbour Times", "--base-url", "https://news.harbour.example/"],
      { cwd: home, encoding: "utf8" },
    );
    expect(init.status, init.stderr).toBe(0);
    const site = path.join(home, "news");
    // `npx broadsheet build` in the new site, as its README says.
    const built = spawnSync("npx", ["--no-install", "broadsheet", "build"], { cwd: site, encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^Built 1 articles, \d+ pages, \d+ files/);
    const tree = await readTree(path.join(site, "dist"));
    expect([...tree.keys()]).toEqual(
      expect.arrayContaining([
        "index.html",
        "feed.xml",
        "404.html",
        "about/index.html",
        "assets/site.css",
        "assets/logo.svg",
        "favicon.svg",
      ]),
    );
    for (const [file, bytes] of tree) expect(bytes.toString("latin1"), file).not.toMatch(/Relay|relay\.example/);
    expect(tree.get("assets/logo.svg")!.equals(readFileSync(path.join(ROOT, "theme/public/assets/logo.svg")))).toBe(
      true,
    );

    execFileSync("tar", ["czf", "site.tgz", "dist"], { cwd: site });
    mkdirSync(path.join(site, "unpacked"));
    execFileSync("tar", ["xzf", "../site.tgz"], { cwd: path.join(site, "unpacked") });
    expect(await readTree(path.join(site, "unpacked/dist"))).toEqual(tree);
    execFileSync("cp", ["-r", "dist", "copy"], { cwd: site });
    expect(await readTree(path.join(site, "copy"))).toEqual(tree);

    // `npx broadsheet preview`: an unknown URL is the site's 404 page, with status 404.
    // Its own process group: npx starts the server as a child, and both must stop with the test.
    const preview = spawn("npx", ["--no-install", "broadsheet", "preview", "--port", "0"], {
      cwd: site,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = "";
        preview.stdout.on("data", (chunk: Buffer) => {
          seen += chunk.toString();
          const found = /Previewing (http:\/\/\S+)/.exec(seen);
          if (found) resolve(found[1]!);
        });
        preview.on("exit", (code) => reject(new Error(`preview exited ${code}: ${seen}`)));
      });
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        request(new URL("no-such-page/", url), (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on("error", reject)
          .end();
      });
      expect(answer.status).toBe(404);
      expect(answer.body).toBe(tree.get("404.html")!.toString("utf8"));
    } finally {
      process.kill(-preview.pid!, "SIGTERM");
    }
    expect(readdirSync(site).sort()).toEqual(
      [
        ".dist.builds",
        ".github",
        ".gitignore",
        ".cache",
        "content",
        "copy",
        "dist",
        "package.json",
        "site.tgz",
        "unpacked",
      ].sort(),
    );
  });
});
