/** `broadsheet preview`: the built site served as it will be published, on loopback, under its base path. */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { startPreviewServer, type PreviewServer } from "../../src/preview/preview-server.js";
import { buildInto, fixture } from "../helpers/site.js";
import { CLI } from "../helpers/project.js";
import { requestWithHeaders } from "../dev/dev-site.js";

const ARTICLE = "articles/grid-data-format/";
const temps: string[] = [];
const servers: PreviewServer[] = [];

/** Builds `content` into a temp folder (removed in afterAll); returns the output folder. */
async function built(content: string): Promise<string> {
  const { out, result } = await buildInto(content, { threads: 1 });
  temps.push(path.dirname(out));
  expect(result.isOk).toBe(true);
  return out;
}

/** The basic fixture's content with another baseUrl, in a temp folder. */
function contentWithBaseUrl(baseUrl: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "broadsheet-preview-content-"));
  temps.push(dir);
  const content = path.join(dir, "content");
  cpSync(path.join(fixture("basic"), "content"), content, { recursive: true });
  const siteYaml = path.join(content, "site.yaml");
  writeFileSync(siteYaml, readFileSync(siteYaml, "utf8").replace(/^baseUrl: .*$/m, `baseUrl: ${baseUrl}`));
  return content;
}

async function serve(outDir: string, basePath = ""): Promise<PreviewServer> {
  const server = await startPreviewServer({ outDir, basePath, port: 0 });
  servers.push(server);
  return server;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("the preview server", () => {
  let out: string;
  let server: PreviewServer;
  beforeAll(async () => {
    out = await built(path.join(fixture("basic"), "content"));
    server = await serve(out);
  });

  it("serves an article as built: HTML with no live-reload client", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(new URL(ARTICLE, server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const body = await res.text();
    expect(body).toBe(readFileSync(path.join(out, ARTICLE, "index.html"), "utf8"));
    expect(body).not.toContain("__broadsheet");
  });

  it("answers an unknown path with the site's 404 page and status 404", async () => {
    const res = await fetch(new URL("no/such/page/", server.url));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(readFileSync(path.join(out, "404.html"), "utf8"));
  });

  it("does not serve drafts (only what the build wrote)", async () => {
    expect((await fetch(new URL("articles/draft-piece/", server.url))).status).toBe(404);
    expect((await fetch(new URL("__broadsheet/client.js", server.url))).status).toBe(404);
  });

  it("answers 421 to a request for another host (DNS rebinding)", async () => {
    const { port } = new URL(server.url);
    const refused = await requestWithHeaders(server.url, `/${ARTICLE}`, { host: `attacker.example:${port}` });
    expect(refused.status).toBe(421);
    expect(refused.body).toMatch(/^Misdirected request: this preview server answers only to the hosts 127\.0\.0\.1:/);
    expect((await requestWithHeaders(server.url, `/${ARTICLE}`, { host: `localhost:${port}` })).status).toBe(200);
  });

  it("answers GET and HEAD only", async () => {
    expect((await fetch(new URL(ARTICLE, server.url), { method: "POST" })).status).toBe(405);
    const head = await fetch(new URL(ARTICLE, server.url), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("a site under a path", () => {
  it("is served under its base path, and / redirects there", async () => {
    const out = await built(contentWithBaseUrl("https://x.example/news/"));
    const server = await serve(out, "/news");
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/news\/$/);
    const root = new URL(server.url).origin;
    const redirect = await fetch(`${root}/`, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("/news/");
    expect((await fetch(`${root}/news/${ARTICLE}`)).status).toBe(200);
    expect((await fetch(`${root}/${ARTICLE}`)).status).toBe(404);
  });
});

describe("broadsheet preview", () => {
  it("reads the base path from site.yaml, prints the address and stops on Ctrl-C", async () => {
    const content = contentWithBaseUrl("https://x.example/news/");
    const out = await built(content);
    const child = spawn(process.execPath, [CLI, "preview", "--port", "0", "--out", out, "--content", content], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
          if (text.includes("\n")) resolve(text.split("\n")[0]!);
        });
        child.on("exit", () => reject(new Error(`preview exited before listening: ${text}`)));
      });
      const url = /^Previewing (http:\/\/127\.0\.0\.1:\d+\/news\/) \(the built site in (.*); Ctrl-C stops\)$/.exec(
        line,
      );
      expect(url, line).not.toBeNull();
      expect(url![2]).toBe(out);
      expect((await fetch(new URL(ARTICLE, url![1]))).status).toBe(200);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  it("exits 1 when there is no built site", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "broadsheet-preview-empty-"));
    temps.push(dir);
    const stderr: string[] = [];
    const code = await main(
      ["preview", "--out", path.join(dir, "dist")],
      () => {},
      (s) => stderr.push(s),
    );
    expect(code).toBe(1);
    expect(stderr.join("\n")).toBe(
      `Nothing to preview: run \`broadsheet build\` first (${path.join(dir, "dist")} holds no built site).`,
    );
  });
});
