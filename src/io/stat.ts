/** File-system questions whose "no such file" is an answer, not an error. */
import { lstatSync, type Stats } from "node:fs";

/** The entry itself (a link is not followed), or null when there is none or it cannot be read. */
export function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}
