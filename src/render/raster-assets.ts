/**
 * The one module that uses sharp: reads the format and size of pictures, draws the site's card
 * (1200×630) and raster logo (144×144) as PNG, and encodes the responsive variants of pictures
 * (images/plan-images.ts). Same input, same bytes (tested).
 */
import type { default as Sharp } from "sharp";

let loaded: Promise<typeof Sharp> | undefined;
let uses = 0;
/** sharp (with libvips) loads on first use, 60–100 ms: a build with nothing to measure or draw never pays it. */
const loadSharp = () => {
  uses++;
  return (loaded ??= import("sharp").then((module) => module.default));
};

/** How many times this process has asked sharp for work (tests prove a warm build asks zero times). */
export function sharpUses(): number {
  return uses;
}

/** Formats link previews, search engines and feed readers all show. */
type RasterFormat = "png" | "jpeg" | "webp" | "gif";

/** A picture's format and the size a browser shows it at (EXIF rotation applied). */
export interface ImageFacts {
  readonly format: RasterFormat | "svg";
  readonly width: number;
  readonly height: number;
}

/** The card's size: what Facebook, LinkedIn and X show full width (1.91:1). */
export const CARD_SIZE = { width: 1200, height: 630 } as const;
/** The raster logo's size: Google asks for at least 112×112, and RSS channel images are at most 144 wide. */
export const LOGO_SIZE = 144;

const FORMATS = new Set<string>(["png", "jpeg", "webp", "gif", "svg"]);

/** What the responsive-image stage needs to know of a picture: its facts, and whether it moves. */
export interface ProbedImage {
  /** "other" for a picture sharp reads but the site does not re-encode (AVIF, TIFF, HEIF…). */
  readonly format: ImageFacts["format"] | "other";
  readonly width: number;
  readonly height: number;
  /** More than one frame (an animated GIF or WebP): passed through, never re-encoded. */
  readonly isAnimated: boolean;
  /** An indexed-colour PNG or GIF (a chart, a diagram): its PNG variants keep a palette, or they grow. */
  readonly isPalette: boolean;
}

/** Like readImageFacts, with the frame count: null when the bytes are no picture sharp reads. */
export async function probeImage(bytes: Uint8Array): Promise<ProbedImage | null> {
  const sharp = await loadSharp();
  try {
    const meta = await sharp(bytes).metadata();
    const { width, height } = meta.autoOrient;
    if (!(width > 0 && height > 0)) return null;
    const format = FORMATS.has(meta.format) ? (meta.format as ImageFacts["format"]) : "other";
    return { format, width, height, isAnimated: (meta.pages ?? 1) > 1, isPalette: meta.isPalette === true };
  } catch {
    return null;
  }
}

/** Formats variants are written in. */
export type VariantFormat = "webp" | "avif" | "jpeg" | "png";

/**
 * Encoder settings, part of every variant's cache key and fingerprint: change one, and variants
 * are encoded again. Metadata (EXIF, ICC other than sRGB) is dropped; rotation is applied.
 */
export const ENCODER_SETTINGS = {
  webp: { quality: 78, effort: 4 },
  avif: { quality: 55, effort: 2 },
  jpeg: { quality: 80, mozjpeg: true },
  png: { compressionLevel: 9, palette: false },
} as const;

/** A picture scaled to `width` pixels (never wider than it is), in `format`; `palette` quantizes a PNG to 256 colours. */
export async function encodeVariant(
  bytes: Uint8Array,
  width: number,
  format: VariantFormat,
  palette = false,
): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const image = sharp(bytes).autoOrient().resize({ width, withoutEnlargement: true });
  const encoded =
    format === "webp"
      ? image.webp(ENCODER_SETTINGS.webp)
      : format === "avif"
        ? image.avif(ENCODER_SETTINGS.avif)
        : format === "jpeg"
          ? image.jpeg(ENCODER_SETTINGS.jpeg)
          : image.png({ ...ENCODER_SETTINGS.png, palette });
  return encoded.toBuffer();
}

/**
 * A `width`×`height` crop of a picture for link previews (`fit: cover`, centred), in `format`;
 * a transparent picture is laid on white for JPEG.
 */
export async function encodeCover(
  bytes: Uint8Array,
  size: { width: number; height: number },
  format: "jpeg" | "png",
): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const image = sharp(bytes)
    .autoOrient()
    .resize({ ...size, fit: "cover", position: "centre" });
  return format === "jpeg"
    ? image.flatten({ background: "#ffffff" }).jpeg(ENCODER_SETTINGS.jpeg).toBuffer()
    : image.png(ENCODER_SETTINGS.png).toBuffer();
}

/** The format and size of a picture, or null when it is none sharp reads as PNG, JPEG, WebP, GIF or SVG. */
export async function readImageFacts(bytes: Uint8Array): Promise<ImageFacts | null> {
  const sharp = await loadSharp();
  try {
    const meta = await sharp(bytes).metadata();
    if (!FORMATS.has(meta.format)) return null;
    const { width, height } = meta.autoOrient;
    return width > 0 && height > 0 ? { format: meta.format as ImageFacts["format"], width, height } : null;
  } catch {
    return null;
  }
}

