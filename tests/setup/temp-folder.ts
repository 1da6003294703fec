/**
 * Global setup of every run: temp files land in one folder of the run, removed when it ends.
 * Tests, the CLI they spawn and Chromium all ask os.tmpdir(), which reads TMPDIR; workers are started
 * after this runs and inherit it, so no test needs to clean up after itself.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const PREFIX = "broadsheet-tests-";

/** Creates `<tmpdir>/broadsheet-tests-<pid>-<random>`, points TMPDIR at it, and returns the teardown that removes it. */
export function setup(): () => void {
  const base = tmpdir();
  removeAbandoned(base);
  // Short on purpose: unix socket paths (Chromium's singleton socket) must stay under 108 bytes.
  const dir = mkdtempSync(path.join(base, `${PREFIX}${process.pid}-`));
  // mkdtemp makes it 0700; tests that run the CLI as `nobody` (tests/e2e/symlinks) must pass through it.
  chmodSync(dir, 0o711);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    // Retries: a killed build's child may still be closing files in there for a moment.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
}

/** Removes the folders of earlier runs that were killed before their teardown (their process is gone). */
function removeAbandoned(base: string): void {
  for (const name of readdirSync(base)) {
    const pid = Number(/^broadsheet-tests-(\d+)-/.exec(name)?.[1]);
    if (pid && !isRunning(pid)) rmSync(path.join(base, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
