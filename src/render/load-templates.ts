/** I/O edge: reads templates/ into memory (base.hbs, layouts/*.hbs, partials/*.hbs). */
import path from "node:path";
import { error, type Diagnostic } from "../errors.js";
import {
  listFolder,
  readBytes,
  readPolicyFor,
  readUnderPolicy,
  resolveUnderPolicy,
  shownPath,
  type ReadPolicy,
} from "../io/read-policy.js";

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

/**
 * Reads the templates of a site: each of `dirs` in turn (the site's templates/, then the theme's),
 * the first to have a template wins, so a site overrides any single layout or partial by placing a
 * file at the same path. A missing base.hbs is a diagnostic, not a crash, and so is any file that
 * cannot be read, a folder named like a template, or a link out of the site (`policy`).
 */
export async function loadTemplates(
  dirs: string | readonly string[],
  policy: ReadPolicy = readPolicyFor(typeof dirs === "string" ? [dirs] : dirs),
): Promise<TemplateSet | Diagnostic[]> {
  const layers = typeof dirs === "string" ? [dirs] : dirs;
  const problems: Diagnostic[] = [];
  let base: TemplateSource | null = null;
  const layouts = new Map<string, TemplateSource>();
  const partials = new Map<string, TemplateSource>();
  for (const dir of layers) {
    const basePath = path.join(dir, "base.hbs");
    if (base === null) {
      const bytes = readUnderPolicy(policy, basePath, shownPath(basePath), problems);
      if (bytes !== null) base = { name: "base", path: shownPath(basePath), source: bytes.toString("utf8") };
    }
    for (const [name, t] of readFolder(policy, path.join(dir, "layouts"), problems))
      if (!layouts.has(name)) layouts.set(name, t);
    for (const [name, t] of readFolder(policy, path.join(dir, "partials"), problems))
      if (!partials.has(name)) partials.set(name, t);
  }
  if (base === null && problems.length === 0) {
    const where = layers.map((d) => shownPath(path.join(d, "base.hbs"))).join(" or ");
    problems.push(
      error("MissingTemplate", `No base template at ${where}`, {
        file: shownPath(path.join(layers[0]!, "base.hbs")),
        hint: "Create templates/base.hbs, or pass --templates DIR.",
      }),
    );
  }
  if (problems.length > 0 || base === null) return problems;
  return { base, layouts, partials };
}

function readFolder(policy: ReadPolicy, dir: string, problems: Diagnostic[]): Map<string, TemplateSource> {
  const templates = new Map<string, TemplateSource>();
  const root = resolveUnderPolicy(policy, dir);
  // Only a missing folder is empty; one that cannot be read, or a link out of the site, is an error.
  if (root.kind === "refused") problems.push(root.diagnostic);
  if (root.kind !== "dir") return templates;
  const shownDir = shownPath(dir);
  for (const entry of listFolder(policy, dir, root.real, shownDir, problems) ?? []) {
    if (!entry.name.endsWith(".hbs")) continue;
    const shown = `${shownDir}/${entry.name}`;
    if (entry.kind === "dir") {
      problems.push(
        error("ReadError", `${shown} is a folder, not a template`, {
          file: shown,
          hint: "Rename the folder: names ending in .hbs are read as templates.",
        }),
      );
      continue;
    }
    const bytes = readBytes(entry.path, shown, problems);
    const name = entry.name.slice(0, -4);
    if (bytes !== null) templates.set(name, { name, path: shown, source: bytes.toString("utf8") });
  }
  return templates;
}
