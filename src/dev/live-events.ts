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

/** The open event streams. */
export class LiveEvents {
  private readonly clients = new Set<ServerResponse>();

  /** Turns `res` into an event stream and sends `greeting` on it. */
  open(res: ServerResponse, greeting: LiveEvent): void {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
    // Browsers reconnect a second after the stream drops (a restart, a closed laptop lid).
    res.write(`retry: 1000\n\n${formatEvent(greeting)}`);
    this.clients.add(res);
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
