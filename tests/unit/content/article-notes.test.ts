import { describe, expect, it } from "vitest";
import { emptyBodyWarnings } from "../../../src/content/article-notes.js";
import { validateContent } from "../../../src/content/validate-content.js";
import { makeSource } from "../../helpers/factories.js";

const ZONE = "Europe/Amsterdam";

function notesOf(text: string) {
  const result = validateContent([makeSource("content/articles/a.md", "a.md", text)], [], ZONE);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.notes.get("content/articles/a.md")!;
}

describe("article notes", () => {
  it.each([
    {
      case: "an image object",
      fm: "image: { src: /images/x.jpg, alt: X }",
      image: { src: "/images/x.jpg", line: 4, column: 10 },
    },
    { case: "an image block", fm: "image:\n  alt: X\n  src: x.jpg", image: { src: "x.jpg", line: 6, column: 3 } },
    {
      case: "a Jekyll image string",
      fm: "image: /img/x.jpg\nimage_alt: X",
      image: { src: "/img/x.jpg", line: 4, column: 1 },
    },
    { case: "a Hugo images list", fm: "images: [x.jpg]", image: { src: "x.jpg", line: 4, column: 1 } },
    { case: "no image", fm: "summary: S", image: null },
  ])("records the picture of $case, where it was written", ({ fm, image }) => {
    expect(notesOf(`---\ntitle: T\ndate: 2024-05-01\n${fm}\n---\nBody.\n`).image).toEqual(image);
  });

  it.each([
    { body: "", isBodyEmpty: true },
    { body: "\n  \n\t\n", isBodyEmpty: true },
    { body: "Text.", isBodyEmpty: false },
    { body: "<!-- a comment -->", isBodyEmpty: false },
    { body: "![A picture](x.jpg)", isBodyEmpty: false },
  ])("calls the body $body empty: $isBodyEmpty", ({ body, isBodyEmpty }) => {
    expect(notesOf(`---\ntitle: T\ndate: 2024-05-01\n---\n${body}`).isBodyEmpty).toBe(isBodyEmpty);
  });

  it("keeps the notes with the cached validation result", () => {
    const file = makeSource(
      "content/articles/a.md",
      "a.md",
      "---\ntitle: T\ndate: 2024-05-01\nsumary: S\nimage: { src: x.jpg, alt: X }\n---\n",
    );
    const first = validateContent([file], [], ZONE);
    // A file known from an earlier build is not parsed again: its text is never read.
    const unread = {
      ...file,
      get text(): string {
        throw new Error("read again");
      },
    };
    const again = validateContent([unread], [], ZONE, first.entries);
    expect(again.notes).toEqual(first.notes);
    expect(again.diagnostics).toEqual(first.diagnostics);
    expect(again.diagnostics.map((d) => d.code)).toEqual(["UnknownField"]);
  });
});

describe("emptyBodyWarnings", () => {
  it("warns about the given articles whose body is empty, at the file", () => {
    const notes = new Map([
      ["content/articles/empty.md", { image: null, isBodyEmpty: true }],
      ["content/articles/full.md", { image: null, isBodyEmpty: false }],
      ["content/articles/left-out.md", { image: null, isBodyEmpty: true }],
    ]);
    expect(
      emptyBodyWarnings(
        [
          { sourcePath: "content/articles/empty.md" },
          { sourcePath: "content/articles/full.md" },
          { sourcePath: "content/articles/unknown.md" },
        ],
        notes,
      ),
    ).toEqual([
      {
        code: "EmptyBody",
        severity: "warning",
        message: "The article has no text: readers will see only its title",
        file: "content/articles/empty.md",
        hint: expect.stringMatching(/draft/),
      },
    ]);
  });
});
