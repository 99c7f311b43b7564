import type { DType } from "@kindling/tensor";

/**
 * The element types this package reads and writes: @kindling/tensor's `DType`s plus the
 * others PyTorch checkpoints hold. `float16` and `bfloat16` elements are kept as their raw 16 bits
 * (in a `Uint16Array`), as JavaScript has no such number type.
 */
export type SerialDType = DType | "float16" | "bfloat16" | "int32" | "int16" | "int8" | "uint8";

/** The typed array behind a storage of each {@link SerialDType}. */
export interface StorageArrayOf {
  /** `torch.float64`. */
  float64: Float64Array;
  /** `torch.float32`. */
  float32: Float32Array;
  /** `torch.float16`, raw IEEE half bits. */
  float16: Uint16Array;
  /** `torch.bfloat16`, raw bits (the upper half of a float32). */
  bfloat16: Uint16Array;
  /** `torch.int64`. */
  int64: BigInt64Array;
  /** `torch.int32`. */
  int32: Int32Array;
  /** `torch.int16`. */
  int16: Int16Array;
  /** `torch.int8`. */
  int8: Int8Array;
  /** `torch.uint8`. */
  uint8: Uint8Array;
  /** `torch.bool`, one byte per element, 0 or 1. */
  bool: Uint8Array;
}

/** Any typed array that can back a storage. */
export type StorageArray = StorageArrayOf[SerialDType];

/**
 * The structural view of a tensor this package serialises and returns: a strided view of a
 * storage, as PyTorch has it. A @kindling/tensor `Tensor` has exactly these fields, so it is a
 * `TensorData` as it is; anything else (another library's tensor) adapts with a small object.
 *
 * - `storage` holds every element of the storage (not only those the view reaches), in the typed
 *   array of `dtype` (see {@link StorageArrayOf}). Its identity is the storage's identity: tensors
 *   whose `storage` is the same typed array object (or a typed array over the same bytes) are
 *   views of one storage, written once and shared again on load, as `torch.save` does.
 * - `storageOffset` and `strides` count elements, not bytes. Strides are non-negative.
 * - `requiresGrad` is written as PyTorch's `requires_grad` flag (false when absent).
 *
 * @example
 * ```ts
 * const storage = new Float32Array([1, 2, 3, 4, 5, 6]);
 * const matrix: TensorData = { dtype: "float32", shape: [2, 3], strides: [3, 1], storageOffset: 0, storage };
 * const column: TensorData = { dtype: "float32", shape: [2], strides: [3], storageOffset: 1, storage };
 * serialize({ matrix, column }); // one storage record, two views of it
 * ```
 */
export interface TensorData {
  /** The element type. */
  readonly dtype: SerialDType;
  /** Size of each dimension; `[]` for a scalar (0-d) tensor. */
  readonly shape: readonly number[];
  /** Elements to skip per step along each dimension. */
  readonly strides: readonly number[];
  /** Index in `storage` of the element at index 0 of every dimension. */
  readonly storageOffset: number;
  /** Every element of the underlying storage. */
  readonly storage: StorageArray;
  /** PyTorch's `requires_grad`, false when absent. */
  readonly requiresGrad?: boolean;
}

/** What this package knows about each dtype: sizes and its names in PyTorch and safetensors. */
export interface DTypeInfo {
  /** Bytes per element. */
  readonly itemSize: number;
  /** PyTorch's legacy storage class (`torch.FloatStorage`, ...), as pickles name it. */
  readonly torchStorage: string;
  /** The safetensors dtype name (`F32`, ...). */
  readonly safetensors: string;
  /** A storage array of `length` elements over `buffer` from `byteOffset` (aligned). */
  readonly view: (buffer: ArrayBufferLike, byteOffset: number, length: number) => StorageArray;
}

/** {@link DTypeInfo} of every {@link SerialDType}. */
export const DTYPE_INFO: Readonly<Record<SerialDType, DTypeInfo>> = {
  float64: {
    itemSize: 8,
    torchStorage: "DoubleStorage",
    safetensors: "F64",
    view: (b, o, n) => new Float64Array(b, o, n),
  },
  float32: {
    itemSize: 4,
    torchStorage: "FloatStorage",
    safetensors: "F32",
    view: (b, o, n) => new Float32Array(b, o, n),
  },
  float16: {
    itemSize: 2,
    torchStorage: "HalfStorage",
    safetensors: "F16",
    view: (b, o, n) => new Uint16Array(b, o, n),
  },
  bfloat16: {
    itemSize: 2,
    torchStorage: "BFloat16Storage",
    safetensors: "BF16",
    view: (b, o, n) => new Uint16Array(b, o, n),
  },
  int64: {
    itemSize: 8,
    torchStorage: "LongStorage",
    safetensors: "I64",
    view: (b, o, n) => new BigInt64Array(b, o, n),
  },
  int32: {
    itemSize: 4,
    torchStorage: "IntStorage",
    safetensors: "I32",
    view: (b, o, n) => new Int32Array(b, o, n),
  },
  int16: {
    itemSize: 2,
    torchStorage: "ShortStorage",
    safetensors: "I16",
    view: (b, o, n) => new Int16Array(b, o, n),
  },
  int8: {
    itemSize: 1,
    torchStorage: "CharStorage",
    safetensors: "I8",
    view: (b, o, n) => new Int8Array(b, o, n),
  },
  uint8: {
    itemSize: 1,
    torchStorage: "ByteStorage",
    safetensors: "U8",
    view: (b, o, n) => new Uint8Array(b, o, n),
  },
  bool: {
    itemSize: 1,
    torchStorage: "BoolStorage",
    safetensors: "BOOL",
    view: (b, o, n) => new Uint8Array(b, o, n),
  },
};

/** Every {@link SerialDType}. */
export const SERIAL_DTYPES: readonly SerialDType[] = Object.keys(DTYPE_INFO) as SerialDType[];

/** True when `value` names a {@link SerialDType}. */
export function isSerialDType(value: unknown): value is SerialDType {
  return typeof value === "string" && Object.hasOwn(DTYPE_INFO, value);
}
