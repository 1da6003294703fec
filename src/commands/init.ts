/** `broadsheet init [DIR] [--title T] [--base-url URL]`. */
import { mkdirSync, readFileSync, rmdirSync } from "node:fs";
import path from "node:path";
import { hasUserInfo, isHttpUrl } from "../content/validate-article.js";
import { isValidTimeZone } from "../time/zoned-time.js";
import { starterFiles } from "../site-init/starter-files.js";
import { packageNameFor, titleFromFolder } from "../site-init/site-names.js";
import { folderProblem, writeStarterFiles } from "../site-init/write-starter.js";
import type { CliIo, CliValues } from "./options.js";

/** Starts a new site in DIR (default: the working folder), which must be missing or hold nothing but `.git`. */
export async function runInit(values: CliValues, [dirArg]: readonly string[], { out, err }: CliIo): Promise<number> {
  const dir = path.resolve(dirArg ?? ".");
  const shown = shownPath(dir);
  const named = shown === "." ? `this folder (${dir})` : shown;
  const baseUrl = values["base-url"];
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
    err(
      `--base-url "${baseUrl}" is not an absolute http(s) URL: pass the address the site will be published at, e.g. --base-url https://news.example/`,
    );
    return 2;
  }
  if (baseUrl !== undefined && hasUserInfo(baseUrl)) {
    // The URL is not echoed: it holds a password.
    err(
      "--base-url contains a user name or password before the host (user:pass@), and the site would publish it: put credentials in your deploy tool, never in the site's URL.",
    );
    return 2;
  }
  const title = (values.title ?? titleFromFolder(path.basename(dir))).trim();
  if (title === "") {
    err('--title is empty: give the site\'s name, e.g. --title "The Harbour Times"');
    return 2;
  }
  // Checked before anything is made: a refused folder is left exactly as it was.
  const problem = folderProblem(dir, named);
  if (problem !== null) {
    err(problem);
    return 1;
  }

  const generator = runningPackage();
  const files = starterFiles({
    title,
    ...(baseUrl !== undefined && { baseUrl }),
    timeZone: machineTimeZone(),
    now: Date.now(),
    packageName: packageNameFor(path.basename(dir), generator.name),
    generator,
  });
  let madeDir: string | undefined;
  try {
    madeDir = mkdirSync(dir, { recursive: true });
  } catch (cause) {
    err(`Cannot make the folder ${named}: ${(cause as Error).message}`);
    return 1;
  }
  const outcome = writeStarterFiles(dir, files);
  if (!outcome.isOk) {
    if (madeDir !== undefined) removeEmptyFolders(dir, madeDir);
    err(`Cannot write ${path.join(shown, outcome.file)}: ${outcome.reason}. Nothing was left behind.`);
    return 1;
  }

  const steps = [...(shown === "." ? [] : [`cd ${quoteForShell(shown)}`]), "npm install", "npx broadsheet dev"];
  out(
    [
      `Started a site in ${named}:`,
      ...files.map((file) => `  ${file.path}`),
      "",
      "Next:",
      ...steps.map((step) => `  ${step}`),
      "",
      ...(baseUrl === undefined ? ["Before you publish, set baseUrl in content/site.yaml to the site's address."] : []),
      'To publish with GitHub Pages, push to GitHub and set Settings > Pages > Source to "GitHub Actions".',
    ].join("\n"),
  );
  return 0;
}

/** The name, version and Node.js range of the Broadsheet running now (its package.json, beside lib/ and src/). */
function runningPackage(): { name: string; version: string; node: string } {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    name: string;
    version: string;
    engines?: { node?: string };
  };
  return { name: manifest.name, version: manifest.version, node: manifest.engines?.node ?? ">=20.19" };
}

/** The machine's IANA zone, so the example article is dated in the editor's own time; UTC when it has none. */
function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === "string" && isValidTimeZone(zone) ? zone : "UTC";
}

/** Removes `dir` and its parents up to `made` (the first folder mkdir made), as long as they are empty. */
function removeEmptyFolders(dir: string, made: string): void {
  for (let folder = dir; folder.length >= made.length; folder = path.dirname(folder)) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}

/** A path as the user would type it: relative below the working folder ("." for it), else absolute. */
function shownPath(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? dir : rel;
}

function quoteForShell(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
