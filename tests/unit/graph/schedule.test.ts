import { describe, expect, it } from "vitest";
import { planSchedule, type NextChange } from "../../../src/graph/schedule.js";
import { makeConfig } from "../../helpers/factories.js";

const NOW = Date.UTC(2026, 10, 26, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const article = (file: string, date: number, more: { isDraft?: boolean; expires?: number | null } = {}) => ({
  sourcePath: `content/articles/${file}.md`,
  date,
  isDraft: more.isDraft ?? false,
  expires: more.expires ?? null,
});

describe("planSchedule", () => {
  const articles = [
    article("old", NOW - DAY),
    article("draft", NOW - DAY, { isDraft: true }),
    article("future-draft", NOW + DAY, { isDraft: true }),
    article("later", Date.UTC(2027, 0, 1)),
    article("storm", Date.UTC(2026, 11, 1, 8)),
    article("now", NOW),
    article("offer", NOW - 5 * DAY, { expires: NOW - 2 * DAY }),
    article("sale", NOW - 5 * DAY, { expires: NOW - HOUR }),
    article("at-the-clock", NOW - 5 * DAY, { expires: NOW }),
  ];

  it("counts drafts, lists scheduled articles soonest first and expired ones most recent first", () => {
    expect(planSchedule(articles, makeConfig())).toEqual({
      drafts: 2,
      scheduled: [
        { file: "content/articles/storm.md", publishes: Date.UTC(2026, 11, 1, 8) },
        { file: "content/articles/later.md", publishes: Date.UTC(2027, 0, 1) },
      ],
      expired: [
        { file: "content/articles/at-the-clock.md", expired: NOW },
        { file: "content/articles/sale.md", expired: NOW - HOUR },
        { file: "content/articles/offer.md", expired: NOW - 2 * DAY },
      ],
      nextChange: { at: Date.UTC(2026, 11, 1, 8), file: "content/articles/storm.md", reason: "publish" },
    });
  });

  it("counts no drafts when drafts are built, but a future draft is still scheduled", () => {
    const schedule = planSchedule(articles, makeConfig({ includeDrafts: true }));
    expect(schedule.drafts).toBe(0);
    expect(schedule.scheduled.map((s) => s.file)).toEqual([
      "content/articles/future-draft.md",
      "content/articles/storm.md",
      "content/articles/later.md",
    ]);
    expect(schedule.nextChange?.file).toBe("content/articles/future-draft.md");
  });

  it("leaves a draft past its expiry a draft: counted, not listed as expired", () => {
    const schedule = planSchedule(
      [article("old-draft", NOW - 5 * DAY, { isDraft: true, expires: NOW - DAY })],
      makeConfig(),
    );
    expect(schedule).toEqual({ drafts: 1, scheduled: [], expired: [], nextChange: null });
  });

  it("breaks ties by file, so the order never depends on reading order", () => {
    const schedule = planSchedule(
      [
        article("b", NOW + DAY),
        article("a", NOW + DAY),
        article("d", 0, { expires: NOW - DAY }),
        article("c", 0, { expires: NOW - DAY }),
      ],
      makeConfig(),
    );
    expect(schedule.scheduled.map((s) => s.file)).toEqual(["content/articles/a.md", "content/articles/b.md"]);
    expect(schedule.expired.map((s) => s.file)).toEqual(["content/articles/c.md", "content/articles/d.md"]);
  });

  it("finds nothing left out of a site whose articles are all published and never expire", () => {
    expect(planSchedule([article("old", NOW - DAY), article("now", NOW)], makeConfig())).toEqual({
      drafts: 0,
      scheduled: [],
      expired: [],
      nextChange: null,
    });
  });
});

describe("the next change: the earliest instant after the clock at which a rebuild changes the site", () => {
  const at = (file: string, offset: number, reason: NextChange["reason"]): NextChange => ({
    at: NOW + offset,
    file: `content/articles/${file}.md`,
    reason,
  });
  it.each<[string, ReturnType<typeof article>[], NextChange | null]>([
    ["a scheduled publication", [article("storm", NOW + DAY)], at("storm", DAY, "publish")],
    [
      "a published article's expiry, when it comes first",
      [article("storm", NOW + DAY), article("offer", NOW - DAY, { expires: NOW + HOUR })],
      at("offer", HOUR, "expire"),
    ],
    [
      "the publication, when a scheduled article also expires later",
      [article("storm", NOW + DAY, { expires: NOW + 2 * DAY })],
      at("storm", DAY, "publish"),
    ],
    [
      "the scheduled article's own expiry once it is the only change left",
      [article("storm", NOW - DAY, { expires: NOW + 2 * DAY })],
      at("storm", 2 * DAY, "expire"),
    ],
    ["nothing for an expired article: it has already changed the site", [article("offer", 0, { expires: NOW })], null],
    ["nothing for a draft, which no rebuild publishes", [article("draft", NOW + HOUR, { isDraft: true })], null],
    [
      "the file first in order when two changes fall on one instant",
      [article("b", NOW + DAY), article("a", NOW - DAY, { expires: NOW + DAY })],
      at("a", DAY, "expire"),
    ],
    [
      "expire before publish for one file at one instant",
      [article("a", NOW + DAY), article("a", NOW - DAY, { expires: NOW + DAY })],
      at("a", DAY, "expire"),
    ],
  ])("is %s", (_name, articles, next) => {
    expect(planSchedule(articles, makeConfig()).nextChange).toEqual(next);
  });
});
