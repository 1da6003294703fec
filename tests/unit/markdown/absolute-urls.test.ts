import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { absoluteHtmlOf } from "../../../src/markdown/absolute-urls.js";
import { HtmlStore } from "../../../src/markdown/html-store.js";
import { renderMarkdown } from "../../../src/markdown/render-markdown.js";
import { DiskCache } from "../../../src/cache/disk-cache.js";

const PAGE = "https://site.example/news/articles/x/";
const URLS = { pageUrl: PAGE, basePath: "/news" };

describe("absoluteHtmlOf (the feed variant, made from the page HTML)", () => {
  it("resolves every href and src against the page, and nothing else", () => {
    const html =
      '<p><a href="../other/">a</a> <img src="/news/i.png" alt="../x/" loading="lazy"> <a href="#sec" title="/t/">f</a></p>\n';
    expect(absoluteHtmlOf(html, PAGE)).toBe(
      '<p><a href="https://site.example/news/articles/other/">a</a> <img src="https://site.example/news/i.png" alt="../x/" loading="lazy"> <a href="https://site.example/news/articles/x/#sec" title="/t/">f</a></p>\n',
    );
  });

  it('leaves text that reads like an attribute alone (text keeps raw quotes, never a raw "<")', () => {
    const html = '<p>write href="/x/" or src="/y/" &lt;a href="/z/"></p>\n';
    expect(absoluteHtmlOf(html, PAGE)).toBe(html);
  });

  it("decodes and re-encodes values as the serializer writes them (&#xHH; for \\0 \" & ' `)", () => {
    const html = '<a href="/q?a=1&#x26;b=&#x22;x&#x22;&#x27;">q</a>';
    // (the URL parser writes the quotes of a query as %22 and %27)
    expect(absoluteHtmlOf(html, PAGE)).toBe('<a href="https://site.example/q?a=1&#x26;b=%22x%22%27">q</a>');
    // A value no URL parser accepts is kept, encoded as it was.
    const kept = '<a href="http://[x&#x27;&#x60;&#x26;">k</a>';
    expect(absoluteHtmlOf(kept, PAGE)).toBe(kept);
  });

  it("gives what the reference pipeline serializes from the tree, for links, images, raw HTML and footnotes", () => {
    const md =
      '[rel](../x/) ![i](/images/a.png "t") [q](?p=2&q="x") <a href="/about/" title="a&b">raw</a> <img src="p.png" alt="p">\n\nNote[^1] and https://auto.example/x\n\n[^1]: The note.';
    const reference = renderMarkdown(md, URLS, { reference: true });
    expect(absoluteHtmlOf(renderMarkdown(md, URLS).html, PAGE)).toBe(reference.absoluteHtml);
  });
});

describe("HtmlStore", () => {
  it("keeps the page HTML only and makes the feed variant when it is read, once", async () => {
    const cache = new DiskCache(await mkdtemp(path.join(tmpdir(), "html-store-")));
    let rendered = 0;
    const store = new HtmlStore(
      cache,
      async () => {
        rendered++;
        return { html: '<p><a href="/news/about/">a</a></p>\n' };
      },
      () => PAGE,
    );
    await store.ensure(["k"]);
    expect(cache.readJson("html", "k")).toEqual({ html: '<p><a href="/news/about/">a</a></p>\n' });
    const value = store.get("k");
    expect(value.html).toBe('<p><a href="/news/about/">a</a></p>\n');
    expect(value.absoluteHtml).toBe('<p><a href="https://site.example/news/about/">a</a></p>\n');
    expect(store.get("k").absoluteHtml).toBe(value.absoluteHtml);
    // A second store reads the entry back from the cache instead of rendering again.
    const again = new HtmlStore(
      cache,
      async () => {
        rendered++;
        return { html: "" };
      },
      () => PAGE,
    );
    await again.ensure(["k"]);
    expect(again.get("k").absoluteHtml).toBe('<p><a href="https://site.example/news/about/">a</a></p>\n');
    expect(rendered).toBe(1);
  });
});
