/**
 * `save` and `load` for Node. Kept apart from the browser-safe byte API: `node:fs` is imported
 * lazily, on the first call, so bundles for browsers that never call them need no Node modules.
 */
import { type Format, formatOfPath } from "../detectFormat.js";
import type { PyValue } from "../pickle/pyTypes.js";
import {
  type DeserializeOptions,
  deserialize,
  type SerializeOptions,
  serializeDeferred,
} from "../serialize.js";

/** Options of {@link save}: those of `serialize`, the format defaulting to the file extension. */
export interface SaveOptions extends SerializeOptions {
  /** The format (default: `safetensors` for a `.safetensors` path, else `pt`). */
  readonly format?: Format;
  /**
   * Flush the file and its folder to disk (fsync) around the rename (default true), so the
   * checkpoint survives a power loss or an OS crash once the promise resolves. `false` skips the
   * flushes, as `torch.save` does: the save stays atomic for a process killed at any moment, but
   * after a crash of the machine the file may be old or empty. Only for scratch files.
   */
  readonly sync?: boolean;
}

/**
 * Writes a checkpoint of `value` to `path` (Node only), atomically: a temporary file in the same
 * folder is written, flushed and renamed over `path`, so a crash leaves the old file or the new
 * one, never a torn file. Tensor data go from their storages straight to the file (no copy into
 * an intermediate buffer), in one synchronous step with their checksums, so the file is always
 * consistent; it holds the values the tensors have at that step, a few ticks after the call:
 * await the promise before changing them.
 *
 * @example
 * ```ts
 * await save(model.stateDict(), "tanh1.pt"); // torch.load("tanh1.pt") reads it
 * await save(weights, "model.safetensors");  // safetensors, from the extension
 * ```
 */
export async function save(value: unknown, path: string, options: SaveOptions = {}): Promise<void> {
  const format = options.format ?? formatOfPath(path);
  const { atomicWriteFile } = await import("./atomicWrite.js");
  await atomicWriteFile(path, () => serializeDeferred(value, { ...options, format }), {
    sync: options.sync !== false,
  });
}

/**
 * Reads the checkpoint at `path` (Node only; format detected from the bytes), as `deserialize`
 * does: tensors come back as @kindling/tensor `Tensor`s whose data are views on the file's bytes
 * where alignment allows (no copy). The file is read into one buffer; every CRC-32 is verified
 * (unless `verifyCrc: false`), hashed chunk by chunk while the rest of the file is being read. `T` is the type the caller expects (default `PyValue`), not
 * checked.
 *
 * @example
 * ```ts
 * model.loadStateDict(await load("tanh1.pt")); // torch.save(model.state_dict(), "tanh1.pt")
 * ```
 */
export async function load<T = PyValue>(
  path: string,
  options: DeserializeOptions = {},
): Promise<T> {
  const { readWhole } = await import("./readWhole.js");
  const zipChecksums = options.verifyCrc !== false && options.format !== "safetensors";
  const { bytes, checksums } = await readWhole(path, { zipChecksums });
  return deserialize<T>(bytes, checksums === undefined ? options : { ...options, checksums });
}

/**
 * Resolves once the files that earlier `save`s and `writeFileAtomic`s replaced are gone from
 * disk (Node only). A big file being replaced (8 MiB and more written over it) is linked aside
 * before the rename and removed right after the save resolves, on a pool thread, so that freeing
 * its pages and blocks (tens of milliseconds per 100 MB) costs the caller nothing. Await this
 * before measuring the folder's size, or in a benchmark before timing something else; a process
 * that exits, even through `process.exit()`, finishes the removals first.
 *
 * @example
 * ```ts
 * await save(model.stateDict(), "ckpt.pt"); // replaces last epoch's ckpt.pt
 * await replacedFilesRemoved(); // last epoch's file is gone from disk too
 * ```
 */
export async function replacedFilesRemoved(): Promise<void> {
  const atomic = await import("./atomicWrite.js");
  await atomic.replacedFilesRemoved();
}
