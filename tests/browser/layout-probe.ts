/**
 * What layout.test.ts measures inside the page, as script text for page.evaluate (the test files
 * compile without the DOM's types). Each returns plain data the test asserts on.
 */

/** A short name for an element, for messages: tag, id and classes, and its parent's. */
const NAME = `const name = (el) => {
  const own = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + [...e.classList].map((c) => "." + c).join("");
  return el.parentElement ? own(el.parentElement) + " > " + own(el) : own(el);
};`;

/**
 * Horizontal overflow: the document's scroll width against the viewport, and every element that
 * reaches past the viewport's right edge (or left of 0) outside a clipping or scrolling ancestor.
 */
export const OVERFLOW_PROBE = `(() => {
  ${NAME}
  const width = window.innerWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== "visible" || s.clipPath !== "none") return true;
    }
    return false;
  };
  const offenders = [...document.body.querySelectorAll("*")]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 1 && (r.right > width + 1 || r.left < -1) && !clipped(el);
    })
    .filter((el) => getComputedStyle(el).transform === "none")
    .map((el) => name(el) + " (" + Math.round(el.getBoundingClientRect().left) + "–" + Math.round(el.getBoundingClientRect().right) + " px)");
  return { scrollWidth: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 10) };
})()`;

/**
 * Holes in grids: for every card grid (and the front page's lead-and-rail grid) with more than one
 * column, its items are grouped into rows (items whose vertical extents overlap, so a lead beside
 * two stacked stories is one row); a row whose items do not reach from the grid's left edge to its
 * right edge leaves a hole — a lone card in a row of several columns is one.
 */
export const ORPHAN_PROBE = `(() => {
  ${NAME}
  const holes = [];
  let grids = 0;
  for (const grid of document.querySelectorAll(".card-grid, .front")) {
    if (getComputedStyle(grid).display !== "grid") continue;
    const items = [...grid.children].map((el) => ({ el, r: el.getBoundingClientRect() })).filter((i) => i.r.width > 0);
    const columns = new Set(items.map((i) => Math.round(i.r.left))).size;
    if (columns < 2) continue;
    grids++;
    const g = grid.getBoundingClientRect();
    const s = getComputedStyle(grid);
    const left = g.left + parseFloat(s.paddingLeft) + parseFloat(s.borderLeftWidth);
    const right = g.right - parseFloat(s.paddingRight) - parseFloat(s.borderRightWidth);
    items.sort((a, b) => a.r.top - b.r.top);
    const rows = [];
    for (const item of items) {
      const row = rows.at(-1);
      if (row && item.r.top < row.bottom - 1) {
        row.items.push(item);
        row.bottom = Math.max(row.bottom, item.r.bottom);
      } else rows.push({ items: [item], bottom: item.r.bottom });
    }
    rows.forEach((row, n) => {
      const from = Math.min(...row.items.map((i) => i.r.left));
      const to = Math.max(...row.items.map((i) => i.r.right));
      if (from > left + 2 || to < right - 2)
        holes.push(name(grid) + " row " + (n + 1) + ": " + row.items.length + " item(s) cover " + Math.round(from - left) + "–" + Math.round(to - left) + " of " + Math.round(right - left) + " px");
    });
  }
  return { grids, holes };
})()`;

/** Every picture: its width and height attributes and the size it is drawn at. */
export const IMAGE_PROBE = `(() => {
  ${NAME}
  return [...document.images].map((img) => ({
    name: name(img),
    src: img.getAttribute("src"),
    hasSize: img.hasAttribute("width") && img.hasAttribute("height"),
    drawn: img.getBoundingClientRect().width > 0 && img.getBoundingClientRect().height > 0,
  }));
})()`;
