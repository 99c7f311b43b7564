/// <reference types="node" />
import { randomBytes } from "node:crypto";
import { writevSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** What `writeFileAtomic` writes: text (as UTF-8), bytes, or consecutive parts of bytes. */
export type AtomicWriteData = string | Uint8Array | readonly Uint8Array[];

/** The data, or a function giving them, called right before the synchronous write. */
export type AtomicWriteSource = AtomicWriteData | (() => AtomicWriteData);

/** Options of {@link atomicWriteFile}. */
export interface AtomicWriteOptions {
  /**
   * Flush the file and its folder to disk (fsync) before and after the rename (default true).
   * `false` keeps the write atomic for a process that dies at any moment (the rename is), but not
   * for a power loss or an OS crash, after which the file may be empty or old: for scratch
   * output that must be fast, never for checkpoints that must survive.
   */
  readonly sync?: boolean;
}

/** At most this many buffers per `writev` call (below every platform's `IOV_MAX`). */
const MAX_BUFFERS = 1024;

/**
 * Writes `data` to `path` atomically: into a new temporary file in the same folder, flushed to
 * disk (fsync), then renamed over `path`, and the folder flushed. A process killed at any moment
 * leaves either the old file or the new one, never a torn one; on error the temporary file is
 * removed. When `source` is a function, it is called after the temporary file is opened and
 * its result written synchronously (`writev`, no copy of the parts) in the same turn of the event
 * loop, so bytes computed from live data (checksums and the data they cover) cannot diverge;
 * flushing and renaming are asynchronous. `options.sync: false` skips the flushes. Node only; self-contained (the kill tests run it in
 * child processes).
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
  const handle = await open(temp, "wx");
  try {
    try {
      const data = typeof source === "function" ? source() : source;
      const parts =
        typeof data === "string"
          ? [new TextEncoder().encode(data)]
          : data instanceof Uint8Array
            ? [data]
            : data;
      writeAllSync(handle.fd, parts);
      if (sync) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (sync) await syncFolder(folder);
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