/**
 * A square PNG of `size` pixels from a logo (SVG drawn at that size, a raster picture scaled),
 * centred on a transparent background; with no logo, the title's first letter on a plate.
 */
export async function renderLogoPng(logo: Uint8Array | null, title: string, size = LOGO_SIZE): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const source = logo ?? Buffer.from(monogramSvg(title, size));
  const meta = await sharp(source).metadata();
  // An SVG is drawn at the density that makes its longer side `size` pixels, so it stays sharp.
  const density =
    meta.format === "svg" ? Math.min(100_000, Math.max(1, (72 * size) / Math.max(meta.width, meta.height))) : undefined;
  return sharp(source, density === undefined ? {} : { density })
    .resize(size, size, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
}

/** The site's card as a PNG: the logo, the site's title and its address on the masthead's dark plate. */
export async function renderCardPng(card: {
  title: string;
  caption: string;
  logo: Uint8Array | null;
}): Promise<Uint8Array> {
  const logo = await renderLogoPng(card.logo, card.title, LOGO_SIZE);
  const sharp = await loadSharp();
  return sharp(Buffer.from(cardSvg(card.title, card.caption)))
    .composite([{ input: Buffer.from(logo), left: MARGIN, top: MARGIN }])
    .png()
    .toBuffer();
}

const MARGIN = 80;
const PLATE = "#16181d";
const PAPER = "#fbfaf6";
const SIGNAL = "#d4202f";
const MUTED = "#a9a8a2";
// Named families first; any serif (or none at all: the card is still a valid picture) after them.
const SERIF = "DejaVu Serif, Liberation Serif, Georgia, serif";
const SANS = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const TITLE_TOP = 290;
const TITLE_BOTTOM = 520;
const TITLE_WIDTH = CARD_SIZE.width - 2 * MARGIN;

/**
 * The card's SVG (without the logo, which is composited as pixels). The title is set in the largest
 * size at which it fits three lines, by an estimate of the glyphs' width (no font metrics at hand),
 * and cut with an ellipsis past that; every text is escaped for XML.
 */
export function cardSvg(title: string, caption: string): string {
  const { size, lines } = fitTitle(title);
  const lineHeight = Math.round(size * 1.15);
  const text = lines
    .map((line, i) => `<tspan x="${MARGIN}" y="${TITLE_TOP + size + i * lineHeight}">${escapeXml(line)}</tspan>`)
    .join("");
  const { width, height } = CARD_SIZE;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${PLATE}"/>`,
    `<rect x="${MARGIN}" y="${MARGIN + LOGO_SIZE + 32}" width="120" height="8" fill="${SIGNAL}"/>`,
    `<text font-family="${SERIF}" font-weight="bold" font-size="${size}" fill="${PAPER}">${text}</text>`,
    `<text x="${MARGIN}" y="${height - 56}" font-family="${SANS}" font-size="30" fill="${MUTED}">${escapeXml(caption)}</text>`,
    "</svg>",
  ].join("");
}

/** Title sizes tried, largest first. */
const TITLE_SIZES = [96, 80, 64, 52, 44];
/** Average advance of a glyph, in em, of a bold serif (DejaVu Serif Bold is among the widest). */
const GLYPH_EM = 0.66;

function fitTitle(title: string): { size: number; lines: string[] } {
  for (const size of TITLE_SIZES) {
    const lineHeight = size * 1.15;
    const maxLines = Math.max(1, Math.floor((TITLE_BOTTOM - TITLE_TOP - size) / lineHeight) + 1);
    const lines = wrap(title, Math.floor(TITLE_WIDTH / (size * GLYPH_EM)));
    if (lines.length <= Math.min(3, maxLines)) return { size, lines };
  }
  const size = TITLE_SIZES[TITLE_SIZES.length - 1]!;
  const perLine = Math.floor(TITLE_WIDTH / (size * GLYPH_EM));
  const lines = wrap(title, perLine).slice(0, 3);
  lines[2] = `${[...lines[2]!].slice(0, perLine - 1).join("")}…`;
  return { size, lines };
}

/** Greedy word wrap to lines of at most `perLine` characters; a longer word is split. */
function wrap(text: string, perLine: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = [...word];
    while (rest.length > perLine) {
      if (line !== "") lines.push(line);
      lines.push(rest.slice(0, perLine).join(""));
      line = "";
      rest = rest.slice(perLine);
    }
    const piece = rest.join("");
    if (line === "") line = piece;
    else if ([...line].length + 1 + rest.length <= perLine) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line !== "") lines.push(line);
  return lines.length > 0 ? lines : [""];
}

/** A plate with the title's first letter, for a site whose logo cannot be drawn here. */
function monogramSvg(title: string, size: number): string {
  const letter = [...title.trim()][0]?.toLocaleUpperCase("en") ?? "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 40 40">`,
    `<rect width="40" height="40" rx="5" fill="${PLATE}"/>`,
    `<text x="20" y="29" text-anchor="middle" font-family="${SERIF}" font-weight="bold" font-size="26" fill="${PAPER}">${escapeXml(letter)}</text>`,
    "</svg>",
  ].join("");
}

// XML 1.0 forbids these even escaped; settings are cleaned already, but the SVG must parse whatever it is given.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe in an SVG text node or attribute: markup characters escaped, characters XML forbids removed. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
