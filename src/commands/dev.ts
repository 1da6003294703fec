/** `broadsheet dev [--port N] [--host H] [--open]`. */
import { spawn } from "node:child_process";
import { startDevServer } from "../dev/dev-server.js";
import { overridesFrom, type CliIo, type CliValues } from "./options.js";
import { diagnosticsText } from "./print.js";
import { portOption, startFailure, untilInterrupted } from "./serving.js";
import { SiteError } from "../errors.js";

/** Serves the site with live reload until Ctrl-C. */
export async function runDev(values: CliValues, _args: readonly string[], { out, err }: CliIo): Promise<number> {
  const port = portOption(values);
  if (typeof port !== "number") {
    err(port.problem);
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
    err(startFailure(cause, port, "the dev server"));
    return 1;
  }
  out(`Serving ${server.url} (drafts shown, built with the site's baseUrl; Ctrl-C stops)`);
  if (values.open) openBrowser(server.url);
  await untilInterrupted();
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
