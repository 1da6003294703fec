/** The dev server against DNS rebinding and stream floods, over real HTTP with forged Host and Origin. */
import { createServer } from "node:http";
import { connect } from "node:net";
import { lookup } from "node:dns/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveEvents, MAX_EVENT_STREAMS } from "../../src/dev/live-events.js";
import { serveRequest } from "../../src/dev/serve-request.js";
import { requestWithHeaders, startDevSite, type DevSite, type OpenResponse } from "./dev-site.js";

const DRAFT = "/articles/draft-piece/";
const DRAFT_TITLE = "A draft";
const EVENTS = "/__broadsheet/events?build=";

// The machine's name, when it resolves to loopback only (as in many /etc/hosts): a --host name the
// dev server can be started with in a test without binding to a LAN address.
const machine = hostname();
const machineAddresses = await lookup(machine, { all: true }).catch(() => []);
const isLoopbackName =
  machine.toLowerCase() !== "localhost" &&
  machineAddresses.length > 0 &&
  machineAddresses.every((a) => a.address.startsWith("127.") || a.address === "::1");

describe("the dev server's Host and Origin checks", () => {
  let site: DevSite;
  let port: number;
  let other: number;

  beforeAll(async () => {
    site = await startDevSite();
    port = Number(new URL(site.server.url).port);
    other = port === 65535 ? port - 1 : port + 1;
  });

  afterAll(async () => {
    await site?.close();
  });

  const ask = (urlPath: string, headers: Record<string, string>, method?: string) =>
    requestWithHeaders(site.server.url, urlPath, headers, method);

  it("answers a draft asked for under another domain with 421 and a plain-text note, not the draft", async () => {
    const refused = await ask(DRAFT, { host: `attacker.example:${port}` });
    expect(refused.status).toBe(421);
    expect(refused.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(refused.body).not.toContain(DRAFT_TITLE);
    expect(refused.body).not.toContain("Still being written");
    expect(refused.body).not.toContain("__broadsheet");
    expect(refused.body).toBe(
      `Misdirected request: this dev server answers only to the hosts 127.0.0.1:${port}, localhost:${port}, [::1]:${port}, or an IP address with port ${port}.\n`,
    );

    const served = await ask(DRAFT, { host: `127.0.0.1:${port}` });
    expect(served.status).toBe(200);
    expect(served.body).toContain(DRAFT_TITLE);
  });

  it.each([
    ["127.0.0.1:PORT"],
    ["localhost:PORT"],
    ["LOCALHOST:PORT"],
    ["[::1]:PORT"],
    ["192.168.1.5:PORT"],
    ["[fe80::1]:PORT"],
  ])("serves the draft under Host %s", async (host) => {
    const res = await ask(DRAFT, { host: host.replace("PORT", String(port)) });
    expect(res.status).toBe(200);
    expect(res.body).toContain(DRAFT_TITLE);
  });

  it.each([
    ["attacker.example:PORT"],
    ["localhost:OTHER"],
    ["127.0.0.1"],
    ["localhost.:PORT"],
    ["localhost.attacker.example:PORT"],
    ["127.0.0.1:PORT@evil"],
    ["evil.com#@127.0.0.1:PORT"],
  ])("refuses the draft under Host %j with 421", async (host) => {
    const res = await ask(DRAFT, { host: host.replace("PORT", String(port)).replace("OTHER", String(other)) });
    expect(res.status).toBe(421);
    expect(res.body).not.toContain(DRAFT_TITLE);
  });

  it("checks Host before the event stream, the client script, the method and the path", async () => {
    const host = `attacker.example:${port}`;
    const stream = await ask(EVENTS, { host });
    stream.close();
    expect(stream.status).toBe(421);
    expect(stream.headers["content-type"]).not.toMatch(/event-stream/);
    const client = await ask("/__broadsheet/client.js", { host });
    expect(client.status).toBe(421);
    expect(client.body).not.toContain("EventSource");
    expect((await ask(DRAFT, { host }, "POST")).status).toBe(421);
    expect((await ask("/../secret.txt", { host })).status).toBe(421);
    const head = await ask(DRAFT, { host }, "HEAD");
    expect([head.status, head.body]).toEqual([421, ""]);
  });

  // Raw bytes: http.request would put its own Host in place of a missing or empty one.
  it("refuses a request without exactly one non-empty Host header with 421", async () => {
    const statusOf = async (bytes: string) => /^HTTP\/1\.1 (\d+) /.exec(await exchangeKeepingOpen(port, bytes))?.[1];
    expect(await statusOf(`GET ${DRAFT} HTTP/1.1\r\nConnection: close\r\n\r\n`)).toBe("421");
    expect(await statusOf(`GET ${DRAFT} HTTP/1.0\r\n\r\n`)).toBe("421");
    expect(await statusOf(`GET ${DRAFT} HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n`)).toBe("421");
    expect(
      await statusOf(
        `GET ${DRAFT} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`,
      ),
    ).toBe("421");
    // The same requests with one good Host are served.
    expect(await statusOf(`GET ${DRAFT} HTTP/1.0\r\nHost: localhost:${port}\r\n\r\n`)).toBe("200");
    expect(await statusOf(`GET ${DRAFT} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).toBe("200");
  });

  it("refuses the event stream to a page of another origin with 403, and opens it for its own pages", async () => {
    const host = `127.0.0.1:${port}`;
    for (const origin of [
      `http://attacker.example:${port}`,
      `http://localhost:${other}`,
      "null",
      `https://127.0.0.1:${port}`,
    ]) {
      const refused = await ask(EVENTS, { host, origin });
      refused.close();
      expect(refused.status, origin).toBe(403);
      expect(refused.headers["content-type"], origin).toBe("text/plain; charset=utf-8");
    }
    const accepted: Record<string, string>[] = [
      { host, origin: `http://127.0.0.1:${port}` },
      { host, origin: `http://localhost:${port}` },
      { host },
    ];
    for (const headers of accepted) {
      const opened = await ask(EVENTS, headers);
      opened.close();
      expect(opened.status, headers.origin).toBe(200);
      expect(opened.headers["content-type"], headers.origin).toBe("text/event-stream; charset=utf-8");
    }
  });

  it(`answers 503 with retry-after beyond ${MAX_EVENT_STREAMS} open streams, and lets a page in once one closes`, async () => {
    const headers = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
    const streams: OpenResponse[] = [];
    try {
      for (let i = 0; i < MAX_EVENT_STREAMS; i++) streams.push(await ask(EVENTS, headers));
      expect(streams.map((s) => s.status)).toEqual(Array(MAX_EVENT_STREAMS).fill(200));
      const extra = await ask(EVENTS, headers);
      expect(extra.status).toBe(503);
      expect(extra.headers["retry-after"]).toMatch(/^\d+$/);
      expect(extra.headers["content-type"]).toBe("text/plain; charset=utf-8");
      // Pages are still served meanwhile.
      expect((await ask(DRAFT, headers)).status).toBe(200);

      streams.shift()!.close();
      // The server hears of the closed stream a moment later.
      let again = await ask(EVENTS, headers);
      for (let tries = 0; again.status === 503 && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        again = await ask(EVENTS, headers);
      }
      streams.push(again);
      expect(again.status).toBe(200);
      const full = await ask(EVENTS, headers);
      expect(full.status).toBe(503);
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});

describe("the --host name", () => {
  it("is accepted in Host by the request handler, next to the loopback names", async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-host-"));
    const events = new LiveEvents();
    let port = 0;
    const server = createServer(
      (req, res) =>
        void serveRequest(req, res, {
          outDir,
          events,
          state: () => ({ build: null, failure: null }),
          port,
          host: "preview.test",
        }),
    );
    try {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as { port: number }).port;
      const url = `http://127.0.0.1:${port}/`;
      // The folder is empty: a served request gets the fallback 404 page, a refused one 421.
      expect((await requestWithHeaders(url, "/", { host: `preview.test:${port}` })).status).toBe(404);
      expect((await requestWithHeaders(url, "/", { host: `PREVIEW.test:${port}` })).status).toBe(404);
      const refused = await requestWithHeaders(url, "/", { host: `other.test:${port}` });
      expect(refused.status).toBe(421);
      expect(refused.body).toContain(`preview.test:${port}`);
    } finally {
      events.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it.runIf(isLoopbackName)("is passed by startDevServer to the Host check", async () => {
    const site = await startDevSite({ host: machine });
    try {
      const { port } = new URL(site.server.url);
      expect(site.server.url).toBe(`http://${machine}:${port}/`);
      const res = await requestWithHeaders(site.server.url, DRAFT, { host: `${machine}:${port}` });
      expect(res.status).toBe(200);
      expect(res.body).toContain(DRAFT_TITLE);
      expect((await requestWithHeaders(site.server.url, DRAFT, { host: `attacker.example:${port}` })).status).toBe(421);
    } finally {
      await site.close();
    }
  });
});

/**
 * Sends bytes and resolves to the whole answer once the server closes (every request here asks it
 * to). Unlike rawExchange it does not half-close first: Node drops a half-closed connection
 * before an answer that needs the disk is ready.
 */
function exchangeKeepingOpen(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.on("data", (c: Buffer) => (answer += c.toString("latin1")));
    socket.on("end", () => (socket.destroy(), resolve(answer)));
    socket.on("error", reject);
  });
}
