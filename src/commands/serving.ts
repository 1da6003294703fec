/** What `dev` and `preview` share at the command line: the port option, start-up failures, waiting for Ctrl-C. */
import type { CliValues } from "./options.js";

/** The port from --port (default 8080), or a message when it is not a port number. */
export function portOption(values: CliValues): number | { readonly problem: string } {
  const port = values.port === undefined ? 8080 : Number(values.port);
  return Number.isInteger(port) && port >= 0 && port <= 65535
    ? port
    : { problem: `--port must be a port number (got "${values.port}").` };
}

/** What to tell the user when `server` (e.g. "the dev server") could not start on `port`. */
export function startFailure(cause: unknown, port: number, server: string): string {
  const code = (cause as NodeJS.ErrnoException).code;
  return code === "EADDRINUSE"
    ? `Port ${port} is in use: pass another with --port.`
    : `Cannot start ${server}: ${(cause as Error).message}`;
}

/** Resolves at the first Ctrl-C or SIGTERM. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
