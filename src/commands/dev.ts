/** `broadsheet dev [--port N] [--host H] [--open]`. */
import { spawn } from "node:child_process";
import { startDevServer } from "../dev/dev-server.js";
import { overridesFrom, type CliIo, type CliValues } from "./options.js";
import { diagnosticsText } from "./print.js";
import { SiteError } from "../errors.js";

/** Serves the site with live reload until Ctrl-C. */
export async function runDev(values: CliValues, _args: readonly string[], { out, err }: CliIo): Promise<number> {
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    err(`--port must be a port number (got "${values.port}").`);
    return 2;
  }
  let server: Awaited<ReturnType<typeof startDevServer>>;
  try {
    server = await startDevServer({
      ...overridesFrom(values),
      port,
      ...(values.host !== undefined && { host: values.host }),
      log: err,
    });
  } catch (cause) {
    if (cause instanceof SiteError) {
      err(diagnosticsText(cause.diagnostics, { paths: overridesFrom(values).paths }));
      return 1;
    }
    const code = (cause as NodeJS.ErrnoException).code;
    err(
      code === "EADDRINUSE"
        ? `Port ${port} is in use: pass another with --port.`
        : `Cannot start the dev server: ${(cause as Error).message}`,
    );
    return 1;
  }
  out(`Serving ${server.url} (drafts shown, built with the site's baseUrl; Ctrl-C stops)`);
  if (values.open) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  // close() lets a running build finish (a cold one can take a while); the writer is atomic, so a
  // second Ctrl-C may quit at once without harming either site.
  err("Stopping… (a build in progress finishes first; Ctrl-C again quits at once)");
  process.once("SIGINT", () => process.exit(130));
  await server.close();
  return 0;
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  try {
    spawn(command, args as string[], { stdio: "ignore", detached: true })
      .on("error", () => {})
      .unref();
  } catch {
    // No browser to open: the URL is printed above.
  }
}
