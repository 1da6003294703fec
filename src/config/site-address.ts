/** Warnings about the address a site is published at: a placeholder (localhost, example.com), or a sub-path crawlers will not look in for robots.txt. */
import { warning, type Diagnostic } from "../errors.js";

// RFC 2606 reserves example.com/.net/.org for documentation: no reader can ever reach them.
const PLACEHOLDER_HOST =
  /^(?:(?:.+\.)?localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|(?:.+\.)?example\.(?:com|net|org))$/i;

/** True when `baseUrl` names a host only this machine (or nobody) can reach. */
export function isLocalBaseUrl(baseUrl: string): boolean {
  try {
    return PLACEHOLDER_HOST.test(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * A `LocalBaseUrl` warning when a build for publication would carry `baseUrl` into feeds, the
 * sitemap and canonical links; `siteYaml` is the settings file's path (the warning's file when it exists).
 */
export function localBaseUrlWarning(baseUrl: string, siteYaml: string, hasSiteYaml: boolean): Diagnostic | null {
  if (!isLocalBaseUrl(baseUrl)) return null;
  return warning("LocalBaseUrl", `The site will be published for ${baseUrl}: set baseUrl in ${siteYaml}`, {
    ...(hasSiteYaml && { file: siteYaml, field: "baseUrl" }),
    hint: "Feeds, the sitemap and canonical links carry this address, so readers and search engines that follow them will not find the site. Write the address the site is published at, e.g. `baseUrl: https://news.your-town.org/`, or pass --base-url.",
  });
}

/**
 * A `SubPathRobots` warning for a site published under a path (`https://x.example/news/`): crawlers
 * read robots.txt only at the root of a host, so the one the build writes at /news/robots.txt, and
 * the sitemap it names, are never found there.
 */
export function subPathRobotsWarning(baseUrl: string, siteYaml: string, hasSiteYaml: boolean): Diagnostic | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return null;
  }
  if (url.pathname === "/" || url.pathname === "") return null;
  return warning(
    "SubPathRobots",
    `The site lives under ${url.pathname}, but crawlers read robots.txt only at ${url.origin}/robots.txt`,
    {
      ...(hasSiteYaml && { file: siteYaml, field: "baseUrl" }),
      hint: `Add \`Sitemap: ${new URL("sitemap.xml", baseUrl).href}\` to the robots.txt at the root of the host, or submit the sitemap to search engines yourself.`,
    },
  );
}
