/**
 * The image plan: every local picture an article or page shows (its front-matter `image`, each
 * `<img>` of its body) is read once from the files the site publishes (public/, page bundles),
 * hashed, probed (format, size, frames) and planned as responsive variants: the widths of the
 * ladder it is wide enough for, in WebP and in its own format, at content-addressed paths
 * (`/_img/<hash>-<width>.<ext>`), plus a 1200×630 crop for link previews of a lead picture.
 *
 * Variants are produced lazily (only when their fingerprint is new to the output) and kept in the
 * build cache by (source hash, width, format, encoder settings, sharp version); probes are cached
 * by the source's hash. A build whose pictures are all cached never asks sharp for anything.
 * SVG, animated GIF/WebP and formats sharp cannot re-encode pass through unchanged.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { error, warning, type Diagnostic } from "../errors.js";
import type { OutputFile, ResolvedConfig } from "../model.js";
import type { PlannedOutput } from "../output/writer.js";
import type { DiskCache } from "../cache/disk-cache.js";
import type { FindingSource } from "../graph/content-findings.js";
import { fastHash, hashOf } from "../cache/hash.js";
import {
  ENCODER_SETTINGS,
  encodeCover,
  encodeVariant,
  probeImage,
  readImageFacts,
  type ImageFacts,
  type ProbedImage,
  type VariantFormat,
} from "../render/raster-assets.js";
import { coverPath, coverSize, scaledHeight, variantPath, variantWidths } from "./ladder.js";

/** One published size of a picture. */
export interface PictureVariant {
  /** Site path (without the base path). */
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

/** How a local picture is shown. */
export interface PlannedPicture {
  /** Site path of the original file. */
  readonly sitePath: string;
  /** SHA-256 of its bytes. */
  readonly hash: string;
  /** The size a browser shows it at (EXIF rotation applied), or null when unknown (an SVG sharp cannot read). */
  readonly width: number | null;
  readonly height: number | null;
  /** Variants in the picture's own format (PNG for a still GIF), smallest first; empty when passed through. */
  readonly fallback: readonly PictureVariant[];
  /** The fallback's MIME type ("image/jpeg"), or null when passed through. */
  readonly fallbackType: string | null;
  /** WebP variants for `<source>`, smallest first; empty when passed through or already WebP. */
  readonly modern: readonly PictureVariant[];
  /** True for SVG, animated pictures and formats we do not re-encode: shown as the file itself. */
  readonly isPassThrough: boolean;
}

/** A 1200×630 (or smaller, never enlarged) crop of a lead picture, for link previews. */
interface PlannedCover {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly type: string;
}

/** The pictures of the site, the variant files to write, and what went wrong. */
export interface ImagePlan {
  /** By site path of the original. */
  readonly pictures: ReadonlyMap<string, PlannedPicture>;
  /** Link-preview crops, by site path of the lead picture. */
  readonly covers: ReadonlyMap<string, PlannedCover>;
  readonly outputs: PlannedOutput[];
  readonly diagnostics: Diagnostic[];
  /** How many pictures were probed by sharp in this build (the rest came from the cache). */
  readonly probed: number;
}

/** The format modern browsers get in `<source>`: see docs/images.md for why WebP, not AVIF. */
const MODERN_FORMAT: VariantFormat = "webp";

const MIME: Record<string, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  svg: "image/svg+xml",
  avif: "image/avif",
};

/** Bump when probes or variants are made differently for the same settings. */
const IMAGE_VERSION = 1;

let sharpVersion: string | undefined;
/** sharp's version from its package.json (libvips comes with it), read without loading sharp. */
function encoderVersion(): string {
  if (sharpVersion !== undefined) return sharpVersion;
  try {
    let dir = path.dirname(createRequire(import.meta.url).resolve("sharp"));
    for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
          name?: string;
          version?: string;
        };
        if (pkg.name === "sharp") return (sharpVersion = `sharp-${pkg.version}`);
      } catch {
        // Not this folder.
      }
    }
  } catch {
    // sharp not installed: variants would fail anyway.
  }
  return (sharpVersion = "sharp-unknown");
}

/** Identity of everything a variant's bytes depend on besides the source: versions and settings. */
function encoderId(): string {
  return fastHash(`images-${IMAGE_VERSION}`, encoderVersion(), JSON.stringify(ENCODER_SETTINGS));
}

