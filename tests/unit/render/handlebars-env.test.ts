import { describe, expect, it } from "vitest";
import { createTemplateEnv, TemplateRenderError, type TemplateEnv } from "../../../src/render/handlebars-env.js";
import type { TemplateSet, TemplateSource } from "../../../src/render/load-templates.js";
import type { Diagnostic } from "../../../src/errors.js";
import type { SiteSettings } from "../../../src/model.js";

function makeSite(overrides: Partial<SiteSettings> = {}): SiteSettings {
  return {
    title: "The Relay",
    description: "",
    baseUrl: "https://relay.example/",
    language: "en-GB",
    timeZone: "Europe/Amsterdam",
    email: null,
    copyright: "The Relay",
    logo: { src: "/assets/logo.svg", alt: "The Relay" },
    cardImage: null,
    perPage: 10,
    feedLength: 20,
    about: null,
    oldUrls: null,
    search: true,
    missingImages: "error",
    ...overrides,
  };
}

function layout(name: string, source: string): TemplateSource {
  return { name, path: `templates/layouts/${name}.hbs`, source };
}

function partial(name: string, source: string): TemplateSource {
  return { name, path: `templates/partials/${name}.hbs`, source };
}

function makeTemplates({
  base = "<main>{{{content}}}</main>",
  layouts = [] as TemplateSource[],
  partials = [] as TemplateSource[],
} = {}): TemplateSet {
  return {
    base: { name: "base", path: "templates/base.hbs", source: base },
    layouts: new Map(layouts.map((t) => [t.name, t])),
    partials: new Map(partials.map((t) => [t.name, t])),
  };
}

function makeEnv(templates: TemplateSet, site = makeSite()): TemplateEnv {
  const env = createTemplateEnv(templates, site);
  if (Array.isArray(env)) throw new Error(`templates did not compile: ${env.map((d) => d.message).join("; ")}`);
  return env;
}

function compileProblems(templates: TemplateSet): Diagnostic[] {
  const env = createTemplateEnv(templates, makeSite());
  if (!Array.isArray(env)) throw new Error("expected compile problems");
  return env;
}

function renderError(env: TemplateEnv, name: string, context: Record<string, unknown>): Diagnostic {
  try {
    env.renderPage(name, context);
  } catch (cause) {
    if (cause instanceof TemplateRenderError) return cause.diagnostic;
    throw cause;
  }
  throw new Error("expected the render to fail");
}

