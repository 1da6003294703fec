/**
 * `broadsheet dev`: builds the site with drafts into a dev-only folder, serves it, rebuilds on every
 * change to content, templates or public files, and reloads open pages (or shows the problems).
 */
import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BuildOptions } from "../build.js";
import { DEFAULT_PATHS } from "../config/resolve-config.js";
import { LinkWriter } from "../output/link-writer.js";
import { checkWritablePaths } from "../io/guard-paths.js";
import { SiteError } from "../errors.js";
import { createBuildQueue } from "./build-queue.js";
import { LiveEvents, type SiteState } from "./live-events.js";
import { runDevBuild, settleBuild } from "./rebuild.js";
import { warmWorker } from "../markdown/worker-pool.js";
import { serveRequest } from "./serve-request.js";
import { watchFolders } from "./watch.js";

/** Options of the dev server: build options (the writer, output folder and base URL are its own). */
export interface DevServerOptions extends Omit<BuildOptions, "writer"> {
  /** Port to listen on; 0 picks a free one. @default 8080 */
  readonly port?: number;
  /** Interface to listen on; all interfaces only when asked ("0.0.0.0", "::"). @default "127.0.0.1" */
  readonly host?: string;
  /** Receives terminal output: build summaries, diagnostics, changed files. @default console.log */
  readonly log?: (line: string) => void;
  /** Quiet time after a change before rebuilding, so a burst of saves makes one build. @default 50 */
  readonly debounceMs?: number;
}

/** A running dev server. */
export interface DevServer {
  /** The site's root URL, ending in "/" (also its base URL in the dev build). */
  readonly url: string;
  /** Stops watching, ends event streams and the server; waits for a build in progress. */
  close(): Promise<void>;
  /** Resolves when no build is running or waiting (at once when idle); after start, that is the first build. */
  whenIdle(): Promise<void>;
}

/**
 * Starts listening, then builds in the background: pages asked for before the first build is done
 * get a placeholder that reloads when it is. `paths.out` is ignored: the dev build goes to
 * `<cache>/dev-site` (a temp folder without a cache), never to the published output.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const {
    port = 8080,
    host = "127.0.0.1",
    log = (line: string) => console.log(line),
    debounceMs = 50,
    ...buildOptions
  } = options;
  const paths = { ...DEFAULT_PATHS, ...options.paths };
  // Refused folders stop the server before it starts, as they stop a build before it writes.
  if (paths.cache !== null) {
    const unsafe = checkWritablePaths({ ...paths, out: path.join(paths.cache, "dev-site") }, { isDevOutput: true });
    if (unsafe.length > 0) throw new SiteError(unsafe);
  }
  const tempDir = paths.cache === null ? await mkdtemp(path.join(tmpdir(), "broadsheet-dev-")) : null;
  const outDir = path.resolve(tempDir ?? paths.cache!, "dev-site");

  let state: SiteState = { build: null, failure: null };
  let basePath = "";
  const events = new LiveEvents();
  // The port Host must carry; set once listening. Until then it is the one asked for, and 0 (any
  // free port) matches no Host: a request that slipped in early would be refused, never served.
  let boundPort = port;
  // Node would answer a Host-less HTTP/1.1 request 400 by itself; the handler refuses it with the
  // same 421 and explanation as any other host it does not serve.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    serveRequest(req, res, {
      outDir,
      events,
      state: () => state,
      basePath: () => basePath,
      port: boundPort,
      host,
    }).catch((cause: unknown) => {
      log(`Internal error while serving ${req.url}: ${(cause as Error).stack ?? String(cause)}`);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal error\n");
    });
  });
  try {
    await listen(server, port, host);
  } catch (cause) {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    throw cause;
  }
  const address = server.address();
  boundPort = typeof address === "object" && address ? address.port : port;
  const url = siteUrl(host, boundPort);

  // Pages are built with the site's own baseUrl: the preview is what will be published (canonical
  // links and feeds point at the real site; links between pages are root-relative and stay here),
  // and rendered bodies are shared with `broadsheet build` through the cache, whatever the port.
  const devOptions: BuildOptions = {
    ...buildOptions,
    includeDrafts: true,
    isDevOutput: true,
    keepWorkers: true,
    paths: { ...paths, out: outDir },
  };
  // Build ids differ between runs, so pages left open across a restart reload when they reconnect.
  const session = randomBytes(4).toString("hex");
  let generation = 0;
  const changed = new Set<string>();
  const rebuild = async () => {
    if (changed.size > 0)
      log(
        `Changed ${[...changed].slice(0, 3).map(shown).join(", ")}${changed.size > 3 ? ` and ${changed.size - 3} more` : ""}`,
      );
    changed.clear();
    const isFirst = state.build === null;
    const outcome = await runDevBuild(devOptions, log, isFirst);
    if (outcome.isOk && outcome.basePath !== undefined) basePath = outcome.basePath;
    const settled = settleBuild(state, outcome, () => `${session}-${++generation}`);
    state = settled.state;
    if (settled.event) events.send(settled.event);
    // While the editor reads the first page, link the site into the writer's standby tree: the
    // first save then writes only what it changes, like every later one (they find the tree ready).
    if (outcome.isOk && isFirst) {
      // A start on a warm cache renders nothing: have a Markdown worker ready for the first edit.
      warmWorker();
      await standby.mirrorLive().catch((cause: Error) => log(`Could not prepare the next build: ${cause.message}`));
    }
  };
  const standby = new LinkWriter(outDir);
  const queue = createBuildQueue(rebuild, debounceMs);
  // The build writes only under the cache and output folders: never rebuild for those.
  const ownDirs = [path.dirname(outDir), ...(paths.cache === null ? [] : [path.resolve(paths.cache)])];
  const isOwn = (file: string) => ownDirs.some((dir) => file === dir || file.startsWith(dir + path.sep));
  const watcher = watchFolders(
    [paths.content, paths.templates, paths.public].map((dir) => path.resolve(dir)),
    (file) => {
      changed.add(file);
      queue.schedule();
    },
    isOwn,
    (cause) => log(`Cannot watch for changes: ${cause.message}`),
  );
  log(`Dev build (drafts included) in ${shown(outDir)}`);
  queue.runNow();

  let closing: Promise<void> | null = null;
  return {
    url,
    whenIdle: () => queue.whenIdle(),
    close: () =>
      (closing ??= (async () => {
        watcher.close();
        events.close();
        server.closeAllConnections();
        await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), queue.close()]);
        if (tempDir) await rm(tempDir, { recursive: true, force: true });
      })()),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** A path as the user would type it: relative below the working directory, else absolute. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

/** `http://host:port/`; an IPv6 host gets brackets, and "all interfaces" is shown as localhost. */
function siteUrl(host: string, port: number): string {
  const name =
    host === "0.0.0.0" || host === "::" || host === "" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}/`;
}
