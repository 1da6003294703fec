import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { cardSvg, escapeXml, readImageFacts, renderCardPng, renderLogoPng } from "../../../src/render/raster-assets.js";
import { ROOT } from "../../helpers/site.js";

const LOGO_SVG = () => readFile(path.join(ROOT, "public/assets/logo.svg"));
const HOSTILE_TITLE = `Hostile <script>__xss(901)</script> "><img src=x onerror=__xss(902)> & ]]> \u0001 '`;

/** A solid picture of the given format and size. */
const picture = (format: "png" | "jpeg" | "webp" | "gif", width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#336699" } })
    .toFormat(format)
    .toBuffer();

const facts = async (bytes: Uint8Array) => {
  const m = await sharp(bytes).metadata();
  return { format: m.format, width: m.width, height: m.height };
};

describe("readImageFacts", () => {
  it.each(["png", "jpeg", "webp", "gif"] as const)("reads a %s's format and size", async (format) => {
    expect(await readImageFacts(await picture(format, 320, 180))).toEqual({ format, width: 320, height: 180 });
  });

  it("reads an SVG as svg with its intrinsic size", async () => {
    expect(await readImageFacts(await LOGO_SVG())).toEqual({ format: "svg", width: 40, height: 40 });
  });

  it("gives the size a browser shows for a JPEG rotated by its EXIF orientation", async () => {
    const rotated = await sharp({ create: { width: 300, height: 100, channels: 3, background: "#000" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await readImageFacts(rotated)).toEqual({ format: "jpeg", width: 100, height: 300 });
  });

  it.each([
    ["text", Buffer.from("not a picture")],
    ["an empty file", Buffer.alloc(0)],
    ["a truncated PNG header", Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  ])("returns null for %s", async (_name, bytes) => {
    expect(await readImageFacts(bytes)).toBeNull();
  });
});

describe("renderCardPng", () => {
  it("draws a 1200×630 PNG from the title, the address and the SVG logo", async () => {
    const png = await renderCardPng({ title: "The Relay", caption: "relay.example", logo: await LOGO_SVG() });
    expect(await facts(png)).toEqual({ format: "png", width: 1200, height: 630 });
  });

  it("gives identical bytes for identical input, and different bytes for another title", async () => {
    const logo = await LOGO_SVG();
    const [a, b, c] = await Promise.all([
      renderCardPng({ title: "The Relay", caption: "relay.example", logo }),
      renderCardPng({ title: "The Relay", caption: "relay.example", logo }),
      renderCardPng({ title: "The Other Relay", caption: "relay.example", logo }),
    ]);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).not.toBe(0);
  });

  it("draws a card for a hostile title and no logo", async () => {
    const png = await renderCardPng({ title: HOSTILE_TITLE, caption: "hostile.example", logo: null });
    expect(await facts(png)).toEqual({ format: "png", width: 1200, height: 630 });
  });

  it("draws a valid card on a machine without fonts", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-nofonts-"));
    const config = path.join(dir, "fonts.conf");
    await writeFile(
      config,
      `<?xml version="1.0"?><fontconfig><dir>${dir}/none</dir><cachedir>${dir}/cache</cachedir></fontconfig>`,
    );
    const out = path.join(dir, "card.png");
    const script = `import("${path.join(ROOT, "lib/render/raster-assets.js")}").then(async (m) => {
      const png = await m.renderCardPng({ title: "The Relay", caption: "relay.example", logo: null });
      require("node:fs").writeFileSync(${JSON.stringify(out)}, png);
    })`;
    await promisify(execFile)(process.execPath, ["-e", script], { env: { ...process.env, FONTCONFIG_FILE: config } });
    expect(await facts(await readFile(out))).toEqual({ format: "png", width: 1200, height: 630 });
  });
});

describe("renderLogoPng", () => {
  it.each([
    ["an SVG logo", () => LOGO_SVG()],
    ["a wide raster logo", () => picture("jpeg", 600, 200)],
    ["no logo (the title's first letter)", async () => null],
  ])("draws %s as a 144×144 PNG", async (_name, source) => {
    const png = await renderLogoPng(await source(), "The Relay");
    expect(await facts(png)).toEqual({ format: "png", width: 144, height: 144 });
  });

  it("gives identical bytes for identical input", async () => {
    const logo = await LOGO_SVG();
    const [a, b] = await Promise.all([renderLogoPng(logo, "T"), renderLogoPng(logo, "T")]);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});

describe("cardSvg", () => {
  const texts = (svg: string) => {
    const parsed = new XMLParser({ ignoreAttributes: true, processEntities: true, htmlEntities: true }).parse(svg);
    const [title, caption] = parsed.svg.text as [{ tspan: string | string[] }, string];
    return { lines: [title.tspan].flat().map(String), caption: String(caption) };
  };

  it("escapes markup in the title and address: the SVG stays well-formed and shows them as text", () => {
    const svg = cardSvg(HOSTILE_TITLE, `<b>"x"</b>&`);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    const { lines, caption } = texts(svg);
    expect(lines.join(" ")).toContain("<script>__xss(901)</script>");
    expect(caption).toBe(`<b>"x"</b>&`);
  });

  it.each([
    ["a short title on one line", "The Relay", 1],
    [
      "a long title on at most three lines",
      "The Amalgamated Federation of Independent Community Newsrooms of the Upper Irfon Valley and Beyond",
      3,
    ],
  ])("sets %s", (_name, title, maxLines) => {
    const { lines } = texts(cardSvg(title, "x.example"));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(maxLines);
    expect(lines.join(" ")).toBe(title);
  });

  it("cuts a title too long for three lines with an ellipsis", () => {
    const { lines } = texts(cardSvg("word ".repeat(200), "x.example"));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/…$/);
  });

  it.each([
    ["<", "&#60;"],
    ["&", "&#38;"],
    ['"', "&#34;"],
    ["\u0000\u0008\uFFFE", ""],
    ["\uD800", ""],
    ["é 🛰", "é 🛰"],
  ])("escapeXml writes %j as %j", (text, escaped) => {
    expect(escapeXml(text)).toBe(escaped);
  });
});
