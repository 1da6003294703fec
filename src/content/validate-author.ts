/**
 * content/authors/<slug>.md → a validated author profile: `name` (required; it is how the profile
 * finds its author), a bio (`bio`, else the Markdown body), an `avatar`, links (`url`, `sameAs`,
 * https only) and an `email` (published only because it is written here). Unknown keys near ours
 * are warned about, as in articles. A profile travels as a PageSource so the bio is rendered and
 * sanitized by the same Markdown path as pages, and counts in the build's input key.
 */
import { z } from "zod";
import { error, type Diagnostic } from "../errors.js";
import type { ParsedSource, SourceFile } from "../model.js";
import { parseFrontMatter } from "./parse-front-matter.js";
import { hasUserInfo } from "./validate-article.js";
import { unknownFieldWarnings } from "./unknown-fields.js";
import { readFileName } from "./slugify.js";
import type { PageSource } from "./validate-content.js";

/** What a profile adds to its PageSource (`extra`), besides the name (`title`) and bio (`body`). */
export interface ProfileExtra {
  readonly avatar: { readonly src: string; readonly alt: string } | null;
  readonly links: readonly string[];
  readonly email: string | null;
}

const isHttps = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "" && !hasUserInfo(value);
  } catch {
    return false;
  }
};
const httpsUrl = z.string({ error: "Must be an https address" }).refine(isHttps, "Must be an https:// address");
// A site path (shown through the base path) or an https picture; no relative path, which would
// resolve differently on /authors/x/ and /authors/x/page/2/.
const avatarSrc = z
  .string({ error: "avatar must be a path or { src, alt }" })
  .refine(
    (src) => /^\/(?!\/)[^\s\\]*$/.test(src) || isHttps(src),
    "avatar must be a path from the site's root (/images/ana.jpg) or an https:// address",
  );

const profileSchema = z.looseObject({
  name: z.string({ error: "name must be text" }).refine((t) => t.trim() !== "", "name is empty"),
  bio: z.string({ error: "bio must be text (Markdown)" }).optional().nullable(),
  avatar: z
    .union([avatarSrc, z.object({ src: avatarSrc, alt: z.string({ error: "avatar.alt must be text" }) })], {
      error: "avatar must be a path or { src, alt }",
    })
    .optional()
    .nullable(),
  url: httpsUrl.optional().nullable(),
  sameAs: z
    .union([httpsUrl, z.array(httpsUrl)], { error: "sameAs must be a list of https addresses" })
    .optional()
    .nullable(),
  email: z
    .string({ error: "email must be text" })
    .regex(/^[^\s@<>"]+@[^\s@<>"]+$/, "email must be an e-mail address")
    .optional()
    .nullable(),
});
const KNOWN = Object.keys(profileSchema.shape);

const HINT =
  "Write e.g. `name: Ana Ruiz`, `avatar: { src: /images/ana.jpg, alt: Ana Ruiz }`, `url: https://ana.example/`, `sameAs: [https://social.example/@ana]`, and the bio as the Markdown body.";

/** Every profile of content/authors/, validated; problems (errors and warnings) in `diagnostics`. */
export function validateAuthorProfiles(files: readonly SourceFile[]): {
  profiles: PageSource[];
  diagnostics: Diagnostic[];
} {
  const profiles: PageSource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const parsed = parseFrontMatter(file);
    if (Array.isArray(parsed)) {
      diagnostics.push(...parsed);
      continue;
    }
    const profile = validateProfile(parsed, diagnostics);
    if (profile) profiles.push(profile);
  }
  return { profiles, diagnostics };
}

function validateProfile(parsed: ParsedSource, diagnostics: Diagnostic[]): PageSource | null {
  diagnostics.push(...unknownFieldWarnings(parsed, KNOWN, "the profile's unused fields"));
  const result = profileSchema.safeParse(parsed.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const pos = parsed.locate(issue.path as (string | number)[]) ?? { line: 1, column: 1 };
      const isMissing = issue.path[0] === "name" && parsed.data.name === undefined;
      diagnostics.push(
        error(
          isMissing ? "MissingField" : "InvalidField",
          isMissing ? "An author profile needs `name`" : issue.message,
          {
            file: parsed.file.path,
            ...pos,
            field: issue.path.join("."),
            hint: isMissing ? "Add `name:` exactly as articles write the author, e.g. `name: Ana Ruiz`." : HINT,
          },
        ),
      );
    }
    return null;
  }
  const fm = result.data;
  const name = fm.name.normalize("NFC").trim().replace(/\s+/g, " ");
  const avatar = fm.avatar == null ? null : typeof fm.avatar === "string" ? { src: fm.avatar, alt: name } : fm.avatar;
  const sameAs = fm.sameAs == null ? [] : typeof fm.sameAs === "string" ? [fm.sameAs] : fm.sameAs;
  const links = [...new Set([...(fm.url ? [fm.url] : []), ...sameAs])];
  const hasBio = typeof fm.bio === "string" && fm.bio.trim() !== "";
  const extra: ProfileExtra = { avatar, links, email: fm.email ?? null };
  return {
    sourcePath: parsed.file.path,
    slug: `authors/${readFileName(parsed.file.relPath).slug}`,
    title: name,
    summary: null,
    body: hasBio ? fm.bio! : parsed.body,
    bodyLine: hasBio ? (parsed.locate(["bio"])?.line ?? 1) : parsed.bodyLine,
    extra: extra as unknown as Readonly<Record<string, unknown>>,
  };
}
