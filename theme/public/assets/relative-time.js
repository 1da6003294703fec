/*
 * Relative times for Broadsheet pages.
 *
 * The HTML carries the absolute time: <time datetime="2026-11-26T14:05:00+01:00" data-relative>26 November 2026, 14:05</time>.
 * This script replaces the visible text with a relative phrase ("2 days ago", "yesterday"), keeps the
 * absolute text in the title attribute, and refreshes every minute. With `data-prefix="Enhanced"` the
 * text becomes "Enhanced yesterday"; with `data-keep-absolute` the absolute text stays beside it
 * ("2 days ago (26 November 2026)"); with `data-within-days="7"` an older time keeps its absolute
 * text. A time in the future (a reader's clock behind the site's) reads "now". Elements with an
 * invalid datetime are left alone.
 * Plain ES2020, no dependencies; the page works the same without it.
 */
(() => {
  const SELECTOR = "time[data-relative]";
  const REFRESH_MS = 60 * 1000;

  const MINUTE = 60;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  const DAYS_PER_MONTH = 365.2425 / 12;
  const DAYS_PER_YEAR = 365.2425;

  if (typeof Intl === "undefined" || typeof Intl.RelativeTimeFormat !== "function") {
    return;
  }

  /** @type {Intl.RelativeTimeFormat | null} */
  let formatter = null;

  function getFormatter() {
    if (formatter) return formatter;
    const lang = document.documentElement.lang || undefined;
    try {
      formatter = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    } catch {
      // An invalid language tag throws a RangeError: fall back to the browser's language.
      formatter = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
    }
    return formatter;
  }

  /**
   * The value and unit that best describe a difference, using the largest sensible unit.
   * @param {number} seconds signed difference (negative = in the past)
   * @returns {[number, Intl.RelativeTimeFormatUnit]}
   */
  function pickUnit(seconds) {
    const abs = Math.abs(seconds);
    const sign = seconds < 0 ? -1 : 1;
    if (abs < 45) return [0, "second"]; // "now"
    if (abs < 45 * MINUTE) return [sign * Math.max(1, Math.round(abs / MINUTE)), "minute"];
    if (abs < 22 * HOUR) return [sign * Math.max(1, Math.round(abs / HOUR)), "hour"];
    const days = Math.max(1, Math.round(abs / DAY));
    if (days < 7) return [sign * days, "day"];
    if (days < 28) return [sign * Math.round(days / 7), "week"];
    const months = Math.round(days / DAYS_PER_MONTH);
    if (months < 12) return [sign * Math.max(1, months), "month"];
    return [sign * Math.max(1, Math.round(days / DAYS_PER_YEAR)), "year"];
  }

  /** Original absolute text of each element, kept across refreshes. */
  const originals = new WeakMap();

  /**
   * @param {HTMLTimeElement} el
   * @param {number} now milliseconds since the epoch
   */
  function update(el, now) {
    const iso = el.getAttribute("datetime");
    if (!iso) return;
    const then = Date.parse(iso);
    if (Number.isNaN(then)) return;

    if (!originals.has(el)) {
      const absolute = (el.textContent || "").trim();
      originals.set(el, absolute);
      if (absolute && !el.hasAttribute("title")) el.setAttribute("title", absolute);
    }

    // Every time on a page is something that has happened: a reader's clock that runs behind must
    // never make a published article say "in 4 hours".
    const seconds = Math.min(0, (then - now) / 1000);
    const absolute = originals.get(el) || "";
    // Cards keep the date itself once the article is older than data-within-days (an archive of
    // "4 months ago" hides when things happened).
    const within = Number(el.getAttribute("data-within-days"));
    if (within > 0 && -seconds > within * DAY) {
      if (el.textContent !== absolute) el.textContent = absolute;
      el.setAttribute("data-relative-ready", "");
      return;
    }
    const [value, unit] = pickUnit(seconds);
    const phrase = getFormatter().format(value, unit);
    const prefix = (el.getAttribute("data-prefix") || "").trim();
    const relative = prefix ? `${prefix} ${phrase}` : phrase;
    // Article pages show the absolute date beside the relative one (phones have no hover tooltip).
    const keep = el.hasAttribute("data-keep-absolute") && absolute;
    const text = keep
      ? `${relative} (${prefix && absolute.startsWith(`${prefix} `) ? absolute.slice(prefix.length + 1) : absolute})`
      : relative;

    if (el.textContent !== text) el.textContent = text;
    el.setAttribute("data-relative-ready", "");
  }

  function updateAll() {
    const now = Date.now();
    document.querySelectorAll(SELECTOR).forEach((el) => {
      try {
        update(/** @type {HTMLTimeElement} */ (el), now);
      } catch {
        // Never let one odd element break the others; it keeps its absolute text.
      }
    });
  }

  function start() {
    updateAll();
    window.setInterval(updateAll, REFRESH_MS);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") updateAll();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
