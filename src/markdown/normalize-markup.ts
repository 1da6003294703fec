/**
 * Makes a sanitized body valid HTML where the sanitizer leaves it invalid: headings are shifted to
 * sit under the page's `h1`, and attributes, elements and whitespace that raw HTML brings in and
 * HTML does not allow are corrected or dropped. Pure transforms of a hast tree (see docs/markup.md).
 */
import type { Element, ElementContent, Parent, Properties, Root, RootContent } from "hast";

/**
 * Calls `visit` on every node below `parent` in document order, with its parent; returning false
 * skips the node's children. (unist-util-visit builds a list of ancestors per node: 3x slower here.)
 */
function walk(parent: Root | Element, visit: (node: RootContent, parent: Root | Element) => boolean | undefined): void {
  for (const child of parent.children) {
    if (visit(child, parent) === false) continue;
    if (child.type === "element") walk(child, visit);
  }
}

const HEADING = /^h([1-6])$/;

/** A body's headings, in document order, with the footnotes' own "Footnotes" heading left out. */
function bodyHeadings(tree: Root): { headings: Element[]; footnoteLabels: Element[] } {
  const headings: Element[] = [];
  const footnoteLabels: Element[] = [];
  walk(tree, (node, parent) => {
    if (node.type !== "element" || !HEADING.test(node.tagName)) return true;
    const isFootnoteLabel =
      parent.type === "element" &&
      parent.tagName === "section" &&
      parent.properties.dataFootnotes !== undefined &&
      parent.properties.dataFootnotes !== false;
    (isFootnoteLabel ? footnoteLabels : headings).push(node);
    return true;
  });
  return { headings, footnoteLabels };
}

/**
 * Shifts a body's headings so it starts at `h2` under the page's `h1` and never skips a level:
 * the smallest level used becomes 2 (an `h1` in a body becomes `h2`, a body whose top level is `h3`
 * starts at `h2`), then each heading is at most one level deeper than the one before it, and never
 * deeper than `h6`. Ids and attributes stay as they are. GFM's "Footnotes" heading is always `h2`.
 */
export function shiftHeadings(tree: Root): void {
  const { headings, footnoteLabels } = bodyHeadings(tree);
  for (const label of footnoteLabels) label.tagName = "h2";
  if (headings.length === 0) return;
  const levels = headings.map((h) => Number(HEADING.exec(h.tagName)![1]));
  const shift = 2 - Math.min(...levels);
  let previous = 1; // the page's h1
  headings.forEach((heading, i) => {
    const level = Math.min(levels[i]! + shift, previous + 1, 6);
    heading.tagName = `h${level}`;
    previous = level;
  });
}

// ---- attributes ----

type Check = (value: unknown, node: Element, parent: Parent | undefined) => Properties[string] | undefined;

