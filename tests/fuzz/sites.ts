/** Fuzz sites on disk: write a generated content folder, build it, and list what is wrong with the result. */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../../src/build.js";
import type { MemoryWriter } from "../../src/output/writer.js";
import { hasErrors } from "../../src/errors.js";
import { NOW, ROOT } from "../helpers/site.js";
import { diagnosticProblems, htmlProblems, outputPathProblems, xmlProblems } from "./checks.js";

/** A generated content folder: articles (file name, text), site.yaml, a static page, a page bundle with its files. */
export interface SiteInput {
  readonly articles: readonly (readonly [string, string])[];
  readonly siteYaml: string | null;
  readonly page: readonly [string, string] | null;
  readonly bundle: readonly [string, string, readonly string[]] | null;
}

/** Writes a site's content folder under a fresh temp root; returns the root. */
export function writeSite(site: SiteInput): string {
  const root = mkdtempSync(path.join(tmpdir(), "broadsheet-fuzz-"));
  const content = path.join(root, "content");
  const put = (rel: string, data: string | Uint8Array) => {
    const file = path.join(content, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  };
  mkdirSync(path.join(content, "articles"), { recursive: true });
  const used = new Set<string>();
  site.articles.forEach(([base, text], i) => {
    // Names on disk are unique and hold no NUL or slash; what is left of them is still hostile.
    let name = `${base.replace(/[\u0000/]/g, "_") || "_"}.md`;
    if (used.has(name.toLowerCase())) name = `${i}-${name}`;
    used.add(name.toLowerCase());
    put(path.join("articles", name), text);
  });
  if (site.siteYaml !== null) put("site.yaml", site.siteYaml);
  if (site.page !== null) put(path.join("pages", `${site.page[0].replace(/[\u0000/]/g, "_") || "_"}.md`), site.page[1]);
  if (site.bundle !== null) {
    const [name, text, files] = site.bundle;
    const dir = path.join("articles", `bundle-${name.replace(/[\u0000/]/g, "_")}`);
    put(path.join(dir, "index.md"), text);
    for (const f of files) put(path.join(dir, f), "bytes");
  }
  return root;
}

/** Everything wrong with a build's result (empty when all is well). */
export function resultProblems(result: BuildResult, outputs: ReadonlyMap<string, string | Uint8Array>): string[] {
  const problems: string[] = [];
  if (result.isOk && result.files.length === 0) problems.push("isOk without outputs");
  if (result.isOk && hasErrors(result.diagnostics))
    problems.push(
      `isOk with errors: ${result.diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => `${d.code} ${d.message}`)
        .join("; ")}`,
    );
  if (!result.isOk && !hasErrors(result.diagnostics)) problems.push("failed without an error");
  for (const d of result.diagnostics) problems.push(...diagnosticProblems(d, false));
  for (const p of result.files) problems.push(...outputPathProblems(p));
  for (const [p, bytes] of outputs) {
    const text = typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8");
    // Generated XML only: a file beside an article (a bundle's feed.xml) is copied as the editor wrote it.
    if (/^(feed|sitemap)\.xml$|^tags\/[^/]+\/feed\.xml$/.test(p)) problems.push(...xmlProblems(p, text));
    if (p.endsWith(".html")) problems.push(...htmlProblems(p, text));
  }
  return problems;
}

export async function buildSite(
  root: string,
  extra: { writer?: MemoryWriter; threads?: number; cache?: string | null },
): Promise<BuildResult> {
  return build({
    now: NOW,
    threads: extra.threads ?? 1,
    ...(extra.writer ? { writer: extra.writer } : {}),
    paths: {
      content: path.join(root, "content"),
      templates: path.join(ROOT, "templates"),
      public: path.join(ROOT, "public"),
      out: path.join(root, "dist"),
      cache: extra.cache ?? null,
    },
  });
}

/** Files under `dir` as "/"-separated relative paths (symbolic links listed, not followed). */
function walk(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out;
}

/** With the real writer: nothing outside dist, its build state, the lock and the cache; dist holds exactly the outputs. */
export function diskProblems(root: string, result: BuildResult): string[] {
  const problems: string[] = [];
  const allowed = new Set(["content", "dist", ".dist.builds", ".dist.lock", "cache"]);
  for (const name of readdirSync(root))
    if (!allowed.has(name)) problems.push(`unexpected ${name} beside the output folder`);
  const dist = path.join(root, "dist");
  if (!result.isOk) return problems;
  if (!lstatSync(dist).isDirectory()) return [...problems, "dist is not a folder"];
  const tree = dist;
  const onDisk = walk(tree).sort();
  const expected = [...result.files].sort();
  if (JSON.stringify(onDisk) !== JSON.stringify(expected))
    problems.push(
      `dist holds ${onDisk.length} files, the build made ${expected.length}: ${onDisk
        .filter((f) => !expected.includes(f))
        .slice(0, 5)
        .join(", ")}`,
    );
  const outputs = new Map(
    onDisk.filter((f) => /\.(xml|html)$/.test(f)).map((f) => [f, readFileSync(path.join(tree, f), "utf8")] as const),
  );
  problems.push(...resultProblems(result, outputs).filter((p) => !p.startsWith("output path")));
  return problems;
}
