// The benchmark's chart: build time against article count, Broadsheet beside Eleventy, as an SVG
// string written by hand (no library). Two panels, cold builds and warm builds with nothing changed,
// each with its own linear scale; a white background so it reads the same in light and dark themes.

const COLOURS = { ours: "#1f5fbf", eleventy: "#c4531b" };
const esc = (s) => String(s).replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]);
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/** A "nice" upper bound and step for an axis that must reach `max`. */
function niceScale(max) {
  const raw = Math.max(max, 1e-3) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  return { top: Math.ceil(max / step) * step || step, step };
}

/**
 * The SVG. `points` is a list of { count, cold: { ours, eleventy }, warm: { ours, eleventy } } (seconds,
 * null when not measured); `caption` goes under the title.
 */
export function chartSvg(points, caption) {
  const W = 880;
  const H = 440;
  const panel = { w: 340, h: 260, top: 90 };
  const lefts = [80, 80 + panel.w + 100];
  const counts = [...new Set(points.map((p) => p.count))].sort((a, b) => a - b);
  const maxCount = Math.max(...counts);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">Build time against article count: Broadsheet and Eleventy</title>`,
    `<desc id="chart-desc">${esc(caption)}</desc>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="30" text-anchor="middle" font-size="18" font-weight="600" fill="#111">Build time against article count</text>`,
    `<text x="${W / 2}" y="52" text-anchor="middle" font-size="12" fill="#444">${esc(caption)}</text>`,
  ];
  const panels = [
    ["cold", "Cold build (no cache, empty output)"],
    ["warm", "Warm build, nothing changed"],
  ];
  panels.forEach(([key, title], i) => {
    const x0 = lefts[i];
    const y0 = panel.top + panel.h;
    const values = points.flatMap((p) => [p[key].ours, p[key].eleventy]).filter((v) => v != null);
    const { top, step } = niceScale(Math.max(...values, 0));
    const x = (count) => x0 + (count / maxCount) * panel.w;
    const y = (s) => y0 - (s / top) * panel.h;
    out.push(
      `<text x="${x0 + panel.w / 2}" y="${panel.top - 14}" text-anchor="middle" font-size="14" font-weight="600" fill="#111">${esc(title)}</text>`,
    );
    for (let v = 0; v <= top + step / 2; v += step) {
      out.push(
        `<line x1="${x0}" y1="${y(v).toFixed(1)}" x2="${x0 + panel.w}" y2="${y(v).toFixed(1)}" stroke="#ddd" stroke-width="1"/>`,
        `<text x="${x0 - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#333">${+v.toFixed(3)}</text>`,
      );
    }
    for (const count of counts)
      out.push(
        `<line x1="${x(count).toFixed(1)}" y1="${y0}" x2="${x(count).toFixed(1)}" y2="${y0 + 5}" stroke="#333"/>`,
        `<text x="${x(count).toFixed(1)}" y="${y0 + 18}" text-anchor="middle" font-size="11" fill="#333">${grouped(count)}</text>`,
      );
    out.push(
      `<line x1="${x0}" y1="${panel.top}" x2="${x0}" y2="${y0}" stroke="#333"/>`,
      `<line x1="${x0}" y1="${y0}" x2="${x0 + panel.w}" y2="${y0}" stroke="#333"/>`,
      `<text x="${x0 + panel.w / 2}" y="${y0 + 38}" text-anchor="middle" font-size="12" fill="#111">articles</text>`,
      `<text transform="translate(${x0 - 48} ${panel.top + panel.h / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#111">seconds (median)</text>`,
    );
    for (const who of ["ours", "eleventy"]) {
      const series = points.filter((p) => p[key][who] != null).sort((a, b) => a.count - b.count);
      if (series.length === 0) continue;
      const d = series.map((p, j) => `${j ? "L" : "M"}${x(p.count).toFixed(1)} ${y(p[key][who]).toFixed(1)}`).join(" ");
      out.push(
        `<path d="${d}" fill="none" stroke="${COLOURS[who]}" stroke-width="2.5"${who === "eleventy" ? ' stroke-dasharray="7 4"' : ""}/>`,
      );
      for (const p of series) {
        const cx = x(p.count).toFixed(1);
        const cy = y(p[key][who]).toFixed(1);
        out.push(
          who === "ours"
            ? `<circle cx="${cx}" cy="${cy}" r="4" fill="${COLOURS[who]}"/>`
            : `<rect x="${(+cx - 4).toFixed(1)}" y="${(+cy - 4).toFixed(1)}" width="8" height="8" fill="${COLOURS[who]}"/>`,
        );
      }
    }
  });
  // Legend: colour, line style and marker all differ, so it reads without colour too.
  const ly = H - 16;
  out.push(
    `<line x1="${W / 2 - 220}" y1="${ly}" x2="${W / 2 - 190}" y2="${ly}" stroke="${COLOURS.ours}" stroke-width="2.5"/>`,
    `<circle cx="${W / 2 - 205}" cy="${ly}" r="4" fill="${COLOURS.ours}"/>`,
    `<text x="${W / 2 - 182}" y="${ly + 4}" font-size="12" fill="#111">Broadsheet</text>`,
    `<line x1="${W / 2 + 20}" y1="${ly}" x2="${W / 2 + 50}" y2="${ly}" stroke="${COLOURS.eleventy}" stroke-width="2.5" stroke-dasharray="7 4"/>`,
    `<rect x="${W / 2 + 31}" y="${ly - 4}" width="8" height="8" fill="${COLOURS.eleventy}"/>`,
    `<text x="${W / 2 + 58}" y="${ly + 4}" font-size="12" fill="#111">Eleventy 3.1.8 + Handlebars</text>`,
    "</svg>",
  );
  return `${out.join("\n")}\n`;
}
