/**
 * `broadsheet preview`: serves the built output folder exactly as it will be published — no drafts
 * (only what `build` wrote), no live-reload client — on the loopback interface only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { admitRequest, serveSiteFile, type BuiltSite } from "../dev/serve-request.js";

/** Where the preview server listens and what it serves. */
export interface PreviewOptions {
  /** The built output folder (`dist`, a link the writer swaps between builds). */
  readonly outDir: string;
  /** The site's base path ("" or "/news"), from its baseUrl: the site is served under it. */
  readonly basePath: string;
  /** Port to listen on; 0 picks a free one. @default 8080 */
  readonly port?: number;
  /** Receives internal errors met while serving. @default console.error */
  readonly log?: (line: string) => void;
}

/** A running preview server. */
export interface PreviewServer {
  /** The site's address: `http://127.0.0.1:<port>/`, with the base path when there is one. */
  readonly url: string;
  /** Ends open connections and stops the server. */
  close(): Promise<void>;
}

// Loopback only, with no --host: the built site is public anyway, and a preview open to the network
// is what a web server is for.
const HOST = "127.0.0.1";

// Every build writes 404.html; this is only for an output folder that lost it.
const FALLBACK_404 = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>There is no page here, and the built site has no 404.html.</p></body>
</html>
`;

/** Answers one request from the built site; the same Host, method and path rules as the dev server. */
async function servePreviewRequest(
  req: IncomingMessage,
  res: ServerResponse,
  site: BuiltSite,
  port: number,
): Promise<void> {
  const target = admitRequest(req, res, { port }, "preview server");
  if (target === null) return;
  return serveSiteFile(req, res, target, site);
}

/** Starts serving `outDir` on 127.0.0.1; resolves once listening. */
export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const { outDir, basePath, port = 8080, log = (line: string) => console.error(line) } = options;
  const site: BuiltSite = { outDir, basePath, fallback404: FALLBACK_404 };
  // As in the dev server: until listening, port 0 matches no Host, so nothing is served early.
  let boundPort = port;
  // Node would answer a Host-less request 400 by itself; the handler refuses it with the 421 and
  // the explanation it gives any other host.
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    servePreviewRequest(req, res, site, boundPort).catch((cause: unknown) => {
      log(`Internal error while serving ${req.url}: ${(cause as Error).stack ?? String(cause)}`);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal error\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  boundPort = typeof address === "object" && address ? address.port : port;
  return {
    // basePath comes from a parsed URL, so it is already percent-encoded.
    url: `http://${HOST}:${boundPort}${basePath}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
