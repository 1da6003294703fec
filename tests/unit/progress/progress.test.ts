import { describe, expect, it } from "vitest";
import { createProgress } from "../../../src/progress.js";

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, isTTY, write: (t: string) => void out.push(t) };
}

describe("createProgress", () => {
  it("prints four plain lines for a long build when not on a terminal", () => {
    const s = sink(false);
    let t = 0;
    const p = createProgress(s, () => (t += 10));
    for (let done = 16; done <= 1000; done += 16) p.onProgress(done, 1000);
    p.onProgress(1000, 1000);
    expect(s.out).toHaveLength(4);
    expect(s.out[3]).toMatch(/^Rendered 1000\/1000 articles \(\d+\/s\)\n$/);
  });

  it("draws a bar with count, rate and ETA on a terminal, and clears it at the end", () => {
    const s = sink(true);
    let t = 0;
    const p = createProgress(s, () => (t += 1000));
    p.onProgress(250, 1000);
    expect(s.out[0]).toMatch(/^\r {2}Rendering \[#{7}-{21}\] 250\/1000 \d+\/s ETA \d+s $/);
    p.finish();
    expect(s.out.at(-1)).toMatch(/^\r +\r$/);
  });

  it("stays silent for small builds", () => {
    const s = sink(false);
    const p = createProgress(s);
    p.onProgress(50, 50);
    p.finish();
    expect(s.out).toEqual([]);
  });
});
