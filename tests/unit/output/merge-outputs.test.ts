import { describe, expect, it } from "vitest";
import { mergeOutputs } from "../../../src/output/merge-outputs.js";
import type { PlannedOutput } from "../../../src/output/writer.js";

const page = (p: string): PlannedOutput => ({ path: p, fingerprint: "f", produce: () => "" });
const file = (p: string) => ({ path: p, contents: "x" });

describe("mergeOutputs", () => {
  it("joins public files, bundle files and generated pages, sorted", () => {
    const { outputs, diagnostics } = mergeOutputs([file("assets/site.css")], [page("index.html")], "public", [
      { ...file("articles/a/photo.jpg"), sourcePath: "content/articles/a/photo.jpg" },
    ]);
    expect(diagnostics).toEqual([]);
    expect(outputs.map((o) => o.path)).toEqual(["articles/a/photo.jpg", "assets/site.css", "index.html"]);
  });

  it.each([
    ["Index.html", "index.html"],
    ["ABOUT/index.html", "about/index.html"],
    ["tags/Σ/index.html", "tags/σ/index.html"],
    ["tags/ς/index.html", "tags/σ/index.html"],
    ["cafe\u0301/index.html", "café/index.html"],
  ])("refuses public/%s beside the generated %s: one file on a case-insensitive disk", (copied, generated) => {
    const { outputs, diagnostics } = mergeOutputs([file(copied)], [page(generated)], "public");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: "OutputConflict",
        file: `public/${copied}`,
        message: expect.stringMatching(
          /would overwrite another output: a generated page \(".*"\) is the same file on a case-insensitive disk/,
        ),
      }),
    ]);
    expect(outputs.map((o) => o.path)).toEqual([generated]);
  });

  it("names both files when two public files differ only in case", () => {
    const { diagnostics } = mergeOutputs([file("Logo.svg"), file("logo.svg")], [], "public");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: "OutputConflict",
        file: "public/logo.svg",
        message: expect.stringMatching(/public\/Logo\.svg \("Logo\.svg"\) is the same file/),
      }),
    ]);
  });

  it("names the generated path when a public file has exactly its path", () => {
    const { diagnostics } = mergeOutputs([file("feed.xml")], [page("feed.xml")], "public");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: "OutputConflict",
        message: expect.stringMatching(
          /"feed\.xml" would overwrite another output: a generated page has the same path/,
        ),
      }),
    ]);
  });

  it("reports two generated pages that would be one file", () => {
    const { diagnostics } = mergeOutputs([], [page("tags/a/index.html"), page("tags/A/index.html")], "public");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: "OutputConflict",
        message: expect.stringMatching(
          /"tags\/A\/index\.html" and a generated page \("tags\/a\/index\.html"\) is the same file/,
        ),
      }),
    ]);
  });

  it("keeps different letters apart (ß is not ss; é is not e)", () => {
    expect(
      mergeOutputs([file("straße.txt"), file("cafe.txt")], [page("strasse.txt"), page("café.txt")], "public")
        .diagnostics,
    ).toEqual([]);
  });
});
