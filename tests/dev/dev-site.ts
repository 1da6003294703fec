/** Test helpers for the dev server: a temp copy of the basic fixture site, an SSE reader, raw requests. */
import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fixture, NOW, ROOT } from "../helpers/site.js";
import { startDevServer, type DevServer, type DevServerOptions } from "../../src/dev/dev-server.js";

/** A running dev server over a temp copy of tests/fixtures/sites/basic with the repo's templates and public/. */
export interface DevSite {
  readonly server: DevServer;
  /** The temp folder holding content/, templates/, public/ and cache/. */
  readonly dir: string;
  readonly content: string;
  readonly templates: string;
  readonly cache: string;
  /** Everything the server logged. */
  readonly log: string[];
  /** Closes the server and removes the temp folder. */
  close(): Promise<void>;
}

/** Copies the fixture, starts a server on an ephemeral port and waits for the first build. */
export async function startDevSite(extra: Partial<DevServerOptions> = {}, siteYaml = ""): Promise<DevSite> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-test-"));
  const content = path.join(dir, "content");
  const templates = path.join(dir, "templates");
  const cache = path.join(dir, "cache");
  await cp(path.join(fixture("basic"), "content"), content, { recursive: true });
  // Settings a test adds to the fixture's site.yaml.
  if (siteYaml !== "") await appendFile(path.join(content, "site.yaml"), siteYaml);
  await cp(path.join(ROOT, "theme/templates"), templates, { recursive: true });
  // The theme's assets copied into the site's public/ too, so a test can edit one (a site file overrides the theme's).
  await cp(path.join(ROOT, "theme/public"), path.join(dir, "public"), { recursive: true });
  await cp(path.join(ROOT, "public"), path.join(dir, "public"), { recursive: true });
  const log: string[] = [];
  const server = await startDevServer({
    port: 0,
    now: NOW,
    threads: 1,
    log: (line) => log.push(line),
    ...extra,
    paths: { content, templates, public: path.join(dir, "public"), cache, ...extra.paths },
  });
  await server.whenIdle();
  const close = async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { server, dir, content, templates, cache, log, close };
}

/** One server-sent event with its JSON data. */
export interface SentEvent {
  readonly name: string;
  readonly data: Record<string, unknown>;
}

/** Reads an event stream; events queue up until taken. */
export class EventReader {
  private readonly queue: SentEvent[] = [];
  private wake: (() => void) | null = null;
  private last: string | null = null;
  private readonly controller = new AbortController();
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;

  private constructor(body: ReadableStream<Uint8Array>) {
    this.ended = this.read(body);
  }

  /** Connects to `/__broadsheet/events` as a page from `build` would. */
  static async open(baseUrl: string, build = ""): Promise<EventReader> {
    const controller = new AbortController();
    const res = await fetch(new URL(`/__broadsheet/events?build=${encodeURIComponent(build)}`, baseUrl), {
      signal: controller.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`event stream answered ${res.status}`);
    const reader = new EventReader(res.body);
    reader.controller.signal.addEventListener("abort", () => controller.abort());
    return reader;
  }

  /** The next event, whatever it is. */
  async next(timeoutMs = 30_000): Promise<SentEvent> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      if (Date.now() > deadline) throw new Error(`no server-sent event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 100);
      });
    }
    const event = this.queue.shift()!;
    this.last = event.name;
    return event;
  }

  /**
   * The next event named `name`. Repeats of the event taken last are skipped (one save can fire two
   * file events far enough apart to make two builds); any other event fails.
   */
  async waitFor(name: string, timeoutMs = 30_000): Promise<SentEvent> {
    for (;;) {
      const previous = this.last;
      const event = await this.next(timeoutMs);
      if (event.name === name) return event;
      if (event.name !== previous)
        throw new Error(`expected a "${name}" event, got "${event.name}": ${JSON.stringify(event.data)}`);
    }
  }

  /** Disconnects. */
  close(): void {
    this.controller.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name !== undefined) this.queue.push({ name, data: JSON.parse(data ?? "{}") as Record<string, unknown> });
        }
        this.wake?.();
      }
    } catch {
      // Aborted by close().
    }
  }
}

/** A response to a raw request. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Sends `rawPath` exactly as written (fetch would normalise dot segments away). */
export function rawRequest(baseUrl: string, rawPath: string, method = "GET"): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** Sends bytes on a fresh connection and resolves to the whole answer (for requests http.request refuses to send). */
export function rawExchange(baseUrl: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = "";
    socket.on("data", (c: Buffer) => (answer += c.toString("latin1")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

/** An answer whose body is still coming (an event stream) or fully read (anything else). */
export interface OpenResponse extends RawResponse {
  /** Drops the connection (ends an event stream). */
  close(): void;
}

/**
 * GETs `rawPath` from the server at `baseUrl` with exactly `headers` (Host included: fetch refuses
 * to set it). An event stream resolves at its headers with the body read so far (""); any other
 * answer resolves once read whole. Each request has its own connection, so streams do not queue.
 */
export function requestWithHeaders(
  baseUrl: string,
  rawPath: string,
  headers: Record<string, string>,
  method = "GET",
): Promise<OpenResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath, method, headers, agent: false }, (res) => {
      const close = () => res.destroy();
      const answer = { status: res.statusCode ?? 0, headers: res.headers, close };
      if (res.headers["content-type"]?.startsWith("text/event-stream")) return resolve({ ...answer, body: "" });
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ ...answer, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}
