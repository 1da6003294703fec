/** Server-sent events to open pages: the current state on connect, then every change. */
import type { ServerResponse } from "node:http";
import type { ProblemReport } from "./overlay.js";

/** What the dev server is serving: the last good build (null before the first) and open problems. */
export interface SiteState {
  readonly build: string | null;
  /** Problems of the latest build attempt when it failed, else null. */
  readonly failure: ProblemReport | null;
}

/** One message to the pages. */
export type LiveEvent =
  | { readonly name: "reload"; readonly build: string }
  | ({ readonly name: "error" } & ProblemReport)
  | { readonly name: "ok" };

/** The event a page from build `pageBuild` ("" when unknown) needs on connecting. Pure. */
export function greetingFor(pageBuild: string, state: SiteState): LiveEvent {
  // A stale page reloads first; once current, it gets the problems of the broken build, if any.
  if (state.build !== null && pageBuild !== state.build) return { name: "reload", build: state.build };
  return state.failure ? { name: "error", ...state.failure } : { name: "ok" };
}

/** The wire form of an event (`event:` and a one-line JSON `data:`). Pure. */
export function formatEvent(event: LiveEvent): string {
  const { name, ...data } = event;
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Event streams open at most at once. Each holds a socket and gets every event, so without a cap
 * any client that can reach the server (a LAN device under `--host 0.0.0.0`, a runaway script)
 * could pile up sockets and file descriptors. 64 is far above what an editor uses: a browser
 * opens at most 6 HTTP/1.1 connections per host, so even several browsers with many tabs fit.
 */
export const MAX_EVENT_STREAMS = 64;

/** The open event streams. */
export class LiveEvents {
  private readonly clients = new Set<ServerResponse>();

  /** True when no more stream may open until one closes (the caller answers 503 then). */
  get isFull(): boolean {
    return this.clients.size >= MAX_EVENT_STREAMS;
  }

  /** Turns `res` into an event stream and sends `greeting` on it; check isFull first. */
  open(res: ServerResponse, greeting: LiveEvent): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    // Browsers reconnect a second after the stream drops (a restart, a closed laptop lid).
    res.write(`retry: 1000\n\n${formatEvent(greeting)}`);
    // A connection already gone will never emit "close": counting it would hold a place for good.
    if (res.destroyed) return;
    this.clients.add(res);
    // A page closed or reloaded frees its place for another.
    res.on("close", () => this.clients.delete(res));
  }

  /** Sends `event` to every open page. */
  send(event: LiveEvent): void {
    const text = formatEvent(event);
    for (const res of this.clients) res.write(text);
  }

  /** Ends every stream. */
  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
