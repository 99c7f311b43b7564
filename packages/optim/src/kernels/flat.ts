import { incrementVersion, type Tensor } from "@kindling/tensor";
import { OptimizerError } from "../base/optimizerError.js";

/** A floating-point tensor's elements as one typed array, in row-major order. */
export type FloatArray = Float32Array | Float64Array;

/**
 * The elements of a contiguous floating-point tensor as a typed-array view sharing its storage
 * (writes go to the tensor). Update rules work on these directly: one pass per element, no
 * temporaries.
 */
export function flat(t: Tensor, what: string): FloatArray {
  if (t.dtype !== "float32" && t.dtype !== "float64") {
    throw new OptimizerError(`${what} must be a floating-point tensor, got ${t.dtype}`);
  }
  if (!t.isContiguous()) {
    throw new OptimizerError(`${what} must be contiguous to be optimized in place`);
  }
  const storage = t.storage as FloatArray;
  return storage.subarray(t.storageOffset, t.storageOffset + t.numel()) as FloatArray;
}

/**
 * A parameter's elements, as {@link flat}, for an update rule about to write them: counts
 * `writes` in-place writes on the parameter's version counter (PyTorch's update ops, such as
 * AdamW's decay and step, bump it once each), so a backward through a graph that saved the
 * parameter before this step throws, as it does in PyTorch.
 */
export function parameterElements(param: Tensor, writes = 1): FloatArray {
  const elements = flat(param, "parameter");
  for (let i = 0; i < writes; i++) incrementVersion(param);
  return elements;
}

/** The gradient's elements as a typed array, made contiguous first when it is not. */
export function flatGrad(grad: Tensor): FloatArray {
  return flat(grad.isContiguous() ? grad : grad.contiguous(), "gradient");
}

/**
 * The rounding of one arithmetic result to the tensor's dtype: `Math.fround` for float32 (each
 * PyTorch op rounds its result to float32), identity for float64.
 */
export type Round = (x: number) => number;

const identity: Round = (x) => x;

/** The {@link Round} for a dtype. */
export function roundFor(dtype: string): Round {
  return dtype === "float32" ? Math.fround : identity;
}
