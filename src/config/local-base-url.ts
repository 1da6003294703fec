/** A site about to be published under a placeholder address: localhost, a loopback IP or example.com. */
import { warning, type Diagnostic } from "../errors.js";

// RFC 2606 reserves example.com/.net/.org for documentation: no reader can ever reach them.
const PLACEHOLDER_HOST = /^(?:(?:.+\.)?localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|(?:.+\.)?example\.(?:com|net|org))$/i;

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
