import { describe, expect, it } from "vitest";
import { makeDateHelpers } from "../../../src/render/helpers/dates.js";

describe("date helpers", () => {
  it("show an instant in the site's zone and language, with the time of day", () => {
    expect(makeDateHelpers("Europe/Amsterdam", "en-GB").formatDate("2026-11-20T08:30:00Z")).toBe(
      "20 November 2026 at 09:30",
    );
  });

  it.each(["America/Los_Angeles", "Pacific/Auckland", "UTC"])(
    "show a day without a time as that same day in %s",
    (zone) => {
      const helpers = makeDateHelpers(zone, "en-GB");
      expect(helpers.formatDate("2026-10-30")).toBe("30 October 2026");
      expect(helpers.formatDay("2026-10-30")).toBe("30 October 2026");
    },
  );
});
