/**
 * The error overlay, as browser code (a string sent inside the client script). It is built with
 * DOM calls and textContent only: messages and code frames quote article text, which must never
 * be parsed as HTML. Styles are set through the CSSOM, which a `style-src 'self'` CSP allows.
 */
import type { Diagnostic } from "../errors.js";

/** One problem as the overlay shows it: a diagnostic, or an exception dressed as one. */
export type OverlayProblem = Omit<Diagnostic, "code"> & { readonly code: string };

/** What a failed build sends to pages: the problems to show and how many more there are. */
export interface ProblemReport {
  readonly problems: readonly OverlayProblem[];
  /** Problems left out (see the terminal). */
  readonly omitted: number;
}

/** Problems shown at most; a broken site.yaml can fail every article, and pages need not hold all of it. */
export const MAX_SHOWN_PROBLEMS = 50;

/** The report for `problems`: errors first (in their order), then warnings, at most MAX_SHOWN_PROBLEMS. Pure. */
export function reportProblems(problems: readonly OverlayProblem[]): ProblemReport {
  const ordered = [
    ...problems.filter((p) => p.severity === "error"),
    ...problems.filter((p) => p.severity !== "error"),
  ];
  return { problems: ordered.slice(0, MAX_SHOWN_PROBLEMS), omitted: Math.max(0, ordered.length - MAX_SHOWN_PROBLEMS) };
}

/** Browser code defining `showOverlay(report)` (a ProblemReport) and `hideOverlay()`; needs no globals but `document`. */
export const OVERLAY_SOURCE = `
  let overlay = null;
  const make = (tag, style, text) => {
    const el = document.createElement(tag);
    Object.assign(el.style, style);
    if (text !== undefined) el.textContent = text;
    return el;
  };
  const mono = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" };
  const hideOverlay = () => {
    if (overlay === null) return;
    const { host, dialog } = overlay;
    overlay = null;
    if (dialog.open) dialog.close();
    host.remove();
  };
  const describe = (p) => {
    const item = make("li", { margin: "0 0 1.5rem", padding: "0 0 1.5rem", borderBottom: "1px solid #555" });
    if (p.file) {
      const where = p.file + (p.line ? ":" + p.line + ":" + (p.column || 1) : "");
      item.append(make("p", { ...mono, margin: "0 0 .25rem", fontWeight: "700", color: "#ffffff", overflowWrap: "anywhere" }, where));
    }
    const message = make("p", { margin: "0 0 .25rem", fontSize: "1.125rem" });
    message.append(make("strong", { color: p.severity === "warning" ? "#ffd866" : "#ff9b9b" }, p.severity + " "), p.message + " ", make("span", { ...mono, color: "#d0d0d0" }, "[" + p.code + "]"));
    item.append(message);
    if (p.hint) item.append(make("p", { margin: "0 0 .25rem", color: "#e8e8e8" }, p.hint));
    if (p.frame) item.append(make("pre", { ...mono, margin: ".5rem 0 0", padding: ".75rem", background: "#000000", color: "#ffffff", border: "1px solid #777", overflow: "auto", whiteSpace: "pre", fontSize: ".9rem", lineHeight: "1.4" }, p.frame));
    return item;
  };
  const showOverlay = ({ problems, omitted }) => {
    hideOverlay();
    const host = make("div", {});
    host.id = "broadsheet-error-overlay";
    // A shadow root keeps the site's selectors out; "all: initial" stops inherited styles too.
    const root = host.attachShadow({ mode: "open" });
    const dialog = make("dialog", { all: "initial", display: "block", boxSizing: "border-box", position: "fixed", inset: "0", width: "100vw", height: "100vh", maxWidth: "100vw", maxHeight: "100vh", margin: "0", padding: "1.5rem max(1.5rem, calc((100vw - 60rem) / 2))", overflow: "auto", background: "#141414", color: "#ffffff", fontFamily: "system-ui, sans-serif", fontSize: "16px", lineHeight: "1.5", zIndex: "2147483647" });
    dialog.setAttribute("role", "alertdialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-labelledby", "broadsheet-overlay-title");
    dialog.setAttribute("aria-describedby", "broadsheet-overlay-text");
    const header = make("div", { display: "flex", gap: "1rem", alignItems: "flex-start", justifyContent: "space-between", marginBottom: "1rem" });
    // Errors come first and are never the ones left out, so this counts them all.
    const count = problems.filter((p) => p.severity === "error").length;
    const heading = make("h2", { margin: "0", fontSize: "1.5rem", color: "#ff9b9b" }, "Build failed: " + count + (count === 1 ? " error" : " errors"));
    heading.id = "broadsheet-overlay-title";
    const close = make("button", { font: "inherit", fontWeight: "700", padding: ".4rem .9rem", background: "#ffffff", color: "#000000", border: "2px solid #ffffff", borderRadius: "4px", cursor: "pointer" }, "Close");
    close.type = "button";
    close.setAttribute("aria-label", "Close (Escape)");
    close.addEventListener("click", hideOverlay);
    header.append(heading, close);
    const text = make("p", { margin: "0 0 1.5rem", color: "#e8e8e8" }, "This page shows the last good build. Fix the problem and save: the page reloads by itself.");
    text.id = "broadsheet-overlay-text";
    const list = make("ol", { listStyle: "none", margin: "0", padding: "0" });
    for (const p of problems) list.append(describe(p));
    dialog.append(header, text, list);
    if (omitted > 0) dialog.append(make("p", { margin: "0", color: "#e8e8e8" }, "… and " + omitted + " more: see the terminal."));
    // Escape closes a modal dialog natively; the listener covers browsers that only cancel it.
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") event.preventDefault(), hideOverlay();
    });
    dialog.addEventListener("close", hideOverlay);
    root.append(dialog);
    document.documentElement.append(host);
    overlay = { host, dialog };
    dialog.showModal();
    close.focus();
  };
`;
