/** Text safe for XML 1.0 feeds and sitemaps, by the same rule as every page (src/text/clean-text.ts). */
import { cleanText } from "../text/clean-text.js";

/**
 * Removes characters XML 1.0 forbids (controls but tab, LF and CR; U+FFFE/F; lone surrogates) and
 * the few more that pages drop too (DEL, C1 controls, noncharacters), so feeds and pages agree.
 */
export function xmlSafe(text: string): string {
  return cleanText(text);
}

/** Escapes text for an XML element or attribute (after removing forbidden characters). */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );
}
