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
  serialize,
} from "../serialize.js";

/** Options of {@link save}: those of `serialize`, the format defaulting to the file extension. */
export interface SaveOptions extends SerializeOptions {
  /** The format (default: `safetensors` for a `.safetensors` path, else `pt`). */
  readonly format?: Format;
}

/**
 * Writes a checkpoint of `value` to `path` (Node only), atomically: a temporary file in the same
 * folder is written, flushed and renamed over `path`, so a crash leaves the old file or the new
 * one, never a torn file.
 *
 * @example
 * ```ts
 * await save(model.stateDict(), "tanh1.pt"); // torch.load("tanh1.pt") reads it
 * await save(weights, "model.safetensors");  // safetensors, from the extension
 * ```
 */
export async function save(value: unknown, path: string, options: SaveOptions = {}): Promise<void> {
  const bytes = serialize(value, { ...options, format: options.format ?? formatOfPath(path) });
  const { writeFileAtomic } = await import("./atomicWrite.js");
  await writeFileAtomic(path, bytes);
}

/**
 * Reads the checkpoint at `path` (Node only; format detected from the bytes), as `deserialize`
 * does. Tensor data are views on the file's bytes where alignment allows.
 */
export async function load(path: string, options: DeserializeOptions = {}): Promise<PyValue> {
  const { readFile } = await import("node:fs/promises");
  const bytes = await readFile(path);
  return deserialize(bytes, options);
}
