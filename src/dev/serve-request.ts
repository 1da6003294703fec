/** The dev server's request handler: the built site, the live-reload client and its event stream. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { encodeSitePath, parseRequestPath } from "./request-path.js";
import { locateFile } from "./locate-file.js";
import { contentTypeOf, isHtmlType } from "./content-type.js";
import { CLIENT_PATH, CLIENT_SOURCE, EVENTS_PATH, injectClientTag } from "./client-script.js";
import { greetingFor, type LiveEvents, type SiteState } from "./live-events.js";

/** What the handler needs from the server. */
export interface RequestContext {
  /** The dev output folder (a link the writer swaps between builds). */
  readonly outDir: string;
  readonly events: LiveEvents;
  readonly state: () => SiteState;
  /** The site's base path ("" or "/news"): the site is served under it, as it will be published. */
  readonly basePath?: () => string;
}

// Shown when the site has no 404.html yet (first build running or failed); the client script in it
// brings the error overlay or the reload.
const FALLBACK_404 = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>There is no page here (yet): the site is building, or its build failed.</p></body>
</html>
`;

/** Answers one request; GET and HEAD only, nothing from outside `outDir`, nothing cached. */
export async function serveRequest(req: IncomingMessage, res: ServerResponse, context: RequestContext): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return send(req, res, 405, "text/plain; charset=utf-8", "Method not allowed\n", { allow: "GET, HEAD" });
  const target = parseRequestPath(req.url ?? "");
  if ("status" in target) return send(req, res, target.status, "text/plain; charset=utf-8", `${target.reason}\n`);
  const urlPath = `/${target.segments.join("/")}`;
  if (urlPath === EVENTS_PATH) {
    if (req.method === "HEAD") return send(req, res, 200, "text/event-stream; charset=utf-8", "");
    return context.events.open(res, greetingFor(target.query.get("build") ?? "", context.state()));
  }
  if (urlPath === CLIENT_PATH) return send(req, res, 200, "text/javascript; charset=utf-8", CLIENT_SOURCE);

  // Read the build id before the file: a build that lands in between then makes the page reload.
  const build = context.state().build ?? "";
  const base = (context.basePath?.() ?? "").split("/").filter(Boolean).map(decodeSegment);
  const isUnderBase = base.every((segment, i) => target.segments[i] === segment);
  if (!isUnderBase && target.segments.length === 0) return send(req, res, 302, "text/plain; charset=utf-8", "The site is under its base path\n", { location: encodeSitePath(base, true) });
  const found = isUnderBase ? await locateFile(context.outDir, target.segments.slice(base.length), target.hasTrailingSlash) : ({ kind: "missing" } as const);
  if (found.kind === "redirect") {
    const search = target.query.toString();
    const query = search === "" ? "" : `?${search}`;
    const location = base.length === 0 ? found.location : `${encodeSitePath(base, false)}${found.location}`;
    return send(req, res, 301, "text/plain; charset=utf-8", `Moved to ${location}\n`, { location: `${location}${query}` });
  }
  if (found.kind === "forbidden") return send(req, res, 403, "text/plain; charset=utf-8", "Forbidden\n");
  if (found.kind === "file") return sendFile(req, res, 200, found.file, build);
  const notFound = await locateFile(context.outDir, ["404.html"], false);
  if (notFound.kind === "file") return sendFile(req, res, 404, notFound.file, build);
  return send(req, res, 404, "text/html; charset=utf-8", injectClientTag(FALLBACK_404, build));
}

async function sendFile(req: IncomingMessage, res: ServerResponse, status: number, file: string, build: string): Promise<void> {
  const type = contentTypeOf(path.basename(file));
  const bytes = await readFile(file);
  // Only what the dev server sends carries the client: the built files stay as they would be published.
  const body = isHtmlType(type) ? injectClientTag(bytes.toString("utf8"), build) : bytes;
  send(req, res, status, type, body);
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": type, "content-length": String(Buffer.byteLength(body)), "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers });
  res.end(req.method === "HEAD" ? undefined : body);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
