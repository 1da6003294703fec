/** `broadsheet preview [--port N] [--out DIR] [--content DIR] [--base-url URL]`. */
import { statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../errors.js";
import { DEFAULT_PATHS, resolveConfig } from "../config/resolve-config.js";
import { readPolicyFor, readUnderPolicy } from "../io/read-policy.js";
import { startPreviewServer } from "../preview/preview-server.js";
import type { CliIo, CliValues } from "./options.js";
import { diagnosticsText } from "./print.js";
import { portOption, startFailure, untilInterrupted } from "./serving.js";

/** Serves the built site (the output folder) under its base path until Ctrl-C. */
export async function runPreview(values: CliValues, _args: readonly string[], { out, err }: CliIo): Promise<number> {
  const port = portOption(values);
  if (typeof port !== "number") {
    err(port.problem);
    return 2;
  }
  const outDir = values.out ?? DEFAULT_PATHS.out;
  // Every build writes the home page: without it there is no site, only a folder.
  if (!isFile(path.join(outDir, "index.html"))) {
    err(`Nothing to preview: run \`broadsheet build\` first (${outDir} holds no built site).`);
    return 1;
  }
  const basePath = readBasePath(values);
  if (Array.isArray(basePath)) {
    err(diagnosticsText(basePath));
    return 1;
  }
  let server: Awaited<ReturnType<typeof startPreviewServer>>;
  try {
    server = await startPreviewServer({ outDir, basePath, port, log: err });
  } catch (cause) {
    err(startFailure(cause, port, "the preview server"));
    return 1;
  }
  out(`Previewing ${server.url} (the built site in ${outDir}; Ctrl-C stops)`);
  await untilInterrupted();
  await server.close();
  return 0;
}

/** The base path the site is published under: from --base-url, else content/site.yaml (read as a build reads it). */
function readBasePath(values: CliValues): string | Diagnostic[] {
  const contentDir = values.content ?? DEFAULT_PATHS.content;
  const siteYamlPath = path.join(contentDir, "site.yaml");
  const problems: Diagnostic[] = [];
  const siteYaml =
    readUnderPolicy(readPolicyFor([contentDir]), siteYamlPath, siteYamlPath, problems)?.toString("utf8") ?? null;
  if (problems.length > 0) return problems;
  const config = resolveConfig(
    siteYaml,
    { ...(values["base-url"] !== undefined && { baseUrl: values["base-url"] }) },
    Date.now(),
    siteYamlPath,
  );
  return Array.isArray(config) ? config : config.basePath;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
