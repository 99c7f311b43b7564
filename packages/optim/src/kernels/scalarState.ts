import { type Tensor, tensor } from "@kindling/tensor";
import { roundFor } from "./flat.js";

/** A new scalar state tensor (PyTorch's `torch.tensor(value)`: float32, the default dtype). */
export function scalarState(value: number): Tensor {
  return tensor(value, { dtype: "float32" });
}

/** The value of a one-element state tensor (PyTorch's `.item()`). */
export function readScalar(t: Tensor): number {
  return (t.storage as Float32Array | Float64Array)[t.storageOffset]!;
}

/**
 * Adds one to a scalar `step` tensor in place (PyTorch's `step_t += 1`, rounded to the tensor's
 * dtype) and returns the new count.
 */
export function incrementStep(step: Tensor): number {
  const storage = step.storage as Float32Array | Float64Array;
  const i = step.storageOffset;
  const value = roundFor(step.dtype)(storage[i]! + 1);
  storage[i] = value;
  return value;
}

/**
 * Multiplies a scalar state tensor by a Python-float factor in place (PyTorch's `t *= x`: the
 * factor is rounded to the tensor's dtype, then the product) and returns the new value.
 */
export function scaleScalar(t: Tensor, factor: number): number {
  const storage = t.storage as Float32Array | Float64Array;
  const r = roundFor(t.dtype);
  const value = r(storage[t.storageOffset]! * r(factor));
  storage[t.storageOffset] = value;
  return value;
}
