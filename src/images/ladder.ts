/** Which widths a picture is published at, and where each variant lives: pure functions, no sharp. */

/** The widths variants are made at, when the original is at least that wide. */
const WIDTH_LADDER = [480, 960, 1600] as const;

/** A ladder step this close below the top width (within 15 %) is left out: it would save almost nothing. */
const NEAR = 0.85;

/**
 * The widths a picture `original` pixels wide is published at, ascending: the ladder's steps below
 * it, and its own width capped at the ladder's top. Never wider than the original (no upscaling).
 */
export function variantWidths(original: number, ladder: readonly number[] = WIDTH_LADDER): number[] {
  const top = Math.min(Math.max(1, Math.floor(original)), ladder[ladder.length - 1] ?? original);
  return [...ladder.filter((w) => w <= top * NEAR), top];
}

/** The height of a variant `width` pixels wide of a picture `original` (width × height), rounded as sharp rounds it. */
export function scaledHeight(original: { width: number; height: number }, width: number): number {
  return Math.max(1, Math.round((original.height * width) / original.width));
}

/** File extensions of the formats variants are written in. */
export const EXTENSION = { webp: "webp", avif: "avif", jpeg: "jpg", png: "png" } as const;

/** Site path of a variant: content-addressed by the source's hash, so the same bytes share variants. */
export function variantPath(sourceHash: string, width: number, format: keyof typeof EXTENSION): string {
  return `/_img/${sourceHash.slice(0, 12)}-${width}.${EXTENSION[format]}`;
}

/** Site path of a picture's 1200×630 link-preview crop. */
export function coverPath(sourceHash: string, format: "jpeg" | "png"): string {
  return `/_img/${sourceHash.slice(0, 12)}-card.${EXTENSION[format]}`;
}

/**
 * The size of a link-preview crop: 1200×630 when the picture is that large, else the largest 1.91:1
 * area inside it (a small picture is cropped, never enlarged).
 */
export function coverSize(original: { width: number; height: number }): { width: number; height: number } {
  const ratio = 1200 / 630;
  const width = Math.min(1200, original.width, Math.floor(original.height * ratio));
  return { width: Math.max(1, width), height: Math.max(1, Math.round(width / ratio)) };
}
