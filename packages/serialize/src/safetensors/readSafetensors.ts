import { check, SerializeError } from "../errors.js";
import { contiguousStrides } from "../tensor/contiguousBytes.js";
import { bfloat16ToFloat32, float16ToFloat32 } from "../tensor/halfToFloat.js";
import { storageFromBytes } from "../tensor/storageBytes.js";
import {
  DTYPE_INFO,
  SERIAL_DTYPES,
  type SerialDType,
  type StorageArray,
  type TensorData,
} from "../tensor/tensorData.js";

/** Options of {@link readSafetensors}. */
export interface SafetensorsReadOptions {
  /** The largest header accepted, in bytes (default 100,000,000, as the reference implementation). */
  readonly maxHeaderBytes?: number;
  /** Copy tensor data out of the input (default false: views on it where alignment allows). */
  readonly copy?: boolean;
  /** Convert float16 and bfloat16 tensors to float32 (default true), with a warning. */
  readonly halfToFloat32?: boolean;
  /** Receives warnings (default `console.warn`). */
  readonly onWarning?: (message: string) => void;
}

/** A safetensors file's contents. */
export interface SafetensorsFile {
  /** The tensors, in the order of their data in the file. */
  readonly tensors: Map<string, TensorData>;
  /** The header's `__metadata__` (empty when absent). */
  readonly metadata: Record<string, string>;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
const BY_NAME = new Map<string, SerialDType>(
  SERIAL_DTYPES.map((d) => [DTYPE_INFO[d].safetensors, d]),
);

/**
 * The tensors and metadata of a safetensors file, validated as strictly as the reference
 * implementation: a header length within the file and the limit, a JSON object header starting
 * with `{`, known dtypes, shapes of non-negative integers, and data offsets that match
 * `dtype size × elements`, lie in the data section, do not overlap, leave no gap and cover it all.
 *
 * @throws {SerializeError} `BAD_SAFETENSORS`, `TRUNCATED`, `TOO_LARGE`, `OUT_OF_RANGE` or
 * `UNSUPPORTED_DTYPE`, naming the tensor at fault.
 */
export function readSafetensors(
  bytes: Uint8Array,
  options: SafetensorsReadOptions = {},
): SafetensorsFile {
  check(
    bytes.length >= 8,
    "TRUNCATED",
    () => `${bytes.length} bytes are too few for a safetensors file`,
  );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const high = view.getUint32(4, true);
  const headerLength = high * 0x100000000 + view.getUint32(0, true);
  const maxHeader = options.maxHeaderBytes ?? 100_000_000;
  check(
    headerLength <= maxHeader,
    "TOO_LARGE",
    () => `safetensors header of ${headerLength} bytes exceeds ${maxHeader}`,
  );
  check(
    8 + headerLength <= bytes.length,
    "TRUNCATED",
    () => `safetensors header of ${headerLength} bytes runs past the end of the file`,
  );
  const headerBytes = bytes.subarray(8, 8 + headerLength);
  check(
    headerBytes[0] === 0x7b,
    "BAD_SAFETENSORS",
    () => "safetensors header does not start with '{'",
  );
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(headerBytes));
  } catch {
    throw new SerializeError("BAD_SAFETENSORS", "safetensors header is not valid UTF-8 JSON");
  }
  check(isRecord(header), "BAD_SAFETENSORS", () => "safetensors header is not a JSON object");
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const infos: { name: string; dtype: SerialDType; shape: number[]; begin: number; end: number }[] =
    [];
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") {
      check(isRecord(info), "BAD_SAFETENSORS", () => "safetensors __metadata__ is not an object");
      for (const [key, value] of Object.entries(info)) {
        check(
          typeof value === "string",
          "BAD_SAFETENSORS",
          () => `safetensors metadata '${key}' is not a string`,
        );
        Object.defineProperty(metadata, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      continue;
    }
    infos.push(parseInfo(name, info, dataLength));
  }
  infos.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const info of infos) {
    check(info.begin === cursor, "BAD_SAFETENSORS", () =>
      info.begin < cursor
        ? `safetensors tensor '${info.name}' overlaps the tensor before it (begins at ${info.begin}, previous ends at ${cursor})`
        : `safetensors data has a gap before tensor '${info.name}' (${cursor} to ${info.begin})`,
    );
    cursor = info.end;
  }
  check(
    cursor === dataLength,
    "BAD_SAFETENSORS",
    () => `safetensors tensors cover ${cursor} of ${dataLength} data bytes`,
  );
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const tensors = new Map<string, TensorData>();
  for (const { name, dtype, shape, begin, end } of infos) {
    let storage: StorageArray = storageFromBytes(
      dtype,
      bytes.subarray(dataStart + begin, dataStart + end),
      options.copy === true,
    );
    let loadedType = dtype;
    if ((dtype === "float16" || dtype === "bfloat16") && options.halfToFloat32 !== false) {
      warn(`tensor '${name}' of ${dtype} was converted to float32`);
      storage =
        dtype === "float16"
          ? float16ToFloat32(storage as Uint16Array)
          : bfloat16ToFloat32(storage as Uint16Array);
      loadedType = "float32";
    }
    tensors.set(name, {
      dtype: loadedType,
      shape,
      strides: contiguousStrides(shape),
      storageOffset: 0,
      storage,
    });
  }
  return { tensors, metadata };
}

function parseInfo(name: string, info: unknown, dataLength: number) {
  check(isRecord(info), "BAD_SAFETENSORS", () => `safetensors entry '${name}' is not an object`);
  const { dtype: dtypeName, shape, data_offsets: offsets } = info;
  const dtype = typeof dtypeName === "string" ? BY_NAME.get(dtypeName) : undefined;
  if (dtype === undefined) {
    throw new SerializeError(
      "UNSUPPORTED_DTYPE",
      `safetensors tensor '${name}' has unsupported dtype ${JSON.stringify(dtypeName)}`,
    );
  }
  check(
    Array.isArray(shape) && shape.every((n) => Number.isSafeInteger(n) && n >= 0),
    "BAD_SAFETENSORS",
    () => `safetensors tensor '${name}' has a bad shape`,
  );
  check(
    Array.isArray(offsets) &&
      offsets.length === 2 &&
      offsets.every((n) => Number.isSafeInteger(n) && n >= 0),
    "BAD_SAFETENSORS",
    () => `safetensors tensor '${name}' has bad data_offsets`,
  );
  const [begin, end] = offsets as [number, number];
  check(
    begin <= end && end <= dataLength,
    "OUT_OF_RANGE",
    () =>
      `safetensors tensor '${name}' has data_offsets [${begin}, ${end}] outside the ${dataLength}-byte data`,
  );
  let numel = 1;
  for (const size of shape as number[]) numel *= size;
  check(
    Number.isSafeInteger(numel) && numel * DTYPE_INFO[dtype].itemSize === end - begin,
    "BAD_SAFETENSORS",
    () =>
      `safetensors tensor '${name}' of shape [${(shape as number[]).join(", ")}] ${dtype} needs ${numel * DTYPE_INFO[dtype].itemSize} bytes, its offsets span ${end - begin}`,
  );
  return { name, dtype, shape: shape as number[], begin, end };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