describe("createTemplateEnv", () => {
  it("renders a layout inside the base template", () => {
    const env = makeEnv(
      makeTemplates({
        base: "<body>{{site}}|{{{content}}}</body>",
        layouts: [layout("article", "<h1>{{title}}</h1>")],
      }),
    );
    expect(env.renderPage("article", { title: "Grid & power", site: "Relay" })).toBe(
      "<body>Relay|<h1>Grid &amp; power</h1></body>",
    );
    expect([...env.layouts]).toEqual(["article"]);
  });

  it("renders partials", () => {
    const env = makeEnv(
      makeTemplates({
        layouts: [layout("list", "{{#each items}}{{> card}}{{/each}}")],
        partials: [partial("card", "[{{title}}]")],
      }),
    );
    expect(env.renderPage("list", { items: [{ title: "a" }, { title: "b" }] })).toBe("<main>[a][b]</main>");
  });

  it("gives each build its own helpers and partials", () => {
    const first = makeEnv(
      makeTemplates({ layouts: [layout("p", "{{> card}}")], partials: [partial("card", "first")] }),
    );
    const second = makeEnv(
      makeTemplates({ layouts: [layout("p", "{{> card}}")], partials: [partial("card", "second")] }),
    );
    expect(first.renderPage("p", {})).toBe("<main>first</main>");
    expect(second.renderPage("p", {})).toBe("<main>second</main>");
  });

  describe("strict mode", () => {
    it("fails with TemplateRender naming the layout file and line when a field is missing", () => {
      const env = makeEnv(
        makeTemplates({ layouts: [layout("article", "<h1>{{title}}</h1>\n<p>\n  {{author.name}}\n</p>")] }),
      );
      const d = renderError(env, "article", { title: "T" });
      expect(d).toMatchObject({
        code: "TemplateRender",
        severity: "error",
        file: "templates/layouts/article.hbs",
        line: 3,
      });
      expect(d.message).toMatch(/^Template "article": .*not defined/);
      expect(d.hint).toMatch(/not in the context/);
    });

    it("names the partial, not the layout, when the missing field is in a partial", () => {
      const env = makeEnv(
        makeTemplates({ layouts: [layout("list", "ok\n{{> card}}")], partials: [partial("card", "\n\n{{summary}}")] }),
      );
      expect(renderError(env, "list", { title: "T" })).toMatchObject({
        code: "TemplateRender",
        file: "templates/partials/card.hbs",
        line: 3,
      });
    });

    it("names the base template when the missing field is in it", () => {
      const env = makeEnv(
        makeTemplates({ base: "<title>\n{{page.title}}</title>{{{content}}}", layouts: [layout("a", "x")] }),
      );
      expect(renderError(env, "a", {})).toMatchObject({ code: "TemplateRender", file: "templates/base.hbs", line: 2 });
    });

    it("renders present but falsy fields without failing", () => {
      const env = makeEnv(
        makeTemplates({ layouts: [layout("a", "{{count}}|{{label}}|{{#if flag}}yes{{else}}no{{/if}}")] }),
      );
      expect(env.renderPage("a", { count: 0, label: "", flag: false })).toBe("<main>0||no</main>");
    });
  });

  describe("compile problems", () => {
    it("reports an unclosed block as TemplateSyntax with the file and a line", () => {
      const [first, ...rest] = compileProblems(
        makeTemplates({ layouts: [layout("bad", "line 1\n{{#if x}}\nline 3")] }),
      );
      expect(rest).toEqual([]);
      expect(first).toMatchObject({ code: "TemplateSyntax", severity: "error", file: "templates/layouts/bad.hbs" });
      expect(first!.line).toBeGreaterThanOrEqual(2);
      expect(first!.message).toMatch(/^Template "bad": Parse error/);
      expect(first!.hint).toMatch(/\{\{\/block\}\}/);
    });

    it("reports a broken mustache at its line", () => {
      expect(compileProblems(makeTemplates({ layouts: [layout("bad", "a\nb {{foo}\nc")] }))).toEqual([
        expect.objectContaining({ code: "TemplateSyntax", file: "templates/layouts/bad.hbs", line: 2 }),
      ]);
    });

    it("reports a syntax error in base.hbs", () => {
      expect(compileProblems(makeTemplates({ base: "{{#each}}" }))).toEqual([
        expect.objectContaining({ code: "TemplateSyntax", file: "templates/base.hbs", line: 1 }),
      ]);
    });

    it("reports every broken template at once", () => {
      const found = compileProblems(
        makeTemplates({
          layouts: [layout("one", "{{#if}}"), layout("ok", "fine"), layout("two", "{{/each}}")],
          partials: [partial("p", "{{> }}")],
        }),
      );
      expect(found.map((d) => d.file).sort()).toEqual([
        "templates/layouts/one.hbs",
        "templates/layouts/two.hbs",
        "templates/partials/p.hbs",
      ]);
    });
  });

  it("fails with UnknownLayout for a layout that does not exist", () => {
    const env = makeEnv(makeTemplates({ layouts: [layout("article", "x")] }));
    const d = renderError(env, "gallery", {});
    expect(d).toMatchObject({ code: "UnknownLayout", severity: "error" });
    expect(d.message).toMatch(/"gallery"/);
    expect(d.hint).toMatch(/templates\/layouts\/gallery\.hbs/);
  });

  describe("helpers", () => {
    const helpers = layout(
      "h",
      "{{formatDate at}}|{{formatDay at}}|{{readingTime minutes}}|{{plural count 'article' 'articles'}}|{{#if (eq a b)}}same{{else}}different{{/if}}",
    );

    it("formats dates in the site zone and language", () => {
      const env = makeEnv(makeTemplates({ layouts: [helpers] }));
      const out = env.renderPage("h", { at: "2026-11-26T23:30:00Z", minutes: 4.6, count: 3, a: 1, b: 1 });
      // 23:30 UTC is already the next day in Amsterdam.
      expect(out).toMatch(/^<main>27 November 2026.*00:30\|27 November 2026\|5 min read\|3 articles\|same<\/main>$/);
    });

    it("formats dates in another zone and language when the site says so", () => {
      const env = makeEnv(
        makeTemplates({ layouts: [layout("d", "{{formatDay at}}")] }),
        makeSite({ timeZone: "America/New_York", language: "nl" }),
      );
      expect(env.renderPage("d", { at: "2026-11-26T03:00:00Z" })).toBe("<main>25 november 2026</main>");
    });

    it.each([
      { minutes: 0, text: "1 min read" },
      { minutes: 0.2, text: "1 min read" },
      { minutes: 1.4, text: "1 min read" },
      { minutes: 2.5, text: "3 min read" },
      { minutes: 12, text: "12 min read" },
    ])("shows $minutes minutes of reading as '$text'", ({ minutes, text }) => {
      const env = makeEnv(makeTemplates({ layouts: [layout("r", "{{readingTime minutes}}")] }));
      expect(env.renderPage("r", { minutes })).toBe(`<main>${text}</main>`);
    });

    it.each([
      { count: 0, text: "0 articles" },
      { count: 1, text: "1 article" },
      { count: 2, text: "2 articles" },
    ])("pluralizes $count as '$text'", ({ count, text }) => {
      const env = makeEnv(makeTemplates({ layouts: [layout("p", "{{plural count 'article' 'articles'}}")] }));
      expect(env.renderPage("p", { count })).toBe(`<main>${text}</main>`);
    });

    it("keeps short hyphenated words of a headline on one line, escaping the rest", () => {
      const env = makeEnv(makeTemplates({ layouts: [layout("t", "{{headline title}}")] }));
      expect(env.renderPage("t", { title: "Small forums warn that age-check rules <b>bite</b> co-op" })).toBe(
        '<main>Small forums warn that <span class="nobr">age-check</span> rules &lt;b&gt;bite&lt;/b&gt; <span class="nobr">co-op</span></main>',
      );
      // A compound too long for a phone's line may still break at its hyphens; a dash between words is no compound.
      const long = "supercalifragilistic-expialidocious-words";
      expect(env.renderPage("t", { title: `${long} - ok` })).toBe(`<main>${long} - ok</main>`);
    });

    it("compares with eq strictly", () => {
      const env = makeEnv(makeTemplates({ layouts: [layout("e", "{{#if (eq a b)}}same{{else}}different{{/if}}")] }));
      expect(env.renderPage("e", { a: 1, b: "1" })).toBe("<main>different</main>");
      expect(env.renderPage("e", { a: "x", b: "x" })).toBe("<main>same</main>");
    });
  });
});
