import { describe, expect, it } from "vitest";
import { countLeftOut, leftOutLine, type LeftOut } from "../../../src/graph/left-out.js";
import { makeConfig } from "../../helpers/factories.js";

const NOW = Date.UTC(2026, 10, 26, 12);
const DAY = 86_400_000;
const article = (file: string, date: number, isDraft = false) => ({
  sourcePath: `content/articles/${file}.md`,
  date,
  isDraft,
});

describe("countLeftOut", () => {
  const articles = [
    article("old", NOW - DAY),
    article("draft", NOW - DAY, true),
    article("future-draft", NOW + DAY, true),
    article("storm", Date.UTC(2026, 11, 1, 8)),
    article("later", Date.UTC(2027, 0, 1)),
    article("now", NOW),
  ];

  it("counts drafts and articles dated after the clock, and names the earliest in the site's zone", () => {
    expect(countLeftOut(articles, makeConfig())).toEqual({
      drafts: 2,
      scheduled: 2,
      next: { date: "2026-12-01 09:00 +01:00", file: "content/articles/storm.md" },
    });
  });

  it("counts no drafts when drafts are built, but a future draft is still scheduled", () => {
    expect(countLeftOut(articles, makeConfig({ includeDrafts: true }))).toEqual({
      drafts: 0,
      scheduled: 3,
      next: { date: "2026-11-27 13:00 +01:00", file: "content/articles/future-draft.md" },
    });
  });

  it("shows the offset of the site's zone, +00:00 for UTC", () => {
    expect(
      countLeftOut([article("storm", Date.UTC(2026, 11, 1, 8))], makeConfig({}, { timeZone: "UTC" })).next,
    ).toEqual({ date: "2026-12-01 08:00 +00:00", file: "content/articles/storm.md" });
  });

  it("breaks a tie between scheduled articles by file", () => {
    expect(countLeftOut([article("b", NOW + DAY), article("a", NOW + DAY)], makeConfig()).next?.file).toBe(
      "content/articles/a.md",
    );
  });

  it("finds nothing left out of a site whose articles are all published", () => {
    expect(countLeftOut([article("old", NOW - DAY), article("now", NOW)], makeConfig())).toEqual({
      drafts: 0,
      scheduled: 0,
      next: null,
    });
  });
});

describe("leftOutLine", () => {
  const next = { date: "2026-12-01 09:00 +01:00", file: "content/articles/storm.md" };
  it.each<[LeftOut, string | null]>([
    [
      { drafts: 3, scheduled: 1, next },
      "3 drafts and 1 scheduled article left out (next: 2026-12-01 09:00 +01:00, content/articles/storm.md)",
    ],
    [{ drafts: 1, scheduled: 0, next: null }, "1 draft left out"],
    [
      { drafts: 0, scheduled: 2, next },
      "2 scheduled articles left out (next: 2026-12-01 09:00 +01:00, content/articles/storm.md)",
    ],
    [{ drafts: 0, scheduled: 0, next: null }, null],
  ])("%j → %s", (leftOut, line) => {
    expect(leftOutLine(leftOut)).toBe(line);
  });
});
