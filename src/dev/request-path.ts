/** Turns a raw request target into safe path segments, or the status to refuse it with. Pure. */

/** A request target that may be looked up under the site folder. */
export interface SitePath {
  /** Decoded segments, none empty, none "." or "..", none holding "/", "\\" or NUL. */
  readonly segments: readonly string[];
  /** True when the path ends in "/" (a folder was asked for). */
  readonly hasTrailingSlash: boolean;
  readonly query: URLSearchParams;
}

/** Why a request target was refused. */
export interface RefusedPath {
  readonly status: 400 | 403;
  readonly reason: string;
}

/**
 * Parses `rawUrl` as sent (Node does not normalise it). Each segment is decoded on its own, so an
 * encoded slash or backslash can never form a new segment; dot segments are refused rather than
 * resolved, as no page of a built site needs them.
 */
export function parseRequestPath(rawUrl: string): SitePath | RefusedPath {
  if (!rawUrl.startsWith("/")) return { status: 400, reason: "The request target must start with /." };
  const target = rawUrl.split("#")[0]!;
  const queryStart = target.indexOf("?");
  const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? "" : target.slice(queryStart + 1));
  if (rawPath.includes("\\")) return { status: 400, reason: "Backslashes are not allowed in paths." };
  const segments: string[] = [];
  for (const raw of rawPath.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { status: 400, reason: "The path is not valid percent-encoded UTF-8." };
    }
    if (/[/\\\0]/.test(segment))
      return { status: 400, reason: "Encoded slashes, backslashes and NUL are not allowed in paths." };
    if (segment === "." || segment === "..") return { status: 403, reason: "Dot segments are not allowed in paths." };
    if (segment !== "") segments.push(segment);
  }
  return { segments, hasTrailingSlash: rawPath.endsWith("/"), query };
}

/** The canonical, encoded URL path of `segments` (a leading "/" and no empty segments). */
export function encodeSitePath(segments: readonly string[], hasTrailingSlash: boolean): string {
  const joined = segments.map(encodeURIComponent).join("/");
  return `/${joined}${hasTrailingSlash && joined !== "" ? "/" : ""}`;
}
