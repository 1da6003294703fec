/** Names a new site gets from its folder's name: a title and an npm package name. Pure. */

/** "my-local_news" → "My Local News"; a name with no letters or digits gives "My Site". */
export function titleFromFolder(folderName: string): string {
  const words = folderName.split(/[\s._-]+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  return words.length === 0
    ? "My Site"
    : words.map((word) => word.replace(/^\p{L}/u, (first) => first.toUpperCase())).join(" ");
}

// npm refuses these names outright (its own blacklist), besides the generator's own name.
const REFUSED_BY_NPM = ["node_modules", "favicon.ico"];
// npm's limit for a package name, in characters.
const MAX_NAME_LENGTH = 214;

/**
 * An npm package name made from a folder name: lowercase ASCII letters, digits and "-", "." or "_"
 * inside. `generatorName` is avoided, as npm will not install a package into a project of the same
 * name ("news" stays "news"; a folder called "broadsheet" becomes "broadsheet-site").
 */
export function packageNameFor(folderName: string, generatorName: string): string {
  const ascii = folderName.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const name =
    ascii
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/-{2,}/g, "-")
      .replace(/^[._-]+|[._-]+$/g, "")
      .slice(0, MAX_NAME_LENGTH - "-site".length)
      .replace(/[._-]+$/, "") || "site";
  return name === generatorName || REFUSED_BY_NPM.includes(name) ? `${name}-site` : name;
}
