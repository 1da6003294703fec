import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { reportFileProblem, writeBuildReport } from "../../../src/output/report-file.js";
import { BuildState } from "../../../src/output/build-state.js";

let root: string;
const at = (rel: string) => path.join(root, rel);
const pathsIn = () => ({
  content: at("content"),
  templates: at("templates"),
  public: at("public"),
  out: at("dist"),
  cache: at(".cache"),
  theme: at("theme"),
});

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "report-file-"));
  for (const dir of ["content/articles", "templates", "public", "dist", ".dist.builds", ".cache", "theme", "reports"])
    mkdirSync(at(dir), { recursive: true });
  // A link to content/ under another name: the real path decides.
  symlinkSync(at("content"), at("content-link"));
});

describe("reportFileProblem", () => {
  it.each([
    ["content/report.json", "is inside the content folder"],
    ["content/articles/report.md", "is inside the content folder"],
    ["content-link/report.json", "is inside the content folder"],
    ["templates/report.json", "is inside the templates folder"],
    ["public/report.json", "is inside the public folder"],
    ["theme/report.json", "is inside the theme folder"],
    ["dist/report.json", "is inside the output folder"],
    [".dist.builds/report.json", "is inside the output's build state"],
    [".dist.lock", "is the output's lock"],
    [".cache/report.json", "is inside the cache folder"],
    ["reports", "is a folder"],
  ])("refuses %s: it %s", (file, why) => {
    const problem = reportFileProblem(at(file), pathsIn());
    expect(problem).toMatchObject({ code: "UnsafeOutput", severity: "error" });
    expect(problem?.message).toMatch(
      new RegExp(`^Refusing \\S*${file.replaceAll(".", "\\.")} as the build report: it ${why}`),
    );
  });

  it.each(["report.json", "reports/next-build.json", "dist-report.json"])("accepts %s", (file) => {
    expect(reportFileProblem(at(file), pathsIn())).toBeNull();
  });

  it("says a file in a folder that does not exist cannot be written, before anything is", () => {
    expect(reportFileProblem(at("missing/report.json"), pathsIn())).toMatchObject({
      code: "WriteError",
      message: expect.stringMatching(
        /Cannot write the build report \S*missing\/report\.json: the folder \S*missing does not exist/,
      ),
    });
  });

  it("accepts any place when the build has no output folder (an in-memory writer)", () => {
    expect(reportFileProblem(at("dist/report.json"), { ...pathsIn(), out: null })).toBeNull();
  });
});

describe("writeBuildReport", () => {
  it("writes the text into the output's state folder and the given file, and the state folder stays Broadsheet's", () => {
    const key = Buffer.from("k");
    const state = new BuildState(at("dist"), key);
    state.claim();
    writeBuildReport('{"version":1}\n', { out: at("dist"), key, file: at("reports/out.json") });
    expect(readFileSync(at(".dist.builds/report.json"), "utf8")).toBe('{"version":1}\n');
    expect(readFileSync(at("reports/out.json"), "utf8")).toBe('{"version":1}\n');
    expect(state.isOurs()).toBe(true);
  });

  it("replaces a link at the file rather than writing through it", () => {
    writeFileSync(at("reports/target.json"), "untouched");
    symlinkSync(at("reports/target.json"), at("reports/linked.json"));
    writeBuildReport("report\n", { out: null, key: Buffer.from("k"), file: at("reports/linked.json") });
    expect(readFileSync(at("reports/target.json"), "utf8")).toBe("untouched");
    expect(readFileSync(at("reports/linked.json"), "utf8")).toBe("report\n");
  });
});
