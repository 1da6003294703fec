/** The dev server's request handler (the built site, the live-reload client and its event stream), and the parts `preview` shares. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { encodeSitePath, parseRequestPath, type SitePath } from "./request-path.js";
import { locateFile } from "./locate-file.js";
import { contentTypeOf, isHtmlType } from "./content-type.js";
import { CLIENT_PATH, CLIENT_SOURCE, EVENTS_PATH, injectClientTag } from "./client-script.js";
import { greetingFor, type LiveEvents, type SiteState } from "./live-events.js";
import { describeAllowedHosts, isAllowedHost, isAllowedOrigin, type ServedAddress } from "./allowed-host.js";

/** What the handler needs from the server. */
export interface RequestContext {
  /** The dev output folder (a link the writer swaps between builds). */
  readonly outDir: string;
  readonly events: LiveEvents;
  readonly state: () => SiteState;
  /** The site's base path ("" or "/news"): the site is served under it, as it will be published. */
  readonly basePath?: () => string;
  /** The port the server is bound to (the one picked when asked for 0): Host must name it. */
  readonly port: number;
  /** The `--host` the server was started with: accepted in Host besides the loopback names. */
  readonly host?: string;
}

// Seconds a client refused at the stream cap should wait (browsers' EventSource does not retry a
// refused stream by itself; the header is for other clients and for the record).
const STREAM_RETRY_AFTER_SECONDS = "5";

// Shown when the site has no 404.html yet (first build running or failed); the client script in it
// brings the error overlay or the reload.
const FALLBACK_404 = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>There is no page here (yet): the site is building, or its build failed.</p></body>
</html>
`;

/** A built site as a server sends it. */
export interface BuiltSite {
  /** The output folder, or the link to it that the writer swaps between builds. */
  readonly outDir: string;
  /** The site's base path ("" or "/news"): the site is served under it, as it will be published. */
  readonly basePath: string;
  /** Rewrites each HTML body on its way out (the dev server adds its client); without it, files go as built. */
  readonly html?: (html: string) => string;
  /** The body of a 404 when the site has no 404.html. */
  readonly fallback404: string;
}

/** Answers one request; GET and HEAD only, nothing from outside `outDir`, nothing cached. */
export async function serveRequest(req: IncomingMessage, res: ServerResponse, context: RequestContext): Promise<void> {
  const served = { port: context.port, host: context.host };
  const target = admitRequest(req, res, served, "dev server");
  if (target === null) return;
  const urlPath = `/${target.segments.join("/")}`;
  if (urlPath === EVENTS_PATH) {
    // Defence in depth: browsers send Origin with EventSource requests from other sites, so such a
    // page is refused here even if it got past the Host check. Tools such as curl send no Origin;
    // they passed the Host check above, which is what a rebinding page cannot pass.
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(origin, served))
      return send(
        req,
        res,
        403,
        "text/plain; charset=utf-8",
        "Forbidden: the event stream is for pages of this server only.\n",
      );
    if (req.method === "HEAD") return send(req, res, 200, "text/event-stream; charset=utf-8", "");
    if (context.events.isFull)
      return send(req, res, 503, "text/plain; charset=utf-8", "Too many open event streams: close some pages.\n", {
        "retry-after": STREAM_RETRY_AFTER_SECONDS,
      });
    return context.events.open(res, greetingFor(target.query.get("build") ?? "", context.state()));
  }
  if (urlPath === CLIENT_PATH) return send(req, res, 200, "text/javascript; charset=utf-8", CLIENT_SOURCE);

  // Read the build id before the file: a build that lands in between then makes the page reload.
  const build = context.state().build ?? "";
  // Only what the dev server sends carries the client: the built files stay as they would be published.
  const withClient = (html: string) => injectClientTag(html, build);
  return serveSiteFile(req, res, target, {
    outDir: context.outDir,
    basePath: context.basePath?.() ?? "",
    html: withClient,
    fallback404: withClient(FALLBACK_404),
  });
}

/**
 * The checks every request to a local server passes first; answers a refused one itself (421, 405,
 * 400 or 403) and returns null. `serverName` ("dev server") names the server in the 421 answer.
 */
export function admitRequest(
  req: IncomingMessage,
  res: ServerResponse,
  served: ServedAddress,
  serverName: string,
): SitePath | null {
  // First of all: a page on another domain that was rebound to this address (DNS rebinding) must
  // get nothing, neither drafts, nor the event stream, nor the client script.
  if (!isAllowedHost(soleHostOf(req), served))
    return refuse(
      req,
      res,
      421,
      `Misdirected request: this ${serverName} answers only to the hosts ${describeAllowedHosts(served)}.\n`,
    );
  if (req.method !== "GET" && req.method !== "HEAD")
    return refuse(req, res, 405, "Method not allowed\n", { allow: "GET, HEAD" });
  const target = parseRequestPath(req.url ?? "");
  if ("status" in target) return refuse(req, res, target.status, `${target.reason}\n`);
  return target;
}

/** Sends the file `target` names in the built site, under its base path, or the site's 404 page. */
export async function serveSiteFile(
  req: IncomingMessage,
  res: ServerResponse,
  target: SitePath,
  site: BuiltSite,
): Promise<void> {
  const base = site.basePath.split("/").filter(Boolean).map(decodeSegment);
  const isUnderBase = base.every((segment, i) => target.segments[i] === segment);
  if (!isUnderBase && target.segments.length === 0)
    return send(req, res, 302, "text/plain; charset=utf-8", "The site is under its base path\n", {
      location: encodeSitePath(base, true),
    });
  const found = isUnderBase
    ? await locateFile(site.outDir, target.segments.slice(base.length), target.hasTrailingSlash)
    : ({ kind: "missing" } as const);
  if (found.kind === "redirect") {
    const search = target.query.toString();
    const query = search === "" ? "" : `?${search}`;
    const location = base.length === 0 ? found.location : `${encodeSitePath(base, false)}${found.location}`;
    return send(req, res, 301, "text/plain; charset=utf-8", `Moved to ${location}\n`, {
      location: `${location}${query}`,
    });
  }
  if (found.kind === "forbidden") return send(req, res, 403, "text/plain; charset=utf-8", "Forbidden\n");
  if (found.kind === "file") return sendFile(req, res, 200, found.file, site.html);
  const notFound = await locateFile(site.outDir, ["404.html"], false);
  if (notFound.kind === "file") return sendFile(req, res, 404, notFound.file, site.html);
  return send(req, res, 404, "text/html; charset=utf-8", site.fallback404);
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  file: string,
  html: ((html: string) => string) | undefined,
): Promise<void> {
  const type = contentTypeOf(path.basename(file));
  const bytes = await readFile(file);
  const body = html !== undefined && isHtmlType(type) ? html(bytes.toString("utf8")) : bytes;
  send(req, res, status, type, body);
}

function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  headers?: Record<string, string>,
): null {
  send(req, res, status, "text/plain; charset=utf-8", text, headers);
  return null;
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": type,
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * The Host header, or undefined unless the request has exactly one: HTTP/1.1 makes several a bad
 * request, and Node would keep only the first, letting a later one slip by unchecked.
 */
function soleHostOf(req: IncomingMessage): string | undefined {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === "host") count++;
  return count === 1 ? req.headers.host : undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