/** One place a picture is shown, for messages. */
interface Use {
  readonly sourcePath: string;
  readonly line: number;
  readonly column: number;
  readonly field: string | undefined;
}

/** A source of pictures: an article (with its slug) or a page, and its findings (see content-findings.ts). */
export type ImageSource = FindingSource;

/**
 * Plans every local picture `sources` show. `files` are the files the site copies (public/, the
 * theme's, page bundles); a picture that is not among them is left to the BrokenLink check of
 * content-findings.ts. A file that is no picture sharp reads is a BrokenLink (an error, or a warning
 * with `missingImages: warn`), named at every article that shows it, and is left as written.
 */
export async function planImages(
  config: ResolvedConfig,
  files: readonly OutputFile[],
  sources: readonly ImageSource[],
  cache: DiskCache,
): Promise<ImagePlan> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const uses = new Map<string, { use: Use; isLead: boolean }[]>();
  const addUse = (sitePath: string, use: Use, isLead: boolean) => {
    if (!byPath.has(sitePath.slice(1))) return;
    const list = uses.get(sitePath) ?? [];
    list.push({ use, isLead });
    uses.set(sitePath, list);
  };
  for (const s of sources) {
    if (s.image) addUse(s.image.sitePath, { sourcePath: s.sourcePath, ...lineOf(s.image), field: "image" }, true);
    for (const f of s.findings)
      if (f.kind === "link" && f.isImage)
        addUse(
          f.sitePath,
          { sourcePath: s.sourcePath, line: s.bodyLine - 1 + f.line, column: f.column, field: undefined },
          false,
        );
  }

  const encoder = encoderId();
  const diagnostics: Diagnostic[] = [];
  const pictures = new Map<string, PlannedPicture>();
  const covers = new Map<string, PlannedCover>();
  const outputs = new Map<string, PlannedOutput>();
  let probed = 0;
  const sitePaths = [...uses.keys()].sort();
  const probes = await Promise.all(
    sitePaths.map(async (sitePath) => {
      const bytes = bytesOf(byPath.get(sitePath.slice(1))!);
      const hash = hashOf(bytes);
      const key = hashOf(`probe-${IMAGE_VERSION}`, encoderVersion(), hash);
      const hit = cache.readJson<{ facts: ProbedImage | null }>("image-probe", key);
      if (hit && typeof hit === "object" && "facts" in hit) return { bytes, hash, facts: hit.facts };
      probed++;
      const facts = await probeImage(bytes);
      cache.writeJson("image-probe", key, { facts });
      return { bytes, hash, facts };
    }),
  );

  const severity = config.site.missingImages === "warn" ? warning : error;
  sitePaths.forEach((sitePath, i) => {
    const { bytes, hash, facts } = probes[i]!;
    const isSvg = /\.svg$/i.test(sitePath);
    if (!facts && !isSvg) {
      for (const { use } of uses.get(sitePath)!)
        diagnostics.push(
          severity("BrokenLink", `Image ${sitePath} cannot be read as a picture (PNG, JPEG, WebP, GIF or SVG)`, {
            file: use.sourcePath,
            line: use.line,
            column: use.column,
            ...(use.field && { field: use.field }),
            hint: "Export the file again as PNG, JPEG or WebP (a damaged or misnamed file cannot be shown), or point to another picture.",
          }),
        );
      return;
    }
    if (!facts || facts.format === "svg" || facts.isAnimated || facts.format === "other") {
      // As the file is: an SVG scales by itself, an animation would lose its frames, another format
      // (AVIF, TIFF…) is not re-encoded. Its size is still given when sharp could read it.
      if (!facts && isSvg)
        diagnostics.push(
          warning(
            "BrokenLink",
            `Image ${sitePath} is an SVG whose size cannot be read: shown without width and height`,
            {
              file: uses.get(sitePath)![0]!.use.sourcePath,
              line: uses.get(sitePath)![0]!.use.line,
              hint: "Give the SVG a viewBox (or width and height attributes), so pages can reserve its space.",
            },
          ),
        );
      pictures.set(sitePath, {
        sitePath,
        hash,
        width: facts?.width ?? null,
        height: facts?.height ?? null,
        fallback: [],
        fallbackType: null,
        modern: [],
        isPassThrough: true,
      });
      return;
    }
    const own: VariantFormat = facts.format === "jpeg" ? "jpeg" : facts.format === "webp" ? "webp" : "png";
    const batch = encodeBatch(cache);
    const variants = (format: VariantFormat): PictureVariant[] =>
      variantWidths(facts.width).map((width) => {
        const variant = { path: variantPath(hash, width, format), width, height: scaledHeight(facts, width) };
        const palette = format === "png" && facts.isPalette === true;
        const key = hashOf(encoder, hash, String(width), format, palette ? "palette" : "");
        outputs.set(variant.path, {
          path: variant.path.slice(1),
          fingerprint: key,
          produce: batch.add(key, () => encodeVariant(bytes, width, format, palette)),
        });
        return variant;
      });
    pictures.set(sitePath, {
      sitePath,
      hash,
      width: facts.width,
      height: facts.height,
      fallback: variants(own),
      fallbackType: MIME[own]!,
      modern: own === MODERN_FORMAT ? [] : variants(MODERN_FORMAT),
      isPassThrough: false,
    });
    if (uses.get(sitePath)!.some((u) => u.isLead)) {
      const format = own === "jpeg" ? "jpeg" : "png";
      const size = coverSize(facts);
      const cover = { path: coverPath(hash, format), ...size, type: MIME[format]! };
      const key = hashOf(encoder, hash, "cover", String(size.width), String(size.height), format);
      covers.set(sitePath, cover);
      outputs.set(cover.path, {
        path: cover.path.slice(1),
        fingerprint: key,
        produce: batch.add(key, () => encodeCover(bytes, size, format)),
      });
    }
  });
  const planned = [...outputs.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  return { pictures, covers, outputs: planned, diagnostics, probed };
}

