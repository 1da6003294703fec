/** I/O edge: reads public/ (copied as is) into output files, sorted by path. */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { OutputFile } from "../model.js";

/** Every file under `dir` (none when the folder is absent); dot-files are skipped. */
export async function readPublic(dir: string): Promise<OutputFile[]> {
  const out: OutputFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const relPath = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(relPath);
      else if (e.isFile()) out.push({ path: relPath, contents: await fs.readFile(path.join(dir, relPath)) });
    }
  };
  await walk("");
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
