import { isSerialDType, type TensorData } from "./tensorData.js";

/**
 * True when `value` has the shape of a {@link TensorData}: a known `dtype`, `shape` and `strides`
 * arrays, a numeric `storageOffset` and a typed-array `storage`. A @kindling/tensor `Tensor`
 * passes as it is.
 */
export function isTensorData(value: unknown): value is TensorData {
  if (typeof value !== "object" || value === null) return false;
  const t = value as Partial<Record<keyof TensorData, unknown>>;
  return (
    isSerialDType(t.dtype) &&
    Array.isArray(t.shape) &&
    Array.isArray(t.strides) &&
    typeof t.storageOffset === "number" &&
    ArrayBuffer.isView(t.storage)
  );
}
