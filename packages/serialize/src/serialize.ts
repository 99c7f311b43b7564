import { completedParts, type DeferredParts, withoutChecksums } from "./deferredParts.js";
import { detectFormat, type Format } from "./detectFormat.js";
import { SerializeError } from "./errors.js";
import { plainDicts } from "./pickle/plainDicts.js";
import type { PyValue } from "./pickle/pyTypes.js";
import { type PtReadOptions, readPt } from "./pt/readPt.js";
import { type PtWriteOptions, ptPartsDeferred } from "./pt/writePt.js";
import { readSafetensors, type SafetensorsReadOptions } from "./safetensors/readSafetensors.js";
import { safetensorsParts } from "./safetensors/writeSafetensors.js";
import { isTensorData } from "./tensor/isTensorData.js";
import { mapTensors } from "./tensor/mapTensors.js";
import type { TensorData } from "./tensor/tensorData.js";
import { isKindlingDType, toTensor } from "./tensor/toTensor.js";
import { concatParts } from "./zip/zipWriter.js";

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
  /**
   * What tensors come back as:
   * - `"tensor"` (default): @kindling/tensor `Tensor`s for the dtypes Kindling computes with
   *   (float32, float64, int64, bool, and float16/bfloat16 widened to float32 unless
   *   `halfToFloat32` is false), views of one storage sharing it as in the file; tensors of the
   *   other dtypes (int32, int16, int8, uint8, raw 16-bit floats) stay {@link TensorData} records,
   *   so they keep their dtype when saved again (`toTensor` widens them to int64 / float32);
   * - `"raw"`: every tensor as a {@link TensorData} record (for inspecting tools).
   */
  readonly tensors?: "tensor" | "raw";
  /**
   * What dicts come back as:
   * - `"map"` (default): `Map`s (`OrderedDict`s for Python's), any key type, int keys as numbers;
   * - `"object"`: plain objects wherever the keys are strings or ints (int keys as their decimal
   *   strings), so an optimizer or scheduler state dict goes straight into @kindling/optim's and
   *   @kindling/lr-scheduler's `loadStateDict`; dicts with other keys stay `Map`s.
   */
  readonly dicts?: "map" | "object";
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
 * deserialize(bytes); // OrderedDict { "weight" => Tensor [1, 2] }
 * ```
 */
export function serialize(value: unknown, options: SerializeOptions = {}): Uint8Array {
  return concatParts(serializeParts(value, options));
}

/**
 * The bytes {@link serialize} gives, as consecutive parts in which tensor data are views of the
 * tensors' storages (no copy), for writing to a file part by part.
 */
export function serializeParts(value: unknown, options: SerializeOptions = {}): Uint8Array[] {
  return completedParts(serializeDeferred(value, options));
}

/**
 * {@link serializeParts} with the checksums (a .pt file's CRC-32s) computed by `complete()`, for a
 * file writer that flushes the data while they are computed (see {@link DeferredParts}).
 */
export function serializeDeferred(value: unknown, options: SerializeOptions = {}): DeferredParts {
  if (options.format === "safetensors") {
    return withoutChecksums(
      safetensorsParts(tensorMap(value, options.asTensor), {
        ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
      }),
    );
  }
  return ptPartsDeferred(value, options);
}

/**
 * The value a checkpoint holds, its format detected from the bytes (or required by
 * `options.format`): for a PyTorch file the unpickled value (see `readPt`), for safetensors a
 * `Map` of the tensors (`readSafetensors` gives the metadata too). Tensors are @kindling/tensor
 * `Tensor`s (see {@link DeserializeOptions.tensors}), so a module state dict goes straight into
 * `Module.loadStateDict`.
 *
 * **Zero copy**: tensor data are typed-array views on `bytes` wherever the data are aligned to
 * the element size (always for the files `torch.save` and `serialize` write, whose records start
 * at multiples of 64 bytes); misaligned data (some safetensors files) are copied. Views make
 * loading cost no copy of the data, but keep all of `bytes` alive while any tensor lives, and
 * writing to a loaded tensor writes to `bytes`. Pass `copy: true` to give every storage its own
 * memory.
 *
 * `T` is the type the caller expects (default {@link PyValue}); it is not checked, as with
 * `JSON.parse`.
 *
 * @example
 * ```ts
 * model.loadStateDict(deserialize(bytes)); // a Map<string, Tensor> from torch.save(model.state_dict())
 * optimizer.loadStateDict(deserialize(optimizerBytes, { dicts: "object" })); // torch.save(opt.state_dict())
 * ```
 *
 * @throws {SerializeError} for anything malformed, truncated or forbidden; never anything else.
 */
export function deserialize<T = PyValue>(bytes: Uint8Array, options: DeserializeOptions = {}): T {
  const format = detectFormat(bytes);
  if (options.format !== undefined && options.format !== format) {
    throw new SerializeError(
      "UNKNOWN_FORMAT",
      `expected a ${options.format} file, the bytes are ${format}`,
    );
  }
  const value = format === "pt" ? readPt(bytes, options) : readSafetensors(bytes, options).tensors;
  const withTensors =
    options.tensors === "raw"
      ? value
      : mapTensors(value, (record) => (isKindlingDType(record.dtype) ? toTensor(record) : record));
  return (options.dicts === "object" ? plainDicts(withTensors as PyValue) : withTensors) as T;
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
