/** Minimal inputs of every failure the fuzz properties found: replayed first by each property (as `examples`). */
import type { SiteInput } from "./sites.js";

/** Article files that once broke parsing or validation. */
export const FRONT_MATTER_REGRESSIONS: readonly {
  readonly bug: string;
  readonly text: string;
  readonly base: string;
}[] = [
  {
    bug: "YAML alias bomb threw from toJS()",
    base: "..",
    text: '---\ntitle: "news"\ndate: "2026-11-20"\nlol0: &l0 ["lol"]\nlol1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\nlol2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n---\n',
  },
  { bug: "alias naming no anchor threw from toJS()", base: "a", text: "---\ntitle: x\nsummary: *nowhere\n---\n" },
  { bug: "fence line without a newline asked gray-matter for engine 'j'", base: "a", text: "---js" },
  {
    bug: "fence language after U+00A0 reached gray-matter's js engine",
    base: "a",
    text: "---\u00A0js\ntitle: x\n---\n",
  },
  {
    bug: "second BOM hid the fence language from our check",
    base: "0",
    text: "\uFEFF\uFEFF---<script>alert(1)</script>",
  },
  { bug: "YAML escape gave a lone surrogate", base: "a", text: '---\ntitle: "\\ud800"\ndate: 2026-11-20\n---\n' },
  { bug: "TOML February 30 moved to March 2", base: "a", text: '+++\ntitle = "x"\ndate = 2026-02-30\n+++\n' },
];

/** Markdown bodies that once broke rendering. */
export const MARKDOWN_REGRESSIONS: readonly { readonly bug: string; readonly markdown: string }[] = [
  { bug: "a blockquote 8,000 deep", markdown: `${"> ".repeat(8000)}deep` },
  { bug: "quotes and lists 600 deep", markdown: `${"> - ".repeat(600)}deep` },
  { bug: "emphasis 3,000 deep", markdown: `${"*".repeat(3000)}a${"*".repeat(3000)}` },
  { bug: "HTML elements 5,000 deep", markdown: `${"<div>".repeat(5000)}x` },
];

/** Whole sites that once broke a build. */
export const SITE_REGRESSIONS: readonly { readonly bug: string; readonly site: SiteInput }[] = [];
