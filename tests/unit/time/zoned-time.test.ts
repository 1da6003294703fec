import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatDay,
  formatIso,
  formatUtcIso,
  isValidTimeZone,
  parseEditorDate,
  yearIn,
} from "../../../src/time/zoned-time.js";

const AMS = "Europe/Amsterdam";

describe("parseEditorDate", () => {
  it.each([
    { text: "2024-05-01", ms: Date.UTC(2024, 3, 30, 22) },
    { text: "2024-01-15", ms: Date.UTC(2024, 0, 14, 23) },
    { text: " 2024-05-01 ", ms: Date.UTC(2024, 3, 30, 22) },
    { text: "2024-05-01T10:00:00+02:00", ms: Date.UTC(2024, 4, 1, 8) },
    { text: "2024-05-01T10:00:00", ms: Date.UTC(2024, 4, 1, 8) },
    { text: "2024-05-01 10:00:00 -0700", ms: Date.UTC(2024, 4, 1, 17) },
    { text: "2024-05-01 10:00:00 -07:00", ms: Date.UTC(2024, 4, 1, 17) },
    { text: "2024-05-01 10:00:00 -07", ms: Date.UTC(2024, 4, 1, 17) },
    { text: "2024-05-01 10:00:00 z", ms: Date.UTC(2024, 4, 1, 10) },
    { text: "2024-05-01 9:05", ms: Date.UTC(2024, 4, 1, 7, 5) },
    { text: "2024-05-01  10:00:00.5Z", ms: Date.UTC(2024, 4, 1, 10, 0, 0, 500) },
    { text: "Wed, 01 May 2024 10:00:00 GMT", ms: Date.UTC(2024, 4, 1, 10) },
    { text: "Wed, 01 May 2024 10:00:00 +0200", ms: Date.UTC(2024, 4, 1, 8) },
  ])("reads $text in Amsterdam as $ms", ({ text, ms }) => {
    expect(parseEditorDate(text, AMS)).toBe(ms);
  });

  it.each(["", "nope", "yesterday", "2024-02-30", "2024-13-01", "0999-01-01", "10000-01-01", "01/05/2024"])(
    "refuses %j",
    (text) => {
      expect(parseEditorDate(text, AMS)).toBeNull();
    },
  );

  it("reads the same wall time as different instants in different zones", () => {
    expect(parseEditorDate("2024-05-01T10:00", "UTC")! - parseEditorDate("2024-05-01T10:00", AMS)!).toBe(2 * 3600_000);
  });

  it("accepts a Date as its instant and refuses an invalid Date", () => {
    expect(parseEditorDate(new Date(1234), AMS)).toBe(1234);
    expect(parseEditorDate(new Date(Number.NaN), AMS)).toBeNull();
  });

  it("moves a wall time inside the spring-forward gap to a real instant", () => {
    // 02:30 on 31 March 2024 does not exist in Amsterdam; luxon moves it forward an hour.
    expect(parseEditorDate("2024-03-31T02:30:00", AMS)).toBe(Date.UTC(2024, 2, 31, 1, 30));
  });
});

describe("formatting", () => {
  const ms = Date.UTC(2026, 10, 26, 13, 5);

  it("formats ISO 8601 with the zone's offset, to the second", () => {
    expect(formatIso(ms, AMS)).toBe("2026-11-26T14:05:00+01:00");
    expect(formatIso(Date.UTC(2024, 6, 1, 7, 30), AMS)).toBe("2024-07-01T09:30:00+02:00");
  });

  it("formats UTC ISO without milliseconds unless there are some", () => {
    expect(formatUtcIso(ms)).toBe("2026-11-26T13:05:00Z");
    expect(formatUtcIso(ms + 123)).toBe("2026-11-26T13:05:00.123Z");
  });

  it("formats a human date and time in the site's language and zone", () => {
    expect(formatDateTime(ms, AMS, "en-GB")).toMatch(/^26 November 2026.*14:05$/);
    expect(formatDateTime(ms, "America/New_York", "en-GB")).toMatch(/^26 November 2026.*08:05$/);
  });

  it("formats a human date in the site's language, on the zone's calendar day", () => {
    expect(formatDay(ms, AMS, "en-GB")).toBe("26 November 2026");
    expect(formatDay(ms, AMS, "nl")).toBe("26 november 2026");
    expect(formatDay(ms, AMS, "de")).toBe("26. November 2026");
    expect(formatDay(Date.UTC(2026, 10, 26, 3), "America/New_York", "en-GB")).toBe("25 November 2026");
  });

  it("gives the calendar year in the zone, not in UTC", () => {
    const newYearsEveUtc = Date.UTC(2025, 11, 31, 23, 30);
    expect(yearIn(newYearsEveUtc, AMS)).toBe(2026);
    expect(yearIn(newYearsEveUtc, "UTC")).toBe(2025);
  });
});

describe("isValidTimeZone", () => {
  it.each([
    { zone: AMS, isValid: true },
    { zone: "UTC", isValid: true },
    { zone: "America/Argentina/Buenos_Aires", isValid: true },
    { zone: "Mars/Olympus", isValid: false },
    { zone: "", isValid: false },
    { zone: "+02:00", isValid: false },
  ])("says $isValid for '$zone'", ({ zone, isValid }) => {
    expect(isValidTimeZone(zone)).toBe(isValid);
  });
});
