/** defaults < content/site.yaml < CLI overrides → a frozen ResolvedConfig; every problem listed. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { error, type Diagnostic } from "../errors.js";
import type { ResolvedConfig, SitePaths, SiteSettings } from "../model.js";
import { parseYaml } from "../content/yaml.js";
import { isValidTimeZone, parseEditorDate } from "../time/zoned-time.js";
import { hasUserInfo, isHttpUrl, isSafeImageSrc } from "../content/validate-article.js";
import { cleanData } from "../text/clean-text.js";
import { oldUrlPatternProblem } from "../content/old-urls.js";

/** What the CLI (or an API caller) may override. */
export interface ConfigOverrides {
  readonly paths?: Partial<SitePaths>;
  readonly baseUrl?: string;
  readonly includeDrafts?: boolean;
  /** The build clock as ISO 8601; without an offset it is read in the site's time zone. */
  readonly now?: string;
  /** Worker threads for Markdown (--jobs). */
  readonly threads?: number;
  /** Seconds one article body (per MB of Markdown) may take to render (--render-timeout). @default 10 */
  readonly renderTimeout?: number;
}

/** Seconds one article body may take to render before the build gives up on it (RenderTimeout). */
const DEFAULT_RENDER_TIMEOUT_S = 10;

/** The default theme, shipped in the package (theme/ beside src/ and lib/). */
const DEFAULT_THEME = fileURLToPath(new URL("../../theme", import.meta.url));

/** Folder defaults, relative to the working directory (the theme's is absolute). */
export const DEFAULT_PATHS: SitePaths = {
  content: "content",
  templates: "templates",
  public: "public",
  out: "dist",
  cache: ".cache",
  theme: DEFAULT_THEME,
};

const CONFIG_HINT = 'See README, section "Site settings".';
// A URL's user name and password would be published in every canonical link, feed, sitemap and robots.txt.
const CREDENTIALS_HINT = "Put credentials in your deploy tool, never in the site's URL.";
const credentialsIssue = (field: string) => ({
  message: `${field} contains a user name or password before the host (user:pass@), and the site would publish it`,
  params: { hint: CREDENTIALS_HINT },
});

const settingsSchema = z.looseObject({
  title: z.string({ error: "title must be text" }).min(1, "title is empty").optional(),
  description: z.string({ error: "description must be text" }).optional(),
  baseUrl: z
    .string({ error: "baseUrl must be text" })
    .refine(isHttpUrl, { message: "baseUrl must be an absolute http(s) URL", abort: true })
    .refine((url) => !hasUserInfo(url), credentialsIssue("baseUrl"))
    .optional(),
  language: z
    .string({ error: "language must be text" })
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "language must be a language tag such as en or en-GB")
    .optional(),
  timeZone: z
    .string({ error: "timeZone must be text" })
    .refine(isValidTimeZone, "timeZone must be an IANA time zone such as Europe/Amsterdam")
    .optional(),
  email: z
    .string({ error: "email must be text" })
    .regex(/^[^\s@<>"]+@[^\s@<>"]+$/, "email must be an e-mail address")
    .nullable()
    .optional(),
  copyright: z.string({ error: "copyright must be text" }).optional(),
  logo: z
    .union([z.string(), z.object({ src: z.string(), alt: z.string() })], {
      error: "logo must be a path or { src, alt }",
    })
    // The logo is an <img src> on every page: the same rule as an article's image.
    .superRefine((logo, ctx) => {
      const isString = typeof logo === "string";
      const src = isString ? logo : logo.src;
      const path = isString ? [] : ["src"];
      if (hasUserInfo(src)) ctx.addIssue({ code: "custom", ...credentialsIssue("logo"), path });
      else if (!isSafeImageSrc(src))
        ctx.addIssue({ code: "custom", message: "logo must be an http(s) URL or a path", path });
    })
    .optional(),
  cardImage: z
    .object(
      { src: z.string(), alt: z.string().min(1, "cardImage.alt is empty") },
      {
        error: "cardImage must be { src, alt }",
      },
    )
    // Shown by link previews and search engines, which take only raster pictures; checked like the logo.
    .superRefine((card, ctx) => {
      if (hasUserInfo(card.src)) ctx.addIssue({ code: "custom", ...credentialsIssue("cardImage"), path: ["src"] });
      else if (!isSafeImageSrc(card.src))
        ctx.addIssue({ code: "custom", message: "cardImage must be an http(s) URL or a path", path: ["src"] });
      else if (!isRasterPath(card.src))
        ctx.addIssue({
          code: "custom",
          message: "cardImage must be a PNG, JPEG or WebP file (.png, .jpg, .jpeg, .webp): link previews show no SVG",
          path: ["src"],
        });
    })
    .nullable()
    .optional(),
  perPage: z
    .number({ error: "perPage must be a number" })
    .int("perPage must be a whole number")
    .min(1, "perPage must be at least 1")
    .max(1000, "perPage must be at most 1000")
    .optional(),
  feedLength: z
    .number({ error: "feedLength must be a number" })
    .int("feedLength must be a whole number")
    .min(1, "feedLength must be at least 1")
    .max(10000, "feedLength must be at most 10000")
    .optional(),
  about: z.string({ error: "about must be text" }).nullable().optional(),
  oldUrls: z
    .string({ error: "oldUrls must be text, e.g. /blog/:path/" })
    .superRefine((pattern, ctx) => {
      const problem = oldUrlPatternProblem(pattern);
      if (problem !== null)
        ctx.addIssue({ code: "custom", message: problem, params: { hint: "See docs/authors-and-old-urls.md." } });
    })
    .nullable()
    .optional(),
  search: z.boolean({ error: "search must be true or false" }).optional(),
  missingImages: z.enum(["error", "warn"], { error: "missingImages must be error or warn" }).optional(),
});

