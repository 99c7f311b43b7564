import type { DType } from "../dtype.js";
import { DTypeError } from "../errors.js";
import type { UnaryKernelTable } from "../kernels/types.js";
import { trySimdUnary } from "../kernels/wasm/dispatch.js";
import { contiguousStrides, shapeSize } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";
import { asTensor } from "./operands.js";
import { planRows } from "./rowPlan.js";

/**
 * Runs an elementwise unary kernel over `x` cast to `dtype`, into a new contiguous tensor of that
 * dtype. No autograd.
 */
export function unaryForward(
  op: string,
  x: Tensor,
  kernels: UnaryKernelTable,
  dtype: DType,
): Tensor {
  const kernel = kernels[dtype];
  if (kernel === undefined) throw new DTypeError(`${op}: not implemented for dtype ${dtype}`);
  const input = asTensor(x, dtype);
  const n = shapeSize(input.shape);
  const out = allocateUnfilled(dtype, n); // both paths below write all n elements
  if (input.contiguousLayout) {
    const simd =
      dtype === "float32" &&
      trySimdUnary(
        kernels,
        input.storage as Float32Array,
        input.storageOffset,
        out as Float32Array,
        n,
      );
    if (!simd) kernel(input.storage, input.storageOffset, 1, out, 0, n);
    return new Tensor(out, input.shape, input.strides, 0, dtype);
  }
  const plan = planRows(input.shape, [input.strides], [input.storageOffset]);
  const step = plan.steps[0]!;
  const starts = plan.starts[0]!;
  for (let r = 0; r < plan.rows; r++)
    kernel(input.storage, starts[r]!, step, out, r * plan.n, plan.n);
  return new Tensor(out, input.shape, contiguousStrides(input.shape), 0, dtype);
}

/** The dtype a float-valued unary op (exp, log, ...) computes in: float stays, others → float32. */
export function floatDtypeOf(x: Tensor): DType {
  return x.dtype === "float64" || x.dtype === "float32" ? x.dtype : "float32";
}
