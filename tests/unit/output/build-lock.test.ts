import { spawnSync } from "node:child_process";
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireBuildLock, lockPathFor, type BuildLock } from "../../../src/output/build-lock.js";

const tempOut = async () => path.join(await mkdtemp(path.join(tmpdir(), "lock-")), "dist");
const held = (x: ReturnType<typeof acquireBuildLock>): BuildLock => {
  if (!("release" in x)) throw new Error(`expected the lock, it is held by ${JSON.stringify(x.holder)}`);
  return x;
};
/** The pid of a process that has exited (pids are not reused this quickly). */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

describe("acquireBuildLock", () => {
  it("lets one build hold the lock of an output folder; the next is told who holds it", async () => {
    const out = await tempOut();
    const lock = held(acquireBuildLock(out));
    expect(lock.path).toBe(lockPathFor(out));
    expect(lock.path).toBe(path.join(path.dirname(out), ".dist.lock"));
    const busy = acquireBuildLock(out);
    expect("release" in busy).toBe(false);
    expect(busy).toMatchObject({ path: lock.path, holder: { pid: process.pid, host: hostname() } });
    lock.release();
    held(acquireBuildLock(out)).release();
  });

  it("takes over a lock whose process is gone", async () => {
    const out = await tempOut();
    writeFileSync(
      lockPathFor(out),
      JSON.stringify({ pid: deadPid(), host: hostname(), boot: null, since: "2026-01-01T00:00:00Z", token: "old" }),
    );
    const lock = held(acquireBuildLock(out));
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("takes over a lock from before a reboot even if its pid is alive now", async () => {
    const out = await tempOut();
    writeFileSync(
      lockPathFor(out),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        boot: "another-boot",
        since: "2026-01-01T00:00:00Z",
        token: "old",
      }),
    );
    const result = acquireBuildLock(out);
    // Without /proc (not Linux) the boot cannot be compared: then the live pid keeps the lock.
    const hasBootId = (() => {
      try {
        return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").length > 0;
      } catch {
        return false;
      }
    })();
    expect("release" in result).toBe(hasBootId);
    if ("release" in result) result.release();
  });

  it("never takes over a lock held on another machine", async () => {
    const out = await tempOut();
    writeFileSync(
      lockPathFor(out),
      JSON.stringify({
        pid: deadPid(),
        host: "elsewhere.example",
        boot: null,
        since: "2026-01-01T00:00:00Z",
        token: "x",
      }),
    );
    expect(acquireBuildLock(out)).toMatchObject({ holder: { host: "elsewhere.example" } });
  });

  it("treats an empty lock file as being written for a few seconds, then as stale", async () => {
    const out = await tempOut();
    writeFileSync(lockPathFor(out), "");
    expect(acquireBuildLock(out)).toEqual({ path: lockPathFor(out), holder: null });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(out), old, old);
    held(acquireBuildLock(out)).release();
  });

  it("does not remove a lock that another build has taken since", async () => {
    const out = await tempOut();
    const lock = held(acquireBuildLock(out));
    writeFileSync(
      lock.path,
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        boot: null,
        since: "2026-01-01T00:00:00Z",
        token: "someone-else",
      }),
    );
    lock.release();
    expect(JSON.parse(readFileSync(lock.path, "utf8")).token).toBe("someone-else");
  });
});
