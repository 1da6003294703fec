/** Content hashes for cache keys, output manifests and fingerprints. */
import { createHash } from "node:crypto";

function digest(algorithm: "sha256" | "sha1", parts: readonly (string | Uint8Array)[]): string {
  const h = createHash(algorithm);
  parts.forEach((p, i) => {
    // Parts are joined with NUL so ("ab","c") ≠ ("a","bc").
    if (i > 0) h.update("\0");
    h.update(p);
  });
  return h.digest("hex");
}

/** Hex SHA-256: cache keys and checksums of what is stored on disk. */
export function hashOf(...parts: readonly (string | Uint8Array)[]): string {
  return digest("sha256", parts);
}

/** Hex SHA-1: for fingerprints compared with our own earlier fingerprints (not security), ~2x faster. */
export function fastHash(...parts: readonly (string | Uint8Array)[]): string {
  return digest("sha1", parts);
}
