/** Author profiles (content/authors/<slug>.md): validated like articles, every problem at its line. */
import { describe, expect, it } from "vitest";
import { validateAuthorProfiles } from "../../../src/content/validate-author.js";
import { makeSource } from "../../helpers/factories.js";

const profile = (text: string, name = "ana-ruiz.md") =>
  validateAuthorProfiles([makeSource(`content/authors/${name}`, name, text)]);

describe("validateAuthorProfiles", () => {
  it("reads name, avatar, links and email, with the Markdown body as the bio", () => {
    const { profiles, diagnostics } = profile(
      "---\nname: Ana  Ruiz\navatar: /images/ana.jpg\nurl: https://ana.example/\nsameAs: [https://social.example/@ana, https://ana.example/]\nemail: ana@news.example\n---\n\nAna covers *energy*.\n",
    );
    expect(diagnostics).toEqual([]);
    expect(profiles).toEqual([
      {
        sourcePath: "content/authors/ana-ruiz.md",
        slug: "authors/ana-ruiz",
        title: "Ana Ruiz",
        summary: null,
        body: "\nAna covers *energy*.\n",
        bodyLine: 8,
        extra: {
          avatar: { src: "/images/ana.jpg", alt: "Ana Ruiz" },
          links: ["https://ana.example/", "https://social.example/@ana"],
          email: "ana@news.example",
        },
      },
    ]);
  });

  it("takes `bio` over the body, and an avatar with its own alt text", () => {
    const { profiles } = profile(
      "---\nname: Ana Ruiz\nbio: Writes about **water**.\navatar: { src: https://cdn.example/ana.jpg, alt: Ana at her desk }\n---\nIgnored.\n",
    );
    expect(profiles[0]).toMatchObject({
      body: "Writes about **water**.",
      bodyLine: 3,
      extra: { avatar: { src: "https://cdn.example/ana.jpg", alt: "Ana at her desk" }, links: [], email: null },
    });
  });

  it("reports a missing name, a non-https link and a relative or script avatar, each at its line", () => {
    const { profiles, diagnostics } = profile(
      "---\nbio: Hi\nurl: http://ana.example/\navatar: javascript:alert(1)\nsameAs: [ana.example]\n---\n",
    );
    expect(profiles).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line, d.field])).toEqual([
      ["MissingField", 2, "name"],
      ["InvalidField", 4, "avatar"],
      ["InvalidField", 3, "url"],
      ["InvalidField", 5, "sameAs.0"],
    ]);
  });

  it("warns about a mistyped key and keeps the profile", () => {
    const { profiles, diagnostics } = profile("---\nname: Ana Ruiz\nemial: ana@news.example\n---\n");
    expect(profiles).toHaveLength(1);
    expect(diagnostics).toMatchObject([{ code: "UnknownField", severity: "warning", line: 3, field: "emial" }]);
    expect(profiles[0]?.extra).toMatchObject({ email: null });
  });
});
