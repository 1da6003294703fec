/** I/O edge for code frames: the text of a file named in a diagnostic. */
import { readFileSync } from "node:fs";

/** Reads a file for a code frame; null when it cannot be read. */
export function readForFrame(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}
