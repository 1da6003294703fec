import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { DEFAULT_PATHS, resolveConfig, type ConfigOverrides } from "../../../src/config/resolve-config.js";
import type { Diagnostic } from "../../../src/errors.js";
import type { ResolvedConfig } from "../../../src/model.js";

const WALL_CLOCK = Date.UTC(2026, 0, 2, 3, 4, 5);

function resolved(siteYaml: string | null, overrides: ConfigOverrides = {}): ResolvedConfig {
  const result = resolveConfig(siteYaml, overrides, WALL_CLOCK);
  if (Array.isArray(result)) throw new Error(`expected a config, got ${result.map((d) => d.message).join("; ")}`);
  return result;
}

function problems(siteYaml: string | null, overrides: ConfigOverrides = {}): Diagnostic[] {
  const result = resolveConfig(siteYaml, overrides, WALL_CLOCK);
  if (!Array.isArray(result)) throw new Error("expected problems, got a config");
  return result;
}

describe("resolveConfig", () => {
  it("uses the defaults when there is no site.yaml", () => {
    expect(resolved(null)).toEqual({
      site: {
        title: "Broadsheet",
        description: "",
        baseUrl: "http://localhost:8080/",
        language: "en",
        timeZone: "UTC",
        email: null,
        copyright: "Broadsheet",
        logo: { src: "/assets/logo.svg", alt: "Broadsheet" },
        cardImage: null,
        perPage: 10,
        feedLength: 20,
        about: null,
        oldUrls: null,
        search: true,
        missingImages: "error",
      },
      paths: DEFAULT_PATHS,
      now: WALL_CLOCK,
      includeDrafts: false,
      basePath: "",
      threads: availableParallelism(),
      renderTimeoutMs: 10_000,
    });
  });

  it("uses the defaults for an empty site.yaml", () => {
    expect(resolved("")).toEqual(resolved(null));
  });

  it("lets site.yaml override the defaults and derives copyright and logo alt from the title", () => {
    const config = resolved(
      "title: The Relay\ntimeZone: Europe/Amsterdam\nlanguage: en-GB\nperPage: 6\nfeedLength: 5\nemail: news@relay.example\nabout: We report.\nlogo: /l.svg",
    );
    expect(config.site).toMatchObject({
      title: "The Relay",
      timeZone: "Europe/Amsterdam",
      language: "en-GB",
      perPage: 6,
      feedLength: 5,
      email: "news@relay.example",
      about: "We report.",
      copyright: "The Relay",
      logo: { src: "/l.svg", alt: "The Relay" },
    });
  });

  it("lets CLI overrides win over site.yaml", () => {
    const config = resolved("baseUrl: https://from-yaml.example/\ntimeZone: Europe/Amsterdam", {
      baseUrl: "https://from-cli.example/news",
      includeDrafts: true,
      paths: { out: "/tmp/site-out", content: "site/content" },
      now: "2026-11-26T12:00:00Z",
    });
    expect(config.site.baseUrl).toBe("https://from-cli.example/news/");
    expect(config.basePath).toBe("/news");
    expect(config.includeDrafts).toBe(true);
    expect(config.paths).toEqual({ ...DEFAULT_PATHS, out: "/tmp/site-out", content: "site/content" });
    expect(config.now).toBe(Date.UTC(2026, 10, 26, 12));
  });

  it.each([
    { baseUrl: "https://a.example", expected: "https://a.example/", basePath: "" },
    { baseUrl: "https://a.example/news", expected: "https://a.example/news/", basePath: "/news" },
    { baseUrl: "https://a.example/news/", expected: "https://a.example/news/", basePath: "/news" },
    { baseUrl: "https://a.example/news?x=1#top", expected: "https://a.example/news/", basePath: "/news" },
  ])("normalises baseUrl $baseUrl to $expected with base path '$basePath'", ({ baseUrl, expected, basePath }) => {
    const config = resolved(`baseUrl: "${baseUrl}"`);
    expect(config.site.baseUrl).toBe(expected);
    expect(config.basePath).toBe(basePath);
  });

  it("reads --now without an offset in the site's time zone", () => {
    expect(resolved("timeZone: Europe/Amsterdam", { now: "2026-11-26T12:00:00" }).now).toBe(Date.UTC(2026, 10, 26, 11));
    expect(resolved("timeZone: Europe/Amsterdam", { now: "2026-11-26" }).now).toBe(Date.UTC(2026, 10, 25, 23));
    expect(resolved(null, { now: "2026-11-26T12:00:00" }).now).toBe(Date.UTC(2026, 10, 26, 12));
  });

  it("uses --now with an offset as written", () => {
    expect(resolved("timeZone: Europe/Amsterdam", { now: "2026-11-26T12:00:00Z" }).now).toBe(
      Date.UTC(2026, 10, 26, 12),
    );
  });

  it("uses the wall clock only when --now is absent", () => {
    expect(resolved(null).now).toBe(WALL_CLOCK);
  });

  it("freezes the whole config, nested objects included", () => {
    const config = resolved("title: T");
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.site)).toBe(true);
    expect(Object.isFrozen(config.site.logo)).toBe(true);
    expect(Object.isFrozen(config.paths)).toBe(true);
    expect(() => {
      (config.site as { title: string }).title = "changed";
    }).toThrow(TypeError);
    expect(config.site.title).toBe("T");
  });

  describe("problems", () => {
    it.each([
      {
        name: "an unknown time zone",
        yaml: "title: T\ntimeZone: Mars/Olympus",
        field: "timeZone",
        line: 2,
        message: /IANA time zone/,
      },
      {
        name: "a time zone that is not text",
        yaml: "timeZone: 5",
        field: "timeZone",
        line: 1,
        message: /timeZone must be text/,
      },
      {
        name: "a baseUrl without a scheme",
        yaml: "title: T\ndescription: D\nbaseUrl: relay.example",
        field: "baseUrl",
        line: 3,
        message: /absolute http\(s\) URL/,
      },
      {
        name: "an ftp baseUrl",
        yaml: "baseUrl: ftp://relay.example/",
        field: "baseUrl",
        line: 1,
        message: /absolute http\(s\) URL/,
      },
      {
        name: "a javascript: baseUrl",
        yaml: "baseUrl: 'javascript:alert(1)'",
        field: "baseUrl",
        line: 1,
        message: /absolute http\(s\) URL/,
      },
      {
        name: "a malformed language",
        yaml: "title: T\nlanguage: english!",
        field: "language",
        line: 2,
        message: /language tag/,
      },
      { name: "a perPage that is text", yaml: "perPage: many", field: "perPage", line: 1, message: /perPage/ },
      { name: "an e-mail without @", yaml: "email: newsroom", field: "email", line: 1, message: /e-mail address/ },
      { name: "an empty title", yaml: "title: ''", field: "title", line: 1, message: /title is empty/ },
      // Found by the hostile corpus (tests/fixtures/hostile): the logo is an <img src> on every page.
      {
        name: "a javascript: logo",
        yaml: "title: T\nlogo: 'javascript:alert(1)'",
        field: "logo",
        line: 2,
        message: /logo must be an http\(s\) URL or a path/,
      },
    ])("reports $name as InvalidConfig at its line in site.yaml", ({ yaml, field, line, message }) => {
      const found = problems(yaml);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        code: "InvalidConfig",
        severity: "error",
        file: "content/site.yaml",
        field,
        line,
        column: 1,
      });
      expect(found[0]!.message).toMatch(message);
      expect(found[0]!.hint).toMatch(/Site settings/);
    });

    it("reports a logo src that a browser would read as data: or javascript: at the src key", () => {
      expect(problems("logo:\n  src: 'data:image/svg+xml,<svg onload=alert(1)>'\n  alt: T")).toEqual([
        expect.objectContaining({
          code: "InvalidConfig",
          field: "logo.src",
          line: 2,
          column: 3,
          message: "logo must be an http(s) URL or a path",
        }),
      ]);
      expect(problems('logo: { src: "\\x01javascript:alert(1)", alt: T }')).toEqual([
        expect.objectContaining({ code: "InvalidConfig", field: "logo.src", line: 1 }),
      ]);
    });

    it("accepts a logo path, a relative path or an http(s) URL", () => {
      for (const src of ["/assets/logo.svg", "assets/logo.svg", "https://cdn.example/logo.svg"]) {
        expect(resolved(`logo: ${JSON.stringify(src)}`).site.logo.src).toBe(src);
        expect(resolved(`logo: { src: ${JSON.stringify(src)}, alt: Masthead }`).site.logo).toEqual({
          src,
          alt: "Masthead",
        });
      }
    });

    it.each([
      { yaml: "cardImage: { src: /images/card.png, alt: The Relay }", src: "/images/card.png" },
      { yaml: "cardImage: { src: images/card.JPG, alt: The Relay }", src: "images/card.JPG" },
      {
        yaml: "cardImage: { src: 'https://cdn.example/card.webp?v=2', alt: The Relay }",
        src: "https://cdn.example/card.webp?v=2",
      },
      { yaml: "cardImage: { src: /card.jpeg, alt: The Relay }", src: "/card.jpeg" },
    ])("accepts a raster cardImage: $src", ({ yaml, src }) => {
      expect(resolved(yaml).site.cardImage).toEqual({ src, alt: "The Relay" });
    });

    it.each([
      {
        name: "an SVG",
        yaml: "cardImage: { src: /images/card.svg, alt: A }",
        field: "cardImage.src",
        message: /PNG, JPEG or WebP/,
      },
      {
        name: "a GIF",
        yaml: "cardImage: { src: /card.gif, alt: A }",
        field: "cardImage.src",
        message: /PNG, JPEG or WebP/,
      },
      {
        name: "a file without extension",
        yaml: "cardImage: { src: /card, alt: A }",
        field: "cardImage.src",
        message: /PNG, JPEG or WebP/,
      },
      {
        name: "a javascript: URL",
        yaml: "cardImage: { src: 'javascript:alert(1)//x.png', alt: A }",
        field: "cardImage.src",
        message: /http\(s\) URL or a path/,
      },
      {
        name: "a URL with a password",
        yaml: "cardImage: { src: 'https://u:p@cdn.example/c.png', alt: A }",
        field: "cardImage.src",
        message: /user name or password/,
      },
      {
        name: "an empty alt",
        yaml: "cardImage: { src: /c.png, alt: '' }",
        field: "cardImage.alt",
        message: /cardImage.alt is empty/,
      },
      {
        name: "a bare path (no alt)",
        yaml: "cardImage: /c.png",
        field: "cardImage",
        message: /cardImage must be \{ src, alt \}/,
      },
    ])("reports $name as cardImage InvalidConfig", ({ yaml, field, message }) => {
      const found = problems(yaml);
      expect(found).toEqual([expect.objectContaining({ code: "InvalidConfig", field, line: 1 })]);
      expect(found[0]!.message).toMatch(message);
    });

    it("reports every bad setting at once", () => {
      const found = problems("title: T\nbaseUrl: ftp://x\ntimeZone: Mars/Olympus\nlanguage: english!");
      expect(found.map((d) => [d.field, d.line]).sort()).toEqual([
        ["baseUrl", 2],
        ["language", 4],
        ["timeZone", 3],
      ]);
    });

    it("names site.yaml inside the content folder given on the command line", () => {
      const [first] = problems("timeZone: Nowhere/Else", { paths: { content: "site/content" } });
      expect(first!.file).toBe("site/content/site.yaml");
    });

    it("reports a YAML syntax error in site.yaml at its line and column", () => {
      expect(problems("title: T\ndescription: a: b")).toEqual([
        expect.objectContaining({ code: "YamlSyntax", file: "content/site.yaml", line: 2, column: 14 }),
      ]);
    });

    it("reports site.yaml that is a list rather than settings", () => {
      expect(problems("- a\n- b")).toEqual([expect.objectContaining({ code: "InvalidConfig", line: 1 })]);
    });

    it("reports a bad --base-url and a bad --now together", () => {
      const found = problems("title: T", { baseUrl: "not a url", now: "tomorrow" });
      expect(found.map((d) => d.code)).toEqual(["InvalidConfig", "InvalidConfig"]);
      expect(found[0]!.message).toMatch(/--base-url "not a url"/);
      expect(found[1]!.message).toMatch(/--now "tomorrow"/);
    });
  });
});

