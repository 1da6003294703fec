import { describe, expect, it } from "vitest";
import { cleanData, cleanText } from "../../../src/text/clean-text.js";

describe("cleanText", () => {
  it.each([
    { name: "NUL", char: "\u0000" },
    { name: "BEL", char: "\u0007" },
    { name: "a vertical tab", char: "\u000B" },
    { name: "a form feed", char: "\u000C" },
    { name: "ESC", char: "\u001B" },
    { name: "the unit separator U+001F", char: "\u001F" },
    { name: "DEL", char: "\u007F" },
    { name: "the first C1 control U+0080", char: "\u0080" },
    { name: "NEL (U+0085)", char: "\u0085" },
    { name: "the last C1 control U+009F", char: "\u009F" },
    { name: "the first noncharacter U+FDD0", char: "\uFDD0" },
    { name: "the last of the FDD0 block U+FDEF", char: "\uFDEF" },
    { name: "U+FFFE", char: "\uFFFE" },
    { name: "U+FFFF", char: "\uFFFF" },
    { name: "U+1FFFE (a noncharacter outside the BMP)", char: "\u{1FFFE}" },
    { name: "U+1FFFF", char: "\u{1FFFF}" },
    { name: "U+EFFFE", char: "\u{EFFFE}" },
    { name: "U+10FFFF", char: "\u{10FFFF}" },
    { name: "a lone high surrogate", char: "\uD83D" },
    { name: "a lone low surrogate", char: "\uDE00" },
  ])("removes $name", ({ char }) => {
    expect(cleanText(`before${char}after`)).toBe("beforeafter");
  });

  it.each([
    { name: "tab, newline and carriage return", text: "a\tb\nc\r\nd" },
    { name: "an emoji (a surrogate pair)", text: "news \u{1F4F0} today" },
    {
      name: "a flag and a family (pairs joined by ZWJ)",
      text: "\u{1F1F3}\u{1F1F1} \u{1F468}\u200D\u{1F469}\u200D\u{1F467}",
    },
    { name: "the characters next to the noncharacters", text: "\uFDCF\uFDF0\uFFFD\u{1FFFD}\u{10FFFD}\u{10000}" },
    { name: "a no-break space and the first Latin-1 letter after C1", text: "\u00A0\u00C0" },
    { name: "accents and CJK", text: "café 日本語" },
    { name: "private use", text: "\uE000\u{F0000}" },
  ])("keeps $name", ({ text }) => {
    expect(cleanText(text)).toBe(text);
  });

  it("removes the four characters of the report from a title", () => {
    expect(cleanText("Grid\u0000\u0007\u001b\ufffe data")).toBe("Grid data");
  });

  it("keeps valid pairs and removes lone halves around them", () => {
    expect(cleanText("\uDBFF\uD800\uDC00\uDFFF\uD83D\uD83D\uDE00")).toBe("\u{10000}\u{1F600}");
  });
});

describe("cleanData", () => {
  it("cleans strings at every depth, map keys included, and keeps other values", () => {
    const data = { "ti\u0007tle": "A\u0000", list: ["x\u001b", 3, true, null, { "k\ufffe": ["\u{1FFFE}y"] }] };
    expect(cleanData(data)).toEqual({ title: "A", list: ["x", 3, true, null, { k: ["y"] }] });
  });

  it("keeps a key that cleans to __proto__ as a key instead of replacing the prototype", () => {
    const cleaned = cleanData(JSON.parse('{"__pro\\u0000to__": {"polluted": 1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(["__proto__"]);
    expect((cleaned as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("does not change its input", () => {
    const data = { title: "A\u0000" };
    cleanData(data);
    expect(data.title).toBe("A\u0000");
  });
});
