/** I/O edge: reads templates/ into memory (base.hbs, layouts/*.hbs, partials/*.hbs). */
import { promises as fs } from "node:fs";
import path from "node:path";
import { error, type Diagnostic } from "../errors.js";

/** One template's source and where it came from. */
export interface TemplateSource {
  readonly name: string;
  readonly path: string;
  readonly source: string;
}

/** Every template of a site. */
export interface TemplateSet {
  readonly base: TemplateSource;
  readonly layouts: ReadonlyMap<string, TemplateSource>;
  readonly partials: ReadonlyMap<string, TemplateSource>;
}

/** Reads the template folder; a missing base.hbs is a diagnostic, not a crash. */
export async function loadTemplates(dir: string): Promise<TemplateSet | Diagnostic[]> {
  const basePath = path.join(dir, "base.hbs");
  const base = await fs.readFile(basePath, "utf8").catch(() => null);
  if (base === null) {
    return [error("MissingTemplate", `No base template at ${basePath}`, { file: rel(basePath), hint: "Create templates/base.hbs or pass --templates DIR." })];
  }
  return {
    base: { name: "base", path: rel(basePath), source: base },
    layouts: await readFolder(path.join(dir, "layouts")),
    partials: await readFolder(path.join(dir, "partials")),
  };
}

async function readFolder(dir: string): Promise<Map<string, TemplateSource>> {
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".hbs")).sort();
  const entries = await Promise.all(
    names.map(async (n) => {
      const file = path.join(dir, n);
      const name = n.slice(0, -4);
      return [name, { name, path: rel(file), source: await fs.readFile(file, "utf8") }] as const;
    }),
  );
  return new Map(entries);
}

function rel(p: string): string {
  return path.relative(process.cwd(), p) || p;
}
