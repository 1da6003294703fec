/**
 * I/O edge: reading and writing Broadsheet's own files (cache entries, output manifests, markers).
 * Such a file may have been replaced by anyone who could write the folder (a committed or restored
 * cache): it is read only when it is a regular file, never through a final link (O_NOFOLLOW) and
 * never from a FIFO or device that would block or never end; writes go through a temporary file that
 * is removed again when the write fails (a full disk keeps no half-written file).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { error, SiteError } from "../errors.js";
import { shownPath } from "./read-policy.js";

const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The bytes of `file` when it is a regular file no larger than `maxBytes`; null otherwise (or when absent). */
export function readOwnFile(file: string, maxBytes = 1024 * 1024 * 1024): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return null;
    return readFileSync(fd);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `file` atomically (a temporary file, then a rename). On failure the temporary file is
 * removed and a SiteError with a WriteError naming `file` is thrown. `beforeRename` runs between
 * the two (the crash-point tests kill the process there).
 */
export function writeOwnFileAtomic(file: string, data: string | Uint8Array, beforeRename: () => void = () => {}): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    beforeRename();
    renameSync(temp, file);
  } catch (cause) {
    rmSync(temp, { force: true });
    throw new SiteError([writeError(file, cause)]);
  }
}

/** A WriteError naming the path and the system's reason. */
export function writeError(file: string, cause: unknown) {
  const code = (cause as NodeJS.ErrnoException)?.code;
  const reason =
    code === "ENOSPC"
      ? "the disk is full"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EROFS"
          ? "the file system is read-only"
          : code === "EDQUOT"
            ? "the disk quota is used up"
            : ((cause as Error)?.message ?? String(cause));
  const hint =
    code === "ENOSPC" || code === "EDQUOT"
      ? "Free some disk space and build again; the published site was not changed."
      : "Check that the folder is writable; the published site was not changed.";
  return error("WriteError", `Cannot write ${shownPath(file)}: ${reason}`, { file: shownPath(file), hint });
}