/**
 * Resolves settings. `siteYaml` is the text of content/site.yaml or null when the file is absent
 * (defaults apply). `wallClock` is used only when no `now` override is given.
 */
export function resolveConfig(
  siteYaml: string | null,
  overrides: ConfigOverrides,
  wallClock: number,
  siteYamlPath = path.join(overrides.paths?.content ?? DEFAULT_PATHS.content, "site.yaml"),
): ResolvedConfig | Diagnostic[] {
  const problems: Diagnostic[] = [];
  const yaml = siteYaml === null ? null : parseYaml(siteYaml);
  for (const e of yaml?.errors ?? []) {
    // site.yaml is settings, not front-matter: over the size or key limit it is a bad config.
    if (e.isOverLimit)
      problems.push(
        error("InvalidConfig", `site.yaml ${e.message}`, {
          file: siteYamlPath,
          line: e.line,
          column: e.column,
          hint: "Keep site.yaml to settings; put data in a file under public/.",
        }),
      );
    else
      problems.push(
        error("YamlSyntax", `site.yaml is not valid YAML: ${e.message}`, {
          file: siteYamlPath,
          line: e.line,
          column: e.column,
          hint: "Fix the YAML syntax.",
        }),
      );
  }
  // Every setting a page shows (title, description, copyright, unknown keys) is cleaned once, here.
  const raw = cleanData(yaml?.data ?? {});
  const parsed = settingsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const pos = yaml?.locate(issue.path as (string | number)[]) ?? { line: 1, column: 1 };
      const hint = issue.code === "custom" && typeof issue.params?.hint === "string" ? issue.params.hint : CONFIG_HINT;
      problems.push(
        error("InvalidConfig", issue.message, { file: siteYamlPath, ...pos, field: issue.path.join("."), hint }),
      );
    }
  }
  if (overrides.baseUrl !== undefined && !isHttpUrl(overrides.baseUrl)) {
    problems.push(
      error("InvalidConfig", `--base-url "${overrides.baseUrl}" is not an absolute http(s) URL`, {
        hint: "Pass e.g. --base-url https://news.example/",
      }),
    );
  } else if (overrides.baseUrl !== undefined && hasUserInfo(overrides.baseUrl)) {
    // The URL is not echoed: it holds a password.
    problems.push(
      error("InvalidConfig", credentialsIssue("--base-url").message, { field: "baseUrl", hint: CREDENTIALS_HINT }),
    );
  }
  const s = parsed.success ? parsed.data : {};
  const timeZone = s.timeZone ?? "UTC";
  let now = wallClock;
  if (overrides.now !== undefined) {
    const parsedNow = parseEditorDate(overrides.now, timeZone);
    if (parsedNow === null)
      problems.push(
        error("InvalidConfig", `--now "${overrides.now}" is not a date`, {
          hint: "Pass e.g. --now 2026-11-26T12:00:00Z",
        }),
      );
    else now = parsedNow;
  }
  if (
    overrides.threads !== undefined &&
    !(Number.isInteger(overrides.threads) && overrides.threads >= 1 && overrides.threads <= 256)
  ) {
    problems.push(
      error("InvalidConfig", `--jobs ${overrides.threads} is not a number of threads from 1 to 256`, {
        hint: "Pass e.g. --jobs 4, or leave it out to use every core.",
      }),
    );
  }
  if (
    overrides.renderTimeout !== undefined &&
    !(Number.isFinite(overrides.renderTimeout) && overrides.renderTimeout > 0 && overrides.renderTimeout <= 3600)
  ) {
    problems.push(
      error("InvalidConfig", `--render-timeout ${overrides.renderTimeout} is not a number of seconds from 0 to 3600`, {
        hint: "Pass e.g. --render-timeout 30, or leave it out for 10 seconds per article.",
      }),
    );
  }
  if (problems.length > 0) return problems;

  const title = s.title ?? "Broadsheet";
  const baseUrl = withTrailingSlash(overrides.baseUrl ?? s.baseUrl ?? "http://localhost:8080/");
  const logo =
    typeof s.logo === "string" ? { src: s.logo, alt: title } : (s.logo ?? { src: "/assets/logo.svg", alt: title });
  const site: SiteSettings = {
    title,
    description: s.description ?? "",
    baseUrl,
    language: s.language ?? "en",
    timeZone,
    email: s.email ?? null,
    copyright: s.copyright ?? title,
    logo,
    cardImage: s.cardImage ?? null,
    perPage: s.perPage ?? 10,
    feedLength: s.feedLength ?? 20,
    about: s.about ?? null,
    oldUrls: s.oldUrls ?? null,
    search: s.search ?? true,
    missingImages: s.missingImages ?? "error",
  };
  const paths = { ...DEFAULT_PATHS, ...overrides.paths };
  return deepFreeze({
    site,
    paths,
    now,
    includeDrafts: overrides.includeDrafts ?? false,
    basePath: new URL(baseUrl).pathname.replace(/\/$/, ""),
    threads: overrides.threads ?? availableParallelism(),
    renderTimeoutMs: Math.round((overrides.renderTimeout ?? DEFAULT_RENDER_TIMEOUT_S) * 1000),
  });
}

/** True when a path or URL names a PNG, JPEG or WebP file (by its extension, query and fragment ignored). */
function isRasterPath(src: string): boolean {
  return /\.(png|jpe?g|webp)$/i.test(src.trim().replace(/[?#].*$/s, ""));
}

function withTrailingSlash(url: string): string {
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  return u.href.endsWith("/") ? u.href : `${u.href}/`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
