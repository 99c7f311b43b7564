import { detectFormat, type Format } from "./detectFormat.js";
import { SerializeError } from "./errors.js";
import type { PyValue } from "./pickle/pyTypes.js";
import { type PtReadOptions, readPt } from "./pt/readPt.js";
import { type PtWriteOptions, writePt } from "./pt/writePt.js";
import { readSafetensors, type SafetensorsReadOptions } from "./safetensors/readSafetensors.js";
import { writeSafetensors } from "./safetensors/writeSafetensors.js";
import { isTensorData } from "./tensor/isTensorData.js";
import type { TensorData } from "./tensor/tensorData.js";

/** Options of {@link serialize}. */
export interface SerializeOptions extends PtWriteOptions {
  /** The format (default `"pt"`). */
  readonly format?: Format;
  /** safetensors only: the header's `__metadata__` string map. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Options of {@link deserialize}. */
export interface DeserializeOptions extends PtReadOptions, SafetensorsReadOptions {
  /** The format the bytes must have (default: detected from the bytes). */
  readonly format?: Format;
}

/**
 * The bytes of a checkpoint of `value`, in PyTorch's zip format (default; what `torch.save`
 * writes, readable by `torch.load`) or safetensors (tensors only: `value` must be a Map or plain
 * object of tensors). Works in browsers and Node alike.
 *
 * @example
 * ```ts
 * const weight = { dtype: "float32", shape: [2], strides: [1], storageOffset: 0, storage: new Float32Array([1, 2]) } as const;
 * const bytes = serialize(new OrderedDict([["weight", weight]]));
 * deserialize(bytes); // OrderedDict { "weight" => { dtype: "float32", shape: [2], ... } }
 * ```
 */
export function serialize(value: unknown, options: SerializeOptions = {}): Uint8Array {
  if (options.format === "safetensors") {
    return writeSafetensors(tensorMap(value, options.asTensor), {
      ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
    });
  }
  return writePt(value, options);
}

/**
 * The value a checkpoint holds, its format detected from the bytes (or required by
 * `options.format`): for a PyTorch file the unpickled value (see `readPt`), for safetensors a
 * `Map` of the tensors (`readSafetensors` gives the metadata too). Tensor data are views on
 * `bytes` where alignment allows (see `copy`).
 *
 * @throws {SerializeError} for anything malformed, truncated or forbidden; never anything else.
 */
export function deserialize(bytes: Uint8Array, options: DeserializeOptions = {}): PyValue {
  const format = detectFormat(bytes);
  if (options.format !== undefined && options.format !== format) {
    throw new SerializeError(
      "UNKNOWN_FORMAT",
      `expected a ${options.format} file, the bytes are ${format}`,
    );
  }
  return format === "pt" ? readPt(bytes, options) : readSafetensors(bytes, options).tensors;
}

function tensorMap(
  value: unknown,
  asTensor: ((value: object) => TensorData | undefined) | undefined,
): Map<string, TensorData> {
  const entries: [unknown, unknown][] =
    value instanceof Map
      ? [...value]
      : typeof value === "object" && value !== null && !Array.isArray(value)
        ? Object.entries(value)
        : [];
  if (
    entries.length === 0 &&
    !(value instanceof Map) &&
    (typeof value !== "object" || value === null)
  ) {
    throw new SerializeError("UNSUPPORTED_VALUE", "safetensors holds a map of named tensors");
  }
  const result = new Map<string, TensorData>();
  for (const [name, item] of entries) {
    const tensor =
      typeof item === "object" && item !== null
        ? (asTensor?.(item) ?? (isTensorData(item) ? item : undefined))
        : undefined;
    if (typeof name !== "string" || tensor === undefined) {
      throw new SerializeError(
        "UNSUPPORTED_VALUE",
        `safetensors holds tensors only, under string names: '${String(name)}' is not a named tensor`,
      );
    }
    result.set(name, tensor);
  }
  return result;
}
