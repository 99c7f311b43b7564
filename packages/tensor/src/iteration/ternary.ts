import type { DType } from "../dtype.js";
import { DTypeError } from "../errors.js";
import { whereKernels } from "../kernels/generated/tables.js";
import { SIMD_MIN_ELEMENTS, simdWhereF32 } from "../kernels/wasm/simd.js";
import { broadcastShapes, broadcastStrides } from "../shape/broadcast.js";
import { contiguousStrides, shapeSize } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { asTensor } from "./operands.js";
import { planRows } from "./rowPlan.js";

/**
 * `cond ? a : b` elementwise with three-way broadcasting, into a new tensor of `dtype` (the
 * operands are cast to it). `cond` must be bool. No autograd.
 */
export function whereForward(
  op: string,
  cond: Tensor,
  a: TensorLike,
  b: TensorLike,
  dtype: DType,
): Tensor {
  if (cond.dtype !== "bool") {
    throw new DTypeError(`${op}: expected a bool condition (mask), got ${cond.dtype}`);
  }
  const kernel = whereKernels[dtype]!;
  const x = asTensor(a, dtype);
  const y = asTensor(b, dtype);
  const shape = broadcastShapes(broadcastShapes(cond.shape, x.shape, op), y.shape, op);
  const n = shapeSize(shape);
  const out = allocateUnfilled(dtype, n); // the rows below cover every element
  const plan = planRows(
    shape,
    [
      broadcastStrides(cond.shape, cond.strides, shape),
      broadcastStrides(x.shape, x.strides, shape),
      broadcastStrides(y.shape, y.strides, shape),
    ],
    [cond.storageOffset, x.storageOffset, y.storageOffset],
  );
  const [sc, sa, sb] = plan.steps as [number, number, number];
  const [c0, a0, b0] = plan.starts as [Int32Array, Int32Array, Int32Array];
  const c = cond.storage as Uint8Array;
  if (
    dtype === "float32" &&
    plan.rows === 1 &&
    sc === 1 &&
    plan.n >= SIMD_MIN_ELEMENTS &&
    simdWhereF32(
      c,
      c0[0]!,
      x.storage as Float32Array,
      a0[0]!,
      sa,
      y.storage as Float32Array,
      b0[0]!,
      sb,
      out as Float32Array,
      0,
      plan.n,
    )
  ) {
    return new Tensor(out, shape, contiguousStrides(shape), 0, dtype);
  }
  for (let r = 0; r < plan.rows; r++) {
    kernel(c, c0[r]!, sc, x.storage, a0[r]!, sa, y.storage, b0[r]!, sb, out, r * plan.n, plan.n);
  }
  return new Tensor(out, shape, contiguousStrides(shape), 0, dtype);
}