const text = (value: unknown): string => (Array.isArray(value) ? value.join(" ") : String(value ?? ""));
const integer =
  (min: number, max: number): Check =>
  (value) => {
    const m = /^\s*([-+]?\d+)/.exec(text(value));
    const n = m ? Number(m[1]) : Number.NaN;
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
/** width/height: HTML wants a non-negative integer of CSS pixels; "100px" or "100.5" → "100", "50%" or "auto" → dropped. */
const dimension: Check = (value) => {
  const m = /^\s*(\d+)(?:\.\d*)?\s*(?:px)?\s*$/i.exec(text(value));
  return m ? String(Number(m[1])) : undefined;
};
const oneOf =
  (...allowed: string[]): Check =>
  (value) => {
    const v = text(value).trim().toLowerCase();
    return allowed.includes(v) ? v : undefined;
  };
const boolean: Check = (value) => (value === false || value === null ? undefined : true);
const keep: Check = (value) => value as Properties[string];
const SCOPE = oneOf("row", "col", "rowgroup", "colgroup");

/** Attributes valid on every element (hast property names); `aria*` and `data*` are allowed too. */
const GLOBAL: Record<string, Check> = {
  id: keep,
  className: keep,
  lang: keep,
  title: keep,
  accessKey: keep,
  itemProp: keep,
  dir: oneOf("ltr", "rtl", "auto"),
  tabIndex: integer(-1_000_000, 1_000_000),
};

/** Attributes valid per element, among those the sanitizer lets through (everything else it allows is obsolete or misplaced). */
const PER_ELEMENT: Record<string, Record<string, Check>> = {
  a: { href: keep, hrefLang: keep },
  img: { src: keep, alt: keep, width: dimension, height: dimension, loading: keep, decoding: keep },
  source: { srcSet: keep, media: keep, width: dimension, height: dimension },
  ol: { start: integer(-1_000_000_000, 1_000_000_000) },
  li: { value: integer(-1_000_000_000, 1_000_000_000) },
  td: { colSpan: integer(1, 1000), rowSpan: integer(0, 65534), headers: keep },
  th: {
    colSpan: integer(1, 1000),
    rowSpan: integer(0, 65534),
    headers: keep,
    abbr: keep,
    scope: SCOPE,
  },
  details: { open: boolean },
  input: { type: keep, checked: boolean, disabled: boolean },
  blockquote: { cite: keep },
  q: { cite: keep },
  del: { cite: keep, dateTime: keep },
  ins: { cite: keep, dateTime: keep },
  div: { itemScope: boolean, itemType: keep },
};

/** Obsolete elements the sanitizer keeps, and what HTML has instead. */
const REPLACEMENT: Record<string, string> = { strike: "s", tt: "code" };

const ID_CHARACTER = /[^A-Za-z0-9_-]/g;

/**
 * Corrects or drops what raw HTML brings in that HTML does not allow, after sanitizing:
 * - attributes: only those HTML allows on the element, with valid values (`width="100px"` → `100`,
 *   `width="50%"` dropped); obsolete presentational ones (`align`, `border`, `bgcolor`...) dropped,
 *   except `align` on table cells, which becomes the class `align-left|center|right`;
 * - ids: characters other than letters, digits, `-` and `_` become `-`, a repeated id is dropped
 *   (links already go to the first), and links `#x` in the body follow `id="x"` to its final name;
 * - a header cell gets the `scope` it implies (its column, or its row when it starts a row of data);
 * - `strike` → `s`, `tt` → `code`; a `details` gets its `summary` first (or "Details");
 * - spaces at the end of a line (outside `pre`) and white space before the body are removed.
 */
export function normalizeMarkup(tree: Root, idPrefix: string): void {
  const ids = new Map<string, string>(); // id as sanitized → id as written
  const seen = new Set<string>();
  walk(tree, (node, parent) => {
    if (node.type !== "element") return true;
    node.tagName = REPLACEMENT[node.tagName] ?? node.tagName;
    const allowed = PER_ELEMENT[node.tagName] ?? {};
    const properties: Properties = {};
    for (const [name, value] of Object.entries(node.properties ?? {})) {
      if (value === undefined || value === null) continue;
      // GFM column alignment comes as the obsolete `align`; a class keeps it without an inline
      // style (which a strict Content-Security-Policy would block).
      if (name === "align" && (node.tagName === "td" || node.tagName === "th")) {
        const align = oneOf("left", "center", "right")(value, node, parent);
        if (align !== undefined) properties.className = [...classesOf(properties.className), `align-${align}`];
        continue;
      }
      const check = allowed[name] ?? GLOBAL[name] ?? (/^(aria|data)[A-Z]/.test(name) ? keep : undefined);
      const checked = check?.(value, node, parent);
      if (checked === undefined) continue;
      properties[name] = name === "className" ? [...classesOf(properties.className), ...classesOf(checked)] : checked;
    }
    if (node.tagName === "li" && !(parent?.type === "element" && parent.tagName === "ol")) delete properties.value;
    if (typeof properties.id === "string") {
      const id = properties.id.replace(ID_CHARACTER, "-");
      if (seen.has(id) || id === "") delete properties.id;
      else {
        if (!ids.has(properties.id)) ids.set(properties.id, id);
        properties.id = id;
        seen.add(id);
      }
    }
    node.properties = properties;
    if (node.tagName === "details") summaryFirst(node);
    if (node.tagName === "tbody" || node.tagName === "tfoot") scopeHeaderCells(node);
    return true;
  });
  mergeTexts(tree);
  // The template indents the body: HTML that starts with a line break would leave that indent as a line of spaces.
  if (tree.children[0]?.type === "text") {
    tree.children[0].value = tree.children[0].value.trimStart();
    if (tree.children[0].value === "") tree.children.shift();
  }
  walk(tree, (node) => {
    if (node.type === "element" && node.tagName === "pre") return false;
    if (node.type === "element") mergeTexts(node);
    if (node.type === "text" && node.value.includes("\n")) node.value = node.value.replace(/[ \t]+(?=\n)/g, "");
    // The sanitizer prefixes ids but not the links to them: `<a href="#x">` follows `id="x"` to its new name.
    if (node.type === "element" && ids.size > 0 && typeof node.properties.href === "string") {
      const href = node.properties.href;
      const fragment = href.startsWith("#") ? decodeFragment(href.slice(1)) : undefined;
      const target = fragment === undefined ? undefined : (ids.get(fragment) ?? ids.get(idPrefix + fragment));
      if (target !== undefined) node.properties.href = `#${target}`;
    }
    return undefined;
  });
}

/** Header cells outside `thead` say what they head: their column when the whole row is headers, else their row. */
function scopeHeaderCells(section: Element): void {
  for (const row of section.children) {
    if (row.type !== "element" || row.tagName !== "tr") continue;
    const cells = row.children.filter((c): c is Element => c.type === "element");
    const scope = cells.every((c) => c.tagName === "th") ? "col" : "row";
    for (const cell of cells)
      if (cell.tagName === "th" && SCOPE(cell.properties.scope, cell, row) === undefined) cell.properties.scope = scope;
  }
}

/** Joins neighbouring texts (left by elements the sanitizer unwrapped), so a line's end is seen whole. */
function mergeTexts(parent: Parent): void {
  const children = parent.children;
  if (!children.some((c, i) => c.type === "text" && children[i + 1]?.type === "text")) return;
  const merged: typeof parent.children = [];
  for (const child of parent.children) {
    const last = merged.at(-1);
    if (child.type === "text" && last?.type === "text")
      merged[merged.length - 1] = { ...last, value: last.value + child.value };
    else merged.push(child);
  }
  parent.children = merged;
}

function classesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? value.split(/\s+/).filter(Boolean) : [];
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** A `details` must start with its `summary`: move the first one there, or add the browser's own "Details". */
function summaryFirst(details: Element): void {
  const first = details.children.find((c) => c.type === "element" || (c.type === "text" && c.value.trim() !== ""));
  if (first?.type === "element" && first.tagName === "summary") return;
  const index = details.children.findIndex((c) => c.type === "element" && c.tagName === "summary");
  const summary: ElementContent =
    index >= 0
      ? details.children.splice(index, 1)[0]!
      : { type: "element", tagName: "summary", properties: {}, children: [{ type: "text", value: "Details" }] };
  details.children.unshift(summary);
}
