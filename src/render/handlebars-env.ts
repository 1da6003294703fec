/** The one module that uses Handlebars: a fresh environment per build, compiled strict, once. */
import Handlebars from "handlebars";
import { error, type Diagnostic } from "../errors.js";
import type { SiteSettings } from "../model.js";
import type { TemplateSet, TemplateSource } from "./load-templates.js";
import { makeDateHelpers } from "./helpers/dates.js";
import { keepCompounds, plural, readingTime } from "./helpers/text.js";
import { makeUrlHelpers } from "./helpers/urls.js";
import { hashOf } from "../cache/hash.js";

type Compiled = (context: unknown, options?: unknown) => string;

/** Compiled templates, ready to render pages. */
export interface TemplateEnv {
  /** Renders a layout then wraps it in base.hbs; throws a diagnostic-carrying error on failure. */
  renderPage(layout: string, context: Readonly<Record<string, unknown>>): string;
  readonly layouts: ReadonlySet<string>;
  /** Hash of every template's name and source: part of page fingerprints. */
  readonly id: string;
}

/** Thrown by renderPage with a located diagnostic. */
export class TemplateRenderError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** Compiles every template (strict mode) and registers helpers; returns all compile problems. */
export function createTemplateEnv(
  templates: TemplateSet,
  site: SiteSettings,
  basePath = new URL(site.baseUrl).pathname.replace(/\/$/, ""),
): TemplateEnv | Diagnostic[] {
  const hbs = Handlebars.create();
  const dates = makeDateHelpers(site.timeZone, site.language);
  const urls = makeUrlHelpers(site.baseUrl, basePath);
  // Handlebars passes an options hash as the last argument; helpers take only what they declare.
  hbs.registerHelper({
    formatDate: (iso: string) => dates.formatDate(iso),
    formatDay: (iso: string) => dates.formatDay(iso),
    readingTime: (minutes: number) => readingTime(minutes),
    plural: (count: number, one: string, many: string) => plural(count, one, many),
    eq: (a: unknown, b: unknown) => a === b,
    headline: (text: string) => new hbs.SafeString(keepCompounds(hbs.Utils.escapeExpression(text))),
    href: (sitePath: string) => urls.url(sitePath),
    absoluteUrl: (sitePath: string) => urls.absoluteUrl(sitePath),
  });

  const problems: Diagnostic[] = [];
  const compile = (t: TemplateSource): Compiled | undefined => {
    try {
      // compile() is lazy; precompile() parses now, so syntax errors surface at build start.
      hbs.precompile(t.source, { strict: true });
      return wrap(t, hbs.compile(t.source, { strict: true }) as Compiled);
    } catch (cause) {
      problems.push(templateDiagnostic("TemplateSyntax", t, cause));
      return undefined;
    }
  };
  for (const p of templates.partials.values()) {
    const fn = compile(p);
    if (fn) hbs.registerPartial(p.name, fn as Handlebars.Template);
  }
  const base = compile(templates.base);
  const layouts = new Map<string, Compiled>();
  for (const l of templates.layouts.values()) {
    const fn = compile(l);
    if (fn) layouts.set(l.name, fn);
  }
  if (problems.length > 0 || !base) return problems;

  const all = [templates.base, ...templates.layouts.values(), ...templates.partials.values()];
  return {
    id: hashOf(...all.flatMap((t) => [t.path, t.source])),
    layouts: new Set(layouts.keys()),
    renderPage(layout, context) {
      const fn = layouts.get(layout);
      if (!fn) {
        throw new TemplateRenderError(
          error("UnknownLayout", `No layout named "${layout}"`, { hint: `Create templates/layouts/${layout}.hbs.` }),
        );
      }
      return base({ ...context, content: fn(context) });
    },
  };

  function wrap(t: TemplateSource, fn: Compiled): Compiled {
    return (context, options) => {
      try {
        return fn(context, options);
      } catch (cause) {
        if (cause instanceof TemplateRenderError) throw cause;
        throw new TemplateRenderError(templateDiagnostic("TemplateRender", t, cause));
      }
    };
  }
}

function templateDiagnostic(code: "TemplateSyntax" | "TemplateRender", t: TemplateSource, cause: unknown): Diagnostic {
  const message = cause instanceof Error ? cause.message : String(cause);
  // Handlebars reports "Parse error on line 3:" or a trailing " - 3:7" location.
  const parse = /line (\d+)/.exec(message);
  const loc = / - (\d+):(\d+)$/m.exec(message);
  const line = loc ? Number(loc[1]) : parse ? Number(parse[1]) : 1;
  const column = loc ? Number(loc[2]) + 1 : 1;
  // Parse errors span lines ("Parse error on line 4:\n…source…\n----^\nExpecting …"): keep the first and last.
  const lines = message.split("\n").filter((l) => l.trim() !== "");
  const summary =
    lines.length > 1 && code === "TemplateSyntax" ? `${lines[0]} ${lines[lines.length - 1]}` : (lines[0] ?? message);
  const first = summary.replace(/ - \d+:\d+$/, "").replace(/ in \[object Object\]/, " in the context");
  const hint =
    code === "TemplateRender"
      ? "A field the template uses is not in the context (see docs/templates.md), or a helper failed; fix the template."
      : "Fix the Handlebars syntax: every {{#block}} needs its {{/block}}.";
  return error(code, `Template "${t.name}": ${first}`, { file: t.path, line, column, hint });
}
