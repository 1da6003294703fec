import { describe, expect, it } from "vitest";
import { leftOutLine, makeBuildReport, reportText, scheduleLines, untilPhrase } from "../../src/build-report.js";
import type { Schedule } from "../../src/graph/schedule.js";
import { makeConfig } from "../helpers/factories.js";

const NOW = Date.UTC(2026, 10, 26, 12);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STORM = Date.UTC(2026, 11, 1, 8);
const schedule = (over: Partial<Schedule> = {}): Schedule => ({
  drafts: 0,
  scheduled: [],
  expired: [],
  nextChange: null,
  ...over,
});
const storm = { file: "content/articles/storm.md", publishes: STORM };
const offer = { file: "content/articles/offer.md", expired: Date.UTC(2026, 10, 27, 23) };

describe("untilPhrase", () => {
  it.each([
    [1_000, "in less than a minute"],
    [44_999, "in less than a minute"],
    [45_000, "in 1 minute"],
    [90_000, "in 2 minutes"],
    [44 * MINUTE, "in 44 minutes"],
    [45 * MINUTE, "in 1 hour"],
    [90 * MINUTE, "in 2 hours"],
    [21 * HOUR + 59 * MINUTE, "in 22 hours"],
    [22 * HOUR, "in 1 day"],
    [36 * HOUR, "in 2 days"],
    [2 * DAY, "in 2 days"],
    [STORM - NOW, "in 5 days"],
    [400 * DAY, "in 400 days"],
  ])("%d ms ahead is %s", (ms, phrase) => {
    expect(untilPhrase(ms)).toBe(phrase);
  });
});

describe("scheduleLines", () => {
  it("names each scheduled article with its time in the site's zone and how soon, then each expired one", () => {
    expect(
      scheduleLines(
        schedule({ drafts: 3, scheduled: [{ ...storm, publishes: NOW + 2 * DAY }], expired: [offer] }),
        makeConfig(),
      ),
    ).toEqual([
      "Scheduled: content/articles/storm.md publishes 2026-11-28 13:00 +01:00 (in 2 days)",
      "Expired: content/articles/offer.md left the site 2026-11-28 00:00 +01:00",
    ]);
  });

  it("shows +00:00 for a site in UTC", () => {
    expect(scheduleLines(schedule({ scheduled: [storm] }), makeConfig({}, { timeZone: "UTC" }))).toEqual([
      "Scheduled: content/articles/storm.md publishes 2026-12-01 08:00 +00:00 (in 5 days)",
    ]);
  });

  it.each([
    [0, 0, []],
    [10, 0, ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10"]],
    [11, 0, ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "… and 1 more"]],
    [
      12,
      13,
      [
        "S1",
        "S2",
        "S3",
        "S4",
        "S5",
        "S6",
        "S7",
        "S8",
        "S9",
        "S10",
        "… and 2 more",
        "E1",
        "E2",
        "E3",
        "E4",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
        "E10",
        "… and 3 more",
      ],
    ],
  ])("lists %d scheduled and %d expired articles as %j, at most 10 of each", (nScheduled, nExpired, expected) => {
    const lines = scheduleLines(
      schedule({
        scheduled: Array.from({ length: nScheduled }, (_, i) => ({
          file: `s${i + 1}.md`,
          publishes: NOW + (i + 1) * HOUR,
        })),
        expired: Array.from({ length: nExpired }, (_, i) => ({ file: `e${i + 1}.md`, expired: NOW - (i + 1) * HOUR })),
      }),
      makeConfig(),
    );
    const short = (line: string) =>
      line.replace(/^Scheduled: s(\d+)\.md .*$/, "S$1").replace(/^Expired: e(\d+)\.md .*$/, "E$1");
    expect(lines.map(short)).toEqual(expected);
  });
});

describe("leftOutLine", () => {
  it.each<[Partial<Schedule>, string | null]>([
    [
      { drafts: 3, scheduled: [storm] },
      "3 drafts and 1 scheduled article left out (next: 2026-12-01 09:00 +01:00, content/articles/storm.md)",
    ],
    [{ drafts: 1 }, "1 draft left out"],
    [
      { scheduled: [storm, { file: "content/articles/later.md", publishes: STORM + DAY }] },
      "2 scheduled articles left out (next: 2026-12-01 09:00 +01:00, content/articles/storm.md)",
    ],
    [{ expired: [offer] }, "1 expired article left out"],
    [
      { drafts: 2, scheduled: [storm], expired: [offer, offer] },
      "2 drafts, 1 scheduled article and 2 expired articles left out (next: 2026-12-01 09:00 +01:00, content/articles/storm.md)",
    ],
    [{}, null],
  ])("%j → %s", (over, line) => {
    expect(leftOutLine(schedule(over), "Europe/Amsterdam")).toBe(line);
  });
});

describe("makeBuildReport", () => {
  it("writes every instant as ISO 8601 with the site's offset, and the counts of the published site", () => {
    const report = makeBuildReport(
      schedule({
        drafts: 2,
        scheduled: [storm],
        expired: [offer],
        nextChange: { at: STORM, file: storm.file, reason: "publish" },
      }),
      { articles: 7, pages: 21 },
      makeConfig(),
    );
    expect(report).toEqual({
      version: 1,
      builtAt: "2026-11-26T13:00:00+01:00",
      site: "https://test.example/",
      articles: 7,
      pages: 21,
      drafts: 2,
      scheduled: [{ file: "content/articles/storm.md", publishes: "2026-12-01T09:00:00+01:00" }],
      expired: [{ file: "content/articles/offer.md", expired: "2026-11-28T00:00:00+01:00" }],
      nextChange: { at: "2026-12-01T09:00:00+01:00", file: "content/articles/storm.md", reason: "publish" },
    });
    // The fields in the documented order, indented, with a final newline.
    expect(Object.keys(JSON.parse(reportText(report)))).toEqual([
      "version",
      "builtAt",
      "site",
      "articles",
      "pages",
      "drafts",
      "scheduled",
      "expired",
      "nextChange",
    ]);
    expect(reportText(report)).toMatch(/^\{\n {2}"version": 1,\n[\s\S]*\n\}\n$/);
  });

  it("has a null nextChange when the site will not change by itself", () => {
    expect(makeBuildReport(schedule(), { articles: 1, pages: 1 }, makeConfig()).nextChange).toBeNull();
  });
});
