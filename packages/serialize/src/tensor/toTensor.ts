import type { DType, Storage } from "@kindling/tensor";
import { Tensor } from "@kindling/tensor";
import { SerializeError } from "../errors.js";
import { bfloat16ToFloat32, float16ToFloat32 } from "./halfToFloat.js";
import type { SerialDType, TensorData } from "./tensorData.js";

/** True for the dtypes a @kindling/tensor `Tensor` holds (float32, float64, int64, bool). */
export function isKindlingDType(dtype: SerialDType): dtype is DType {
  return dtype === "float32" || dtype === "float64" || dtype === "int64" || dtype === "bool";
}

/**
 * A @kindling/tensor `Tensor` of a tensor record, with the same shape, strides and offset:
 * - float32, float64, int64 and bool: a view of the record's `storage` (no copy), so records
 *   sharing a storage give tensors sharing it; PyTorch's `requires_grad` carries over;
 * - float16 and bfloat16 (raw bits): widened to a float32 storage (exact);
 * - int32, int16, int8 and uint8: widened to an int64 storage (exact).
 *
 * An already built `Tensor` is returned as it is. Widened storages are new arrays, one per call:
 * convert each shared storage once if views must stay shared.
 *
 * @example
 * ```ts
 * const record = { dtype: "int32", shape: [2], strides: [1], storageOffset: 0, storage: new Int32Array([1, -2]) } as const;
 * toTensor(record).dtype; // "int64"
 * ```
 */
export function toTensor(data: TensorData): Tensor {
  if (data instanceof Tensor) return data;
  const { dtype } = data;
  let storage: Storage;
  let kind: DType;
  if (isKindlingDType(dtype)) {
    storage = data.storage as Storage;
    kind = dtype;
  } else if (dtype === "float16" || dtype === "bfloat16") {
    const bits = data.storage as Uint16Array;
    storage = dtype === "float16" ? float16ToFloat32(bits) : bfloat16ToFloat32(bits);
    kind = "float32";
  } else {
    const source = data.storage as Int32Array | Int16Array | Int8Array | Uint8Array;
    const wide = new BigInt64Array(source.length);
    for (let i = 0; i < source.length; i++) wide[i] = BigInt(source[i]!);
    storage = wide;
    kind = "int64";
  }
  const result = new Tensor(storage, [...data.shape], [...data.strides], data.storageOffset, kind);
  if (data.requiresGrad === true) {
    if (kind !== "float32" && kind !== "float64") {
      throw new SerializeError(
        "UNSUPPORTED_VALUE",
        `a ${dtype} tensor cannot require gradients (only floating-point tensors can)`,
      );
    }
    result.requiresGrad = true;
  }
  return result;
}
