import { describe, expect, it } from "vitest";
import { canUseWorkers, deadlineFor, renderAll, renderOne } from "../../../src/markdown/worker-pool.js";
import type { RenderedMarkdown } from "../../../src/model.js";

const urls = { pageUrl: "https://site.example/articles/x/", basePath: "" };
// Superlinear for remark: seconds, where a 500 ms deadline stops it.
const SLOW = "a*".repeat(40 * 1024);

describe("renderAll", () => {
  it("needs the compiled worker (npm run compile) to enforce deadlines", () => {
    expect(canUseWorkers()).toBe(true);
  });

  it("stops a body at its deadline and renders every other body, each reported at its own index", async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => (i === 3 || i === 21 ? SLOW : `Body number ${i}.`));
    const results = new Map<number, RenderedMarkdown>();
    const timedOut: number[] = [];
    let progress = 0;
    await renderAll(
      bodies.length,
      (i) => ({ markdown: bodies[i]!, urls }),
      { threads: 2, deadlineMs: 500, onProgress: (done) => (progress = done) },
      (i, r) => results.set(i, r),
      (i) => timedOut.push(i),
    );
    expect(timedOut.sort((a, b) => a - b)).toEqual([3, 21]);
    expect([...results.keys()].sort((a, b) => a - b)).toEqual(
      bodies.map((_, i) => i).filter((i) => i !== 3 && i !== 21),
    );
    for (const [i, r] of results) expect(r.excerpt).toBe(`Body number ${i}.`);
    expect(progress).toBe(40);
  });

  it("stops with the error of a job that cannot be made (a file that vanished), not a crash", async () => {
    await expect(
      renderAll(
        20,
        (i) => {
          if (i === 17) throw new Error("gone");
          return { markdown: "x", urls };
        },
        { threads: 2, deadlineMs: 5_000 },
        () => {},
        () => {},
      ),
    ).rejects.toThrow("gone");
  });

  it("stops with the error thrown while taking a result (a full disk), not a crash", async () => {
    await expect(
      renderAll(
        3,
        () => ({ markdown: "x", urls }),
        { threads: 1, deadlineMs: 5_000 },
        () => {
          throw new Error("ENOSPC");
        },
        () => {},
      ),
    ).rejects.toThrow("ENOSPC");
  });
});

describe("renderOne", () => {
  it("renders one body, or says it missed its deadline", async () => {
    expect(await renderOne({ markdown: "# Hi", urls }, 5_000)).toMatchObject({ headings: [{ depth: 2, text: "Hi" }] });
    expect(await renderOne({ markdown: SLOW, urls }, 300)).toBe("timeout");
  });
});

describe("deadlineFor", () => {
  it("gives the deadline per started megabyte", () => {
    expect(deadlineFor("x".repeat(10), 10_000)).toBe(10_000);
    expect(deadlineFor("x".repeat(1024 * 1024 + 1), 10_000)).toBe(20_000);
  });
});
