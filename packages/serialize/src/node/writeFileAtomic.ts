import type { AtomicWriteData } from "./atomicWrite.js";

/**
 * Writes `data` (text as UTF-8, bytes, or a list of byte parts written one after the other) to
 * `path` atomically, as `save` does: a new temporary file in the same folder, flushed to disk
 * (fsync), renamed over `path`, and the folder flushed. A process killed at any moment leaves the
 * old file or the new one, never a torn or partial file; on error the temporary file is removed
 * and the old file is untouched. Bytes are written from `data` itself (no copy), once the
 * temporary file is open: do not change them until the promise resolves. Node only: `node:fs` is
 * imported on the first call.
 *
 * @example
 * ```ts
 * await writeFileAtomic("metrics.json", JSON.stringify(metrics));
 * await writeFileAtomic("model.bin", [header, body]); // written as header + body
 * ```
 */
export async function writeFileAtomic(path: string, data: AtomicWriteData): Promise<void> {
  const { atomicWriteFile } = await import("./atomicWrite.js");
  await atomicWriteFile(path, data);
}
