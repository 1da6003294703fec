/**
 * Which `Host` and `Origin` headers the dev server answers. Pure. A DNS-rebinding page reaches the
 * server under its own domain name, so it shows in `Host`: only the server's own names (and IP
 * literals, which involve no DNS) with its own port are served.
 */
import { isIPv4, isIPv6 } from "node:net";

/** Where the dev server listens, as the host rule needs it. */
export interface ServedAddress {
  /** The port actually bound (never 0: port 0 is resolved to the free port picked). */
  readonly port: number;
  /** The `--host` the server was started with, if any ("127.0.0.1", "0.0.0.0", a name…). */
  readonly host?: string;
}

/** Names always accepted (with the port): the loopback names a browser on this machine uses. */
const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "[::1]"];

// `name` is bracketed IPv6 or anything without ":"; the optional port is digits only, so
// "127.0.0.1:8080@evil" or "localhost:8080:8080" fail to match rather than being split leniently.
const HOST_PATTERN = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d+))?$/;

/**
 * True when `hostHeader` is `<name>:<port>` with the served port and a name that is one of
 * LOOPBACK_HOSTS, the `--host` value, an IPv4 literal or a bracketed IPv6 literal. Names compare
 * case-insensitively; the port may be left out only when it is 80 (as browsers do). Missing or
 * empty is refused (HTTP/1.1 requires Host).
 */
export function isAllowedHost(hostHeader: string | undefined, served: ServedAddress): boolean {
  if (hostHeader === undefined) return false;
  const match = HOST_PATTERN.exec(hostHeader);
  if (!match) return false;
  const [, name = "", port] = match;
  // Browsers drop the default port from Host, so a server on 80 sees bare names.
  if (port === undefined ? served.port !== 80 : port !== String(served.port)) return false;
  return isServedName(name, served.host);
}

/**
 * True when `origin` (an `Origin` header) is `http://<host>` for a Host that isAllowedHost accepts:
 * a page served by this server. "null" (sandboxed frames, file: pages) and https origins are
 * refused; browsers write the scheme in lowercase and leave out port 80, as the rule expects.
 */
export function isAllowedOrigin(origin: string, served: ServedAddress): boolean {
  return origin.startsWith("http://") && isAllowedHost(origin.slice("http://".length), served);
}

/** The accepted hosts in words, for the 421 answer: "127.0.0.1:8080, localhost:8080, …". */
export function describeAllowedHosts(served: ServedAddress): string {
  const named = configuredName(served.host);
  const names = named === null || LOOPBACK_HOSTS.includes(named) ? LOOPBACK_HOSTS : [...LOOPBACK_HOSTS, named];
  return `${names.map((name) => `${name}:${served.port}`).join(", ")}, or an IP address with port ${served.port}`;
}

function isServedName(name: string, configured: string | undefined): boolean {
  const lower = name.toLowerCase();
  if (LOOPBACK_HOSTS.includes(lower) || lower === configuredName(configured)) return true;
  // IP literals cannot be rebound (no DNS is involved), and a phone on the LAN opens the preview
  // of a `--host 0.0.0.0` server by its address. Zone ids ("%eth0") are left out: browsers do not
  // send them and they would let a name-like suffix in.
  if (lower.startsWith("[")) return lower.endsWith("]") && isIPv6(lower.slice(1, -1)) && !lower.includes("%");
  return isIPv4(lower);
}

/**
 * The `--host` value as a Host name, or null when it adds nothing: unset, empty (all interfaces)
 * or an IPv6 address (IP literals are accepted anyway). It is taken as written, so a name the user
 * chose with a trailing dot is accepted exactly so.
 */
function configuredName(host: string | undefined): string | null {
  if (host === undefined || host === "" || isIPv6(host)) return null;
  return host.toLowerCase();
}