describe("resolveConfig refuses URLs with a user name or password", () => {
  const WITH_USER_INFO = [
    "https://user:pass@news.example/",
    "https://user@news.example/",
    "https://:pass@news.example/",
    "https://@news.example/",
    "https://:@news.example/",
  ];

  it.each(WITH_USER_INFO)("refuses baseUrl %j at its key in site.yaml", (url) => {
    const found = problems(`title: T\nbaseUrl: "${url}"`);
    expect(found).toEqual([
      expect.objectContaining({
        code: "InvalidConfig",
        file: "content/site.yaml",
        field: "baseUrl",
        line: 2,
        column: 1,
      }),
    ]);
    expect(found[0]!.message).toMatch(/^baseUrl contains a user name or password/);
    expect(found[0]!.message).not.toContain("news.example");
    expect(found[0]!.hint).toBe("Put credentials in your deploy tool, never in the site's URL.");
  });

  it.each(WITH_USER_INFO)("refuses --base-url %j without repeating it", (url) => {
    const found = problems("title: T", { baseUrl: url });
    expect(found).toEqual([
      expect.objectContaining({
        code: "InvalidConfig",
        field: "baseUrl",
        hint: "Put credentials in your deploy tool, never in the site's URL.",
      }),
    ]);
    expect(found[0]!.message).toMatch(/^--base-url contains a user name or password/);
    expect(found[0]!.message).not.toContain("news.example");
  });

  it.each([...WITH_USER_INFO.map((u) => `${u}logo.svg`), "//user:pass@cdn.example/logo.svg"])(
    "refuses the logo %j, as text or as src",
    (src) => {
      expect(problems(`logo: "${src}"`)).toEqual([
        expect.objectContaining({
          code: "InvalidConfig",
          field: "logo",
          line: 1,
          message: expect.stringMatching(/^logo contains a user name or password/),
        }),
      ]);
      expect(problems(`logo:\n  src: "${src}"\n  alt: L`)).toEqual([
        expect.objectContaining({ code: "InvalidConfig", field: "logo.src", line: 2, column: 3 }),
      ]);
    },
  );

  it("keeps ordinary URLs, an @ in the path included", () => {
    const config = resolved('baseUrl: "https://news.example/@desk/"\nlogo: "https://cdn.example/logo@2x.png"', {});
    expect(config.site.baseUrl).toBe("https://news.example/@desk/");
    expect(config.site.logo.src).toBe("https://cdn.example/logo@2x.png");
    expect(resolved("title: T", { baseUrl: "https://cli.example:8443/news" }).site.baseUrl).toBe(
      "https://cli.example:8443/news/",
    );
  });
});