/**
 * The encodes of one picture. The writer produces files one at a time, and one encode keeps about
 * one core busy; so the first variant of a picture the writer asks for starts all of them (each from
 * the cache when it is there), and the others are ready when it asks. Nothing starts before the
 * writer asks: a build whose variants are all in place encodes nothing.
 */
function encodeBatch(cache: DiskCache) {
  const jobs = new Map<string, () => Promise<Uint8Array>>();
  let started: Map<string, Promise<Uint8Array>> | null = null;
  const take = (key: string): Promise<Uint8Array> => {
    if (started === null) {
      started = new Map([...jobs].map(([k, make]) => [k, cachedBytes(cache, k, make)]));
      // A failure is reported to whoever takes it; one nobody takes must not crash the process.
      for (const p of started.values()) p.catch(() => {});
    }
    const ready = started.get(key);
    started.delete(key);
    return ready ?? cachedBytes(cache, key, jobs.get(key)!);
  };
  return {
    /** Registers an encode; returns the `produce` of its output. */
    add(key: string, make: () => Promise<Uint8Array>): () => Promise<Uint8Array> {
      jobs.set(key, make);
      return () => take(key);
    },
  };
}

/** Bytes kept in the cache under `key` (base64: entries are text), made by `make` when missing or damaged. */
export async function cachedBytes(
  cache: DiskCache,
  key: string,
  make: () => Promise<Uint8Array>,
  namespace = "image-variant",
): Promise<Uint8Array> {
  const hit = cache.read(namespace, key);
  if (hit !== undefined) return Buffer.from(hit, "base64");
  const bytes = await make();
  cache.write(namespace, key, Buffer.from(bytes).toString("base64"));
  return bytes;
}

/** readImageFacts through the cache, by the bytes' hash: a warm build measures the logo without sharp. */
export function cachedFacts(cache: DiskCache): (bytes: Uint8Array) => Promise<ImageFacts | null> {
  return async (bytes) => {
    const key = hashOf(`facts-${IMAGE_VERSION}`, encoderVersion(), bytes);
    const hit = cache.readJson<{ facts: ImageFacts | null }>("image-probe", key);
    if (hit && typeof hit === "object" && "facts" in hit) return hit.facts;
    const facts = await readImageFacts(bytes);
    cache.writeJson("image-probe", key, { facts });
    return facts;
  };
}

function lineOf(image: { line: number; column: number }): { line: number; column: number } {
  return { line: image.line, column: image.column };
}

/** A file's bytes: sharp reads a string as the path of a file to open, never as contents. */
function bytesOf(file: OutputFile): Uint8Array {
  return typeof file.contents === "string" ? Buffer.from(file.contents) : file.contents;
}
