import { describe, expect, it } from "vitest";
import { createBuildQueue } from "../../src/dev/build-queue.js";

/** A build that takes until `finish()` is called, recording overlaps. */
function fakeBuilds() {
  const log: string[] = [];
  let active = 0;
  let finishers: (() => void)[] = [];
  const run = () =>
    new Promise<void>((resolve) => {
      active++;
      log.push(active > 1 ? "overlap" : "start");
      finishers.push(() => {
        active--;
        log.push("end");
        resolve();
      });
    });
  const finish = async () => {
    const list = finishers;
    finishers = [];
    list.forEach((f) => f());
    await new Promise((r) => setTimeout(r, 0));
  };
  return { log, run, finish };
}

describe("createBuildQueue", () => {
  it("never overlaps builds and runs one more after requests that came during a build", async () => {
    const builds = fakeBuilds();
    const queue = createBuildQueue(builds.run, 5);
    queue.runNow();
    queue.runNow();
    queue.runNow();
    await builds.finish();
    await builds.finish();
    await queue.whenIdle();
    expect(builds.log).toEqual(["start", "end", "start", "end"]);
  });

  it("debounces a burst of changes into one build", async () => {
    const builds = fakeBuilds();
    const queue = createBuildQueue(builds.run, 20);
    for (let i = 0; i < 5; i++) queue.schedule();
    const idle = queue.whenIdle();
    await new Promise((r) => setTimeout(r, 60));
    expect(builds.log).toEqual(["start"]);
    await builds.finish();
    await idle;
    expect(builds.log).toEqual(["start", "end"]);
  });

  it("resolves whenIdle at once when nothing runs, and after the build otherwise", async () => {
    const builds = fakeBuilds();
    const queue = createBuildQueue(builds.run, 5);
    await queue.whenIdle();
    queue.runNow();
    let isIdle = false;
    const idle = queue.whenIdle().then(() => (isIdle = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(isIdle).toBe(false);
    await builds.finish();
    await idle;
    expect(isIdle).toBe(true);
  });

  it("keeps going after a build rejects", async () => {
    let calls = 0;
    const queue = createBuildQueue(async () => {
      calls++;
      throw new Error("boom");
    }, 5);
    queue.runNow();
    await queue.whenIdle();
    queue.runNow();
    await queue.whenIdle();
    expect(calls).toBe(2);
  });

  it("drops waiting requests on close and waits for the running build", async () => {
    const builds = fakeBuilds();
    const queue = createBuildQueue(builds.run, 5);
    queue.runNow();
    queue.schedule();
    const closed = queue.close();
    await builds.finish();
    await closed;
    queue.schedule();
    await new Promise((r) => setTimeout(r, 20));
    expect(builds.log).toEqual(["start", "end"]);
  });
});
