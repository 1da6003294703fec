/** The identity of the Markdown renderer: part of every rendered-Markdown cache key. */
import { readFileSync } from "node:fs";
import { hashOf } from "../cache/hash.js";

/** Bump whenever render-markdown.ts changes what it outputs for the same input, or what a cache entry holds. */
// 11: the HTML store keeps the page HTML only (the feed variant is made from it), not both.
const RENDERER_VERSION = 11;

let cached: string | undefined;

/**
 * Renderer version plus the exact versions of every installed package (the lockfile, or
 * package.json when there is none): upgrading remark or a plugin invalidates rendered Markdown.
 */
export function rendererId(): string {
  if (cached !== undefined) return cached;
  const root = new URL("../../", import.meta.url);
  const read = (name: string) => {
    try {
      return readFileSync(new URL(name, root), "utf8");
    } catch {
      return "";
    }
  };
  cached = hashOf(`renderer-${RENDERER_VERSION}`, read("package-lock.json") || read("package.json"));
  return cached;
}
