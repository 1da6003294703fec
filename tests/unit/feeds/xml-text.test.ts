import { describe, expect, it } from "vitest";
import { escapeXml, xmlSafe } from "../../../src/feeds/xml-text.js";

/** The Char production of XML 1.0 (fifth edition), for single UTF-16 code units of the BMP. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd)
  );
}

/** What pages drop on top of XML's rule (src/text/clean-text.ts): DEL, C1 controls and the BMP's noncharacters. */
function isDroppedForPages(code: number): boolean {
  return (code >= 0x7f && code <= 0x9f) || (code >= 0xfdd0 && code <= 0xfdef);
}

describe("xmlSafe", () => {
  it("removes every code unit of the BMP that XML 1.0 forbids or pages drop, and keeps every other", () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      const isKept = xmlSafe(`a${char}b`) === `a${char}b`;
      const isRemoved = xmlSafe(`a${char}b`) === "ab";
      if (isXmlChar(code) && !isDroppedForPages(code) ? !isKept : !isRemoved) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    { name: "NUL", char: "\u0000" },
    { name: "a vertical tab", char: "\u000B" },
    { name: "a form feed", char: "\u000C" },
    { name: "an escape", char: "\u001B" },
    { name: "U+FFFE", char: "\uFFFE" },
    { name: "U+FFFF", char: "\uFFFF" },
    { name: "DEL", char: "\u007F" },
    { name: "a C1 control (NEL)", char: "\u0085" },
    { name: "a noncharacter outside the BMP (U+10FFFF)", char: "\u{10FFFF}" },
    { name: "a lone high surrogate", char: "\uD83D" },
    { name: "a lone low surrogate", char: "\uDE00" },
  ])("removes $name", ({ char }) => {
    expect(xmlSafe(`before${char}after`)).toBe("beforeafter");
  });

  it.each([
    { name: "tab, newline and carriage return", text: "a\tb\nc\rd" },
    { name: "an emoji (a valid surrogate pair)", text: "news \u{1F4F0} today" },
    { name: "the highest code point that is a character", text: "\u{10FFFD}" },
    { name: "the lowest astral code point", text: "\u{10000}" },
    { name: "accents and CJK", text: "café 日本語" },
    { name: "private use and U+FFFD", text: "\uE000\uFFFD" },
  ])("keeps $name", ({ text }) => {
    expect(xmlSafe(text)).toBe(text);
  });

  it.each([
    { name: "a high surrogate at the end", text: "x\uD83D", expected: "x" },
    { name: "a low surrogate at the start", text: "\uDE00x", expected: "x" },
    { name: "surrogates in the wrong order", text: "\uDE00\uD83D", expected: "" },
    { name: "a high surrogate before a pair", text: "\uD83D\uD83D\uDE00", expected: "\u{1F600}" },
    { name: "a low surrogate after a pair", text: "\uD83D\uDE00\uDE00", expected: "\u{1F600}" },
    { name: "two lone surrogates around a pair", text: "\uDBFF\uD800\uDC00\uDFFF", expected: "\u{10000}" },
  ])("removes lone surrogates but keeps pairs: $name", ({ text, expected }) => {
    expect(xmlSafe(text)).toBe(expected);
  });

  it("leaves well-formed UTF-16 after removal", () => {
    const result = xmlSafe("a\uD800b\uDC00c\u{1F600}\uDBFF");
    expect(result).toBe("abc\u{1F600}");
    expect(() => encodeURIComponent(result)).not.toThrow();
  });
});

describe("escapeXml", () => {
  it("escapes the five XML special characters", () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;",
    );
  });

  it("removes forbidden characters before escaping", () => {
    expect(escapeXml("R&D\u0000\uD83D")).toBe("R&amp;D");
  });

  it("escapes the ampersand of text that already looks like an entity", () => {
    expect(escapeXml("&amp;")).toBe("&amp;amp;");
  });
});
