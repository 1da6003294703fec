/** Content hashes for cache keys and output manifests. */
import { createHash } from "node:crypto";

/** Hex SHA-256 of strings or bytes, joined with NUL so ("ab","c") ≠ ("a","bc"). */
export function hashOf(...parts: readonly (string | Uint8Array)[]): string {
  const h = createHash("sha256");
  parts.forEach((p, i) => {
    if (i > 0) h.update("\0");
    h.update(p);
  });
  return h.digest("hex");
}

/** Hex SHA-1: for fingerprints compared with our own earlier fingerprints (not security), ~2x faster. */
export function fastHash(...parts: readonly (string | Uint8Array)[]): string {
  const h = createHash("sha1");
  parts.forEach((p, i) => {
    if (i > 0) h.update("\0");
    h.update(p);
  });
  return h.digest("hex");
}
