import { SerializeError } from "../errors.js";
import { contiguousBytes } from "../tensor/contiguousBytes.js";
import { DTYPE_INFO, type TensorData } from "../tensor/tensorData.js";
import { concatParts } from "../zip/zipWriter.js";

/** Options of {@link writeSafetensors}. */
export interface SafetensorsWriteOptions {
  /** The `__metadata__` string map of the header. */
  readonly metadata?: Readonly<Record<string, string>>;
}

const encoder = new TextEncoder();

/**
 * A safetensors file of named tensors: an 8-byte little-endian header length, a JSON header
 * (`{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__":
 * {...}}`) padded with spaces to a multiple of 8 bytes, then each tensor's elements in row-major
 * order. Tensors are laid out by element size (largest first) then name, so each one starts at a
 * multiple of its element size and loads without copying. Views are written as the elements they
 * view; safetensors has no shared storages.
 *
 * @throws {SerializeError} `UNSUPPORTED_VALUE` for a metadata value that is not a string or a
 * tensor name `__metadata__`.
 */
export function writeSafetensors(
  tensors: ReadonlyMap<string, TensorData>,
  options: SafetensorsWriteOptions = {},
): Uint8Array {
  return concatParts(safetensorsParts(tensors, options));
}

/**
 * The file {@link writeSafetensors} writes, as consecutive parts (the header, then each tensor's
 * bytes: a view of its storage when contiguous), for writing with `writev` without assembling it.
 */
export function safetensorsParts(
  tensors: ReadonlyMap<string, TensorData>,
  options: SafetensorsWriteOptions = {},
): Uint8Array[] {
  const items = [...tensors].map(([name, tensor]) => ({
    name,
    tensor,
    bytes: contiguousBytes(tensor),
  }));
  items.sort(
    (a, b) =>
      DTYPE_INFO[b.tensor.dtype].itemSize - DTYPE_INFO[a.tensor.dtype].itemSize ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const header: Record<string, unknown> = {};
  if (options.metadata !== undefined) {
    for (const [key, value] of Object.entries(options.metadata)) {
      if (typeof value !== "string") {
        throw new SerializeError(
          "UNSUPPORTED_VALUE",
          `safetensors metadata '${key}' is not a string`,
        );
      }
    }
    header["__metadata__"] = options.metadata;
  }
  let offset = 0;
  for (const { name, tensor, bytes } of items) {
    if (name === "__metadata__") {
      throw new SerializeError(
        "UNSUPPORTED_VALUE",
        "a tensor cannot be named __metadata__ in safetensors",
      );
    }
    Object.defineProperty(header, name, {
      value: {
        dtype: DTYPE_INFO[tensor.dtype].safetensors,
        shape: tensor.shape,
        data_offsets: [offset, offset + bytes.length],
      },
      enumerable: true,
    });
    offset += bytes.length;
  }
  let json = encoder.encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const grown = new Uint8Array(padded).fill(0x20);
    grown.set(json);
    json = grown;
  }
  const head = new Uint8Array(8 + json.length);
  new DataView(head.buffer).setUint32(0, json.length, true);
  head.set(json, 8);
  return [head, ...items.map((item) => item.bytes)];
}
