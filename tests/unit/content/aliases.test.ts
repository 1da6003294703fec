import { describe, expect, it } from "vitest";
import { readAlias } from "../../../src/content/aliases.js";

describe("readAlias", () => {
  it.each([
    ["/2019/05/old-title/", "/2019/05/old-title/"],
    ["  /old  ", "/old/"],
    ["/blog/release/v20.20.0", "/blog/release/v20.20.0/"],
    ["/old-title.html", "/old-title.html"],
    ["/Old/Page.HTM", "/Old/Page.HTM"],
    ["/caf%C3%A9/", "/café/"],
    ["/日本/", "/日本/"],
  ])("reads %j as %j", (written, path) => {
    expect(readAlias(written)).toEqual({ path });
  });

  it.each([
    ["", "empty"],
    ["https://old.example/a/", "full address"],
    ["//old.example/a/", "full address"],
    ["javascript:alert(1)", "full address"],
    ["old/", 'must start with "/"'],
    ["/", "home page"],
    ["/a/?p=1", "query"],
    ["/a/#top", "query"],
    ["/a/../b/", '".."'],
    ["/a/%2e%2e/b/", '".."'],
    ["/a//b/", "empty"],
    ["/a/./b/", '"."'],
    ["/a%2fb/", "character"],
    ["/a%5cb/", "character"],
    ["/a\\b/", "character"],
    ["/a b/", "character"],
    ["/a%00/", "character"],
    ["/a%zz/", "percent-encoding"],
    ["/feed.xml", ".xml file"],
    ["/index.php", ".php file"],
    [`/${"a".repeat(2000)}/`, "longer"],
  ])("refuses %j (%s)", (written, says) => {
    const reading = readAlias(written);
    expect(reading).toMatchObject({ problem: expect.stringContaining(says) });
  });
});
