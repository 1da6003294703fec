/** The identity of this generator's code: part of every output fingerprint. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashOf } from "./hash.js";

let cached: string | undefined;

/**
 * A hash of the generator's own modules (src/ or lib/, whichever is running) and the lockfile:
 * any code or dependency change re-renders every page instead of trusting old fingerprints.
 */
export function generatorId(): string {
  if (cached !== undefined) return cached;
  const codeDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const files = (readdirSync(codeDir, { recursive: true }) as string[])
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts"))
    .sort();
  const parts = files.map((f) => `${f}\n${readFileSync(path.join(codeDir, f), "utf8")}`);
  let lock = "";
  try {
    lock = readFileSync(path.join(codeDir, "..", "package-lock.json"), "utf8");
  } catch {
    // Installed as a dependency: the code itself is the identity.
  }
  cached = hashOf(...parts, lock);
  return cached;
}
