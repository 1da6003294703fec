/**
 * Old addresses of an article (Hugo's `aliases`, Jekyll's `redirect_from`): read into site paths the
 * build can write a redirect page at, never anything that could leave the output folder.
 */

/** A usable alias, or why not (with what to write instead). */
export type AliasReading = { readonly path: string } | { readonly problem: string; readonly hint: string };

const HINT = "Write the old address from the site's root, e.g. `/2019/05/old-title/` or `/old-title.html`.";

// Whitespace, controls, lone surrogates and the characters no path of a static file should hold.
const UNSAFE =
  /[\s\u0000-\u001F\u007F\\<>"'`|*^{}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_LENGTH = 1024;

/**
 * Reads one alias as written: a path from the site's root, percent-encoding decoded, ending in "/"
 * (a folder: `/old/` and `/old` both mean `/old/index.html`) or in an `.html`/`.htm` file name.
 * Refused: full URLs, relative paths, `?` and `#`, `.` and `..` segments (also encoded), empty
 * segments, and other file types (a static host would not serve a redirect page as `.php`).
 */
export function readAlias(raw: string): AliasReading {
  const written = raw.trim();
  const fail = (problem: string, hint = HINT): AliasReading => ({ problem, hint });
  if (written === "") return fail("An alias is empty");
  if (written.length > MAX_LENGTH) return fail(`An alias is longer than ${MAX_LENGTH} characters`);
  if (/^[a-z][a-z\d+.-]*:/i.test(written) || written.startsWith("//"))
    return fail(`Alias "${written}" is a full address; an alias is a path on this site`);
  if (!written.startsWith("/")) return fail(`Alias "${written}" must start with "/" (a path from the site's root)`);
  if (/[?#]/.test(written))
    return fail(`Alias "${written}" has a query or fragment, which a static page cannot be served for`);
  const segments = written.slice(1).split("/");
  const isFolder = written.endsWith("/");
  if (isFolder) segments.pop();
  const decoded: string[] = [];
  for (const segment of segments) {
    let text: string;
    try {
      text = decodeURIComponent(segment).normalize("NFC");
    } catch {
      return fail(`Alias "${written}" has a broken percent-encoding`);
    }
    if (text === "" || text === "." || text === "..") return fail(`Alias "${written}" has an empty, "." or ".." part`);
    if (text.includes("/") || UNSAFE.test(text))
      return fail(`Alias "${written}" holds a character a file name cannot (a space, control, quote or slash)`);
    decoded.push(text);
  }
  if (decoded.length === 0) return fail('An alias cannot be "/": the home page is there');
  const last = decoded[decoded.length - 1]!;
  // A file type is letters after the last dot (`.xml`, `.php`); `v20.20.0` is a folder.
  if (!isFolder && /\.[a-z][a-z\d]{0,4}$/i.test(last) && !/\.html?$/i.test(last))
    return fail(
      `Alias "${written}" names a ${last.slice(last.lastIndexOf("."))} file; a redirect page can only be a folder or an .html file`,
      "Keep folder and .html aliases here, and add other old addresses to your host's redirect rules.",
    );
  return { path: `/${decoded.join("/")}${isFolder || !/\.html?$/i.test(last) ? "/" : ""}` };
}