describe("resolveConfig removes characters no page should show", () => {
  it("cleans the site title, description, copyright, about and logo alt", () => {
    const bad = "\\0\\a\\e\\uFFFE\\x85";
    const config = resolved(
      [
        `title: "The${bad} Relay"`,
        `description: "News${bad} daily"`,
        `copyright: "Relay${bad} Ltd"`,
        `about: "We${bad} report."`,
        `logo: { src: /l.svg, alt: "Mast${bad}head" }`,
      ].join("\n"),
    );
    expect(config.site).toMatchObject({
      title: "The Relay",
      description: "News daily",
      copyright: "Relay Ltd",
      about: "We report.",
      logo: { src: "/l.svg", alt: "Masthead" },
    });
  });

  it("reports a title made only of control characters as empty", () => {
    expect(problems('title: "\\a\\e"')).toEqual([
      expect.objectContaining({ code: "InvalidConfig", field: "title", line: 1, message: "title is empty" }),
    ]);
  });
});

describe("resolveConfig limits site.yaml like front-matter", () => {
  it("refuses site.yaml over 64 KB as InvalidConfig without parsing it", () => {
    const found = problems(`title: T\nabout: ${"é".repeat(40_000)}\ndescription: a: b`);
    expect(found).toEqual([
      expect.objectContaining({ code: "InvalidConfig", file: "content/site.yaml", line: 1, column: 1 }),
    ]);
    expect(found[0]!.message).toMatch(/^site\.yaml is 80,0\d\d bytes; the limit is 65,536 bytes \(64 KB\)$/);
    expect(found[0]!.hint).toMatch(/public\//);
  });

  it("refuses site.yaml with more than 1,000 keys at the 1,001st", () => {
    const keys = Array.from({ length: 1001 }, (_, i) => `k${i}: 1`).join("\n");
    expect(problems(keys)).toEqual([
      expect.objectContaining({
        code: "InvalidConfig",
        line: 1001,
        column: 1,
        message: "site.yaml has 1,001 keys; the limit is 1,000, nested keys included",
      }),
    ]);
    expect(resolved(keys.slice(0, keys.lastIndexOf("\n"))).site.title).toBe("Broadsheet");
  });

  it("still reports a duplicated setting as a YAML error at the duplicate", () => {
    expect(problems("title: A\ntitle: B")).toEqual([
      expect.objectContaining({
        code: "YamlSyntax",
        line: 2,
        column: 1,
        message: "site.yaml is not valid YAML: Map keys must be unique",
      }),
    ]);
  });
});

describe("resolveConfig messages for numbers out of range", () => {
  it.each([
    ["perPage: 0", "perPage must be at least 1"],
    ["feedLength: 2.5", "feedLength must be a whole number"],
    ["perPage: many", "perPage must be a number"],
  ])("%s → %s", (yaml, message) => {
    expect(problems(yaml).map((d) => d.message)).toEqual([message]);
  });
});
