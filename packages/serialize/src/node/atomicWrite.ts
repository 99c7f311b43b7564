/// <reference types="node" />
import { randomBytes } from "node:crypto";
import { unlinkSync, writeSync, writevSync } from "node:fs";
import { link, open, rename, rm, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { DeferredParts } from "../deferredParts.js";

/** What `writeFileAtomic` writes: text (as UTF-8), bytes, or consecutive parts of bytes. */
export type AtomicWriteData = string | Uint8Array | readonly Uint8Array[];

/**
 * The data, or a function giving them (called right before the synchronous write), or giving
 * {@link DeferredParts} whose checksums are completed right after it.
 */
export type AtomicWriteSource = AtomicWriteData | (() => AtomicWriteData | DeferredParts);

/** Options of {@link atomicWriteFile}. */
export interface AtomicWriteOptions {
  /**
   * Flush the file and its folder to disk (fsync) before and after the rename (default true).
   * `false` keeps the write atomic for a process that dies at any moment (the rename is), but not
   * for a power loss or an OS crash, after which the file may be empty or old: for scratch
   * output that must be fast, never for checkpoints that must survive.
   */
  readonly sync?: boolean;
  /**
   * From this many bytes written (default {@link MOVE_ASIDE_FROM}), the file being replaced is
   * first hard-linked aside, so that the rename does not free it, and the aside link is removed
   * after the promise resolves (see {@link replacedFilesRemoved}). For tests.
   */
  readonly moveAsideFrom?: number;
}

/**
 * Writes of at least this many bytes (8 MiB) keep the freeing of the file they replace off the
 * caller's path. The last link to a big old file costs its page cache and its blocks (on this
 * host's ext4, 21 ms per 100 MB, and 60 ms when it was never flushed), and the rename that
 * replaced it paid that before returning; a link and a background unlink cost well under a
 * millisecond on the caller's path.
 */
export const MOVE_ASIDE_FROM = 8 << 20;

/** At most this many buffers per `writev` call (below every platform's `IOV_MAX`). */
const MAX_BUFFERS = 1024;

/**
 * Writes `data` to `path` atomically: into a new temporary file in the same folder, flushed to
 * disk (fsync), then renamed over `path`, and the folder flushed. A process killed at any moment
 * leaves either the old file or the new one, never a torn one; on error the temporary file is
 * removed. When `source` is a function, it is called after the temporary file is opened and
 * its result written synchronously (`writev`, no copy of the parts) in the same turn of the event
 * loop, so bytes computed from live data (checksums and the data they cover) cannot diverge. For
 * {@link DeferredParts}, the flush of the parts starts on a pool thread, the checksums are
 * computed meanwhile (still in that turn, from the bytes just written), the parts they change are
 * written again at their places, and a second flush covers them: the checksum pass costs no extra
 * time beside the first flush. Flushing and renaming are asynchronous. `options.sync: false`
 * skips the flushes. A big file being replaced (from {@link MOVE_ASIDE_FROM} bytes written) is
 * linked aside before the rename and removed after the promise resolves, so freeing it costs
 * the caller nothing. Without the flushes, from 16 MiB of checksummed bytes (crcWorker.ts), a
 * worker thread hashes the last 44% of them, read back from the temporary file, while this
 * thread hashes the rest from memory (with the flushes, their kernel work has the second core).
 * Node only; self-contained for byte sources (the kill tests run it in child processes): the
 * worker's module is imported only for function sources.
 */
export async function atomicWriteFile(
  path: string,
  source: AtomicWriteSource,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const sync = options.sync !== false;
  const folder = dirname(path);
  const temp = join(
    folder,
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  // Loaded before the write: the checksums hashed here belong to the write's synchronous step.
  const sharing = typeof source === "function" ? await import("./crcWorker.js") : undefined;
  const handle = await open(temp, "wx");
  let written = 0;
  let aside: string | undefined;
  try {
    try {
      const data = typeof source === "function" ? source() : source;
      const deferred = isDeferred(data) ? data : undefined;
      const parts =
        deferred !== undefined
          ? deferred.parts
          : typeof data === "string"
            ? [new TextEncoder().encode(data)]
            : data instanceof Uint8Array
              ? [data]
              : (data as readonly Uint8Array[]);
      writeAllSync(handle.fd, parts);
      written = parts.reduce((sum, part) => sum + part.length, 0);
      let flushed = sync ? handle.sync() : undefined;
      try {
        const checksummed = deferred?.checksummed ?? [];
        let hashed = 0;
        for (const index of checksummed) hashed += parts[index]!.length;
        // With fsync the second core does the flush's kernel work: sharing the pass then slows it.
        const known =
          !sync && sharing?.canShareCrcs() === true && hashed >= sharing.OFFLOAD_FROM
            ? await sharing.shareCrcs(temp, parts, checksummed)
            : undefined;
        const changed = deferred?.complete(known) ?? [];
        if (changed.length > 0) {
          rewriteSync(handle.fd, parts, changed);
          if (flushed !== undefined) flushed = flushed.then(() => handle.sync());
        }
      } finally {
        await flushed;
      }
    } finally {
      await handle.close();
    }
    if (written >= (options.moveAsideFrom ?? MOVE_ASIDE_FROM)) {
      aside = await linkAside(path, `${temp.slice(0, -".tmp".length)}.old`);
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    if (aside !== undefined) await rm(aside, { force: true });
    throw error;
  }
  if (sync) await syncFolder(folder);
  if (aside !== undefined) removeInBackground(aside);
}

/**
 * Hard-links the file at `path` (if any) as `aside`, so that renaming over `path` does not drop
 * its last link. Returns `aside`, or undefined when there is no old file or the file system has
 * no hard links (the rename then frees the old file itself, as it always may).
 */
async function linkAside(path: string, aside: string): Promise<string | undefined> {
  try {
    await link(path, aside);
    return aside;
  } catch {
    return undefined;
  }
}

/** Aside links whose removal has started and not finished, and the removals themselves. */
const removing = new Map<string, Promise<void>>();
let exitHandlerInstalled = false;

/**
 * Starts removing `file` on a pool thread without waiting for it. Removals still pending when
 * the process exits (even through `process.exit()`) are finished synchronously in an `exit`
 * handler; only a process killed outright can leave an aside link behind, named like the
 * temporary files (`.<name>.<pid>.<random>.old`).
 */
function removeInBackground(file: string): void {
  if (!exitHandlerInstalled) {
    process.once("exit", removeRemainingNow);
    exitHandlerInstalled = true;
  }
  const done = unlink(file)
    .catch(() => {})
    .finally(() => removing.delete(file));
  removing.set(file, done);
}

function removeRemainingNow(): void {
  for (const file of removing.keys()) {
    try {
      unlinkSync(file);
    } catch {
      // already removed by its pool thread, or the folder is gone
    }
  }
}

/** The aside links being removed in the background now (for tests). */
export function pendingRemovals(): string[] {
  return [...removing.keys()];
}

/**
 * Resolves once every file replaced by an earlier atomic write has been removed from disk (big
 * replaced files are removed after the write resolves, off the caller's path).
 */
export async function replacedFilesRemoved(): Promise<void> {
  await Promise.all(removing.values());
}

function isDeferred(data: AtomicWriteData | DeferredParts): data is DeferredParts {
  return typeof data === "object" && !Array.isArray(data) && "complete" in data;
}

/** Writes `parts[i]` again at its place in the file, for each index `i` of `changed` (ascending). */
function rewriteSync(fd: number, parts: readonly Uint8Array[], changed: readonly number[]): void {
  let position = 0;
  let next = 0;
  for (let i = 0; i < parts.length && next < changed.length; i++) {
    const part = parts[i]!;
    if (changed[next] === i) {
      let done = 0;
      while (done < part.length) {
        done += writeSync(fd, part, done, part.length - done, position + done);
      }
      next++;
    }
    position += part.length;
  }
}

/** Writes every byte of `parts`, in order, resuming after short writes. */
function writeAllSync(fd: number, parts: readonly Uint8Array[]): void {
  let pending = parts.filter((part) => part.length > 0);
  while (pending.length > 0) {
    const batch = pending.slice(0, MAX_BUFFERS);
    let written = writevSync(fd, batch);
    let done = 0;
    while (done < batch.length && written >= batch[done]!.length) {
      written -= batch[done]!.length;
      done++;
    }
    pending = pending.slice(done);
    if (written > 0) pending[0] = pending[0]!.subarray(written);
  }
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or flush a folder; the rename itself is still atomic.
  }
}
