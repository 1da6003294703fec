/** The live-reload client: where it is served, the tag that loads it, and its source. */
import { OVERLAY_SOURCE } from "./overlay.js";

/** URL path of the client script (same origin, so a `script-src 'self'` CSP allows it). */
export const CLIENT_PATH = "/__broadsheet/client.js";

/** URL path of the server-sent event stream. */
export const EVENTS_PATH = "/__broadsheet/events";

/**
 * Adds the client script tag to an HTML document, before `</head>` (or at the end when there is no
 * head). `build` names the build the page comes from: the server tells a page from an older build
 * to reload as soon as it connects, so a change that lands while a page loads is never missed.
 */
export function injectClientTag(html: string, build: string): string {
  const tag = `<script src="${CLIENT_PATH}" data-build="${escapeAttribute(build)}" defer></script>`;
  const head = /<\/head\s*>/i.exec(html);
  return head ? `${html.slice(0, head.index)}${tag}\n${html.slice(head.index)}` : `${html}\n${tag}\n`;
}

/**
 * Browser code: listens to the event stream; `reload` reloads the page, `error` shows the error
 * overlay and `ok` removes it. EventSource reconnects by itself (e.g. after the server restarts).
 */
export const CLIENT_SOURCE = `(() => {
  "use strict";
  const build = (document.currentScript && document.currentScript.dataset.build) || "";
  ${OVERLAY_SOURCE}
  const events = new EventSource("${EVENTS_PATH}?build=" + encodeURIComponent(build));
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("ok", () => hideOverlay());
  // A message named "error" shares its name with EventSource's own connection-error event.
  events.addEventListener("error", (event) => {
    if (event instanceof MessageEvent) showOverlay(JSON.parse(event.data));
  });
})();
`;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
