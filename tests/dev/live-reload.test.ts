import { describe, expect, it } from "vitest";
import { injectClientTag } from "../../src/dev/client-script.js";
import { formatEvent, greetingFor } from "../../src/dev/live-events.js";
import { settleBuild } from "../../src/dev/rebuild.js";
import { isEditorLitter } from "../../src/dev/watch.js";
import { MAX_SHOWN_PROBLEMS, reportProblems, type OverlayProblem } from "../../src/dev/overlay.js";

const problem: OverlayProblem = {
  code: "MissingField",
  severity: "error",
  message: "Title is required",
  file: "content/articles/a.md",
  line: 2,
  column: 1,
};
const failure = { problems: [problem], omitted: 0 };

describe("injectClientTag", () => {
  it("puts the script before </head>, naming the build", () => {
    const html = injectClientTag("<html><head><title>x</title></HEAD><body></body></html>", "s-3");
    expect(html).toBe(
      '<html><head><title>x</title><script src="/__broadsheet/client.js" data-build="s-3" defer></script>\n</HEAD><body></body></html>',
    );
  });

  it("appends the script to a document without a head", () => {
    expect(injectClientTag("<p>hi</p>", "")).toMatch(
      /^<p>hi<\/p>\n<script src="\/__broadsheet\/client.js" data-build="" defer><\/script>\n$/,
    );
  });

  it("only touches the first </head>", () => {
    expect(injectClientTag("<head></head><pre>&lt;/head></head></pre>", "b").match(/client\.js/g)).toHaveLength(1);
  });
});

describe("greetingFor", () => {
  it("tells a page from an older build (or an earlier server run) to reload", () => {
    expect(greetingFor("s-1", { build: "s-2", failure: null })).toEqual({ name: "reload", build: "s-2" });
    expect(greetingFor("", { build: "s-2", failure })).toEqual({ name: "reload", build: "s-2" });
  });

  it("sends a current page the open problems, or ok", () => {
    expect(greetingFor("s-2", { build: "s-2", failure })).toEqual({ name: "error", problems: [problem], omitted: 0 });
    expect(greetingFor("s-2", { build: "s-2", failure: null })).toEqual({ name: "ok" });
    expect(greetingFor("", { build: null, failure: null })).toEqual({ name: "ok" });
  });
});

describe("formatEvent", () => {
  it("writes one event with one line of JSON data", () => {
    expect(formatEvent({ name: "error", problems: [{ ...problem, message: "two\nlines" }], omitted: 3 })).toBe(
      `event: error\ndata: {"problems":[{"code":"MissingField","severity":"error","message":"two\\nlines","file":"content/articles/a.md","line":2,"column":1}],"omitted":3}\n\n`,
    );
    expect(formatEvent({ name: "reload", build: "s-1" })).toBe('event: reload\ndata: {"build":"s-1"}\n\n');
  });
});

describe("settleBuild", () => {
  const next = () => "s-9";

  it("reloads pages after the first build and after any change", () => {
    expect(settleBuild({ build: null, failure: null }, { isOk: true, hasChanges: false }, next)).toEqual({
      state: { build: "s-9", failure: null },
      event: { name: "reload", build: "s-9" },
    });
    expect(settleBuild({ build: "s-1", failure: null }, { isOk: true, hasChanges: true }, next).event).toEqual({
      name: "reload",
      build: "s-9",
    });
  });

  it("stays quiet when a build changed nothing", () => {
    const state = { build: "s-1", failure: null };
    expect(settleBuild(state, { isOk: true, hasChanges: false }, next)).toEqual({ state, event: null });
  });

  it("keeps the last good build when a build fails, and reloads once it is fixed", () => {
    const broken = settleBuild({ build: "s-1", failure: null }, { isOk: false, failure }, next);
    expect(broken).toEqual({
      state: { build: "s-1", failure },
      event: { name: "error", problems: [problem], omitted: 0 },
    });
    expect(settleBuild(broken.state, { isOk: true, hasChanges: false }, next)).toEqual({
      state: { build: "s-9", failure: null },
      event: { name: "reload", build: "s-9" },
    });
  });
});

describe("reportProblems", () => {
  it("puts errors first and leaves out what does not fit, counting it", () => {
    const warning: OverlayProblem = { ...problem, severity: "warning", code: "MissingAlt" };
    const many = [warning, ...Array.from({ length: MAX_SHOWN_PROBLEMS + 4 }, (_, i) => ({ ...problem, line: i + 1 }))];
    const report = reportProblems(many);
    expect(report.problems).toHaveLength(MAX_SHOWN_PROBLEMS);
    expect(report.problems.every((p) => p.severity === "error")).toBe(true);
    expect(report.problems[0]!.line).toBe(1);
    expect(report.omitted).toBe(5);
    expect(reportProblems([warning, problem])).toEqual({ problems: [problem, warning], omitted: 0 });
  });
});

describe("isEditorLitter", () => {
  it.each([
    "articles/.grid.md.swp",
    "articles/grid.md~",
    "articles/grid.md.swp",
    "articles/4913",
    ".git/index",
    "articles/.#grid.md",
    "articles/.hidden/a.md",
  ])("ignores %s", (p) => {
    expect(isEditorLitter(p)).toBe(true);
  });

  it.each(["articles/grid.md", "site.yaml", "layouts/article.hbs", "assets/site.css", "articles/2026/4913-report.md"])(
    "watches %s",
    (p) => {
      expect(isEditorLitter(p)).toBe(false);
    },
  );
});
