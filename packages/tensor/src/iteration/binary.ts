import type { DType } from "../dtype.js";
import { DTypeError, formatShape, ShapeError } from "../errors.js";
import type { BinaryKernelTable } from "../kernels/types.js";
import { broadcastShapes, broadcastStrides } from "../shape/broadcast.js";
import { contiguousStrides, sameShape, shapeSize } from "../shape/dims.js";
import { allocate } from "../storage.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { copyInto } from "./cast.js";
import { asTensor } from "./operands.js";
import { planRows } from "./rowPlan.js";

/**
 * Runs a broadcasting binary kernel: casts both operands to `computeDtype`, broadcasts them, and
 * writes a new contiguous tensor of `outDtype` (or, for in-place ops, into `into`). No autograd.
 */
export function binaryForward(
  op: string,
  a: TensorLike,
  b: TensorLike,
  kernels: BinaryKernelTable,
  computeDtype: DType,
  outDtype: DType,
  into: Tensor | null = null,
): Tensor {
  const kernel = kernels[computeDtype];
  if (kernel === undefined) {
    throw new DTypeError(`${op}: not implemented for dtype ${computeDtype}`);
  }
  const x = asTensor(a, computeDtype);
  const y = asTensor(b, computeDtype);
  const same = sameShape(x.shape, y.shape);
  const shape = same ? x.shape : broadcastShapes(x.shape, y.shape, op);
  if (into !== null && !sameShape(shape, into.shape)) {
    throw new ShapeError(
      `${op}: output with shape ${formatShape(into.shape)} doesn't match the broadcast shape ${formatShape(shape)}`,
    );
  }
  const direct = into?.contiguousLayout === true && into.dtype === outDtype;
  const n = shapeSize(shape);
  const outStorage = direct && into !== null ? into.storage : allocate(outDtype, n);
  const oi = direct && into !== null ? into.storageOffset : 0;
  if (same && x.contiguousLayout && y.contiguousLayout) {
    kernel(x.storage, x.storageOffset, 1, y.storage, y.storageOffset, 1, outStorage, oi, n);
  } else if (y.shape.length === 0 && x.contiguousLayout && sameShape(x.shape, shape)) {
    kernel(x.storage, x.storageOffset, 1, y.storage, y.storageOffset, 0, outStorage, oi, n);
  } else {
    const plan = planRows(
      shape,
      [broadcastStrides(x.shape, x.strides, shape), broadcastStrides(y.shape, y.strides, shape)],
      [x.storageOffset, y.storageOffset],
    );
    const [sa, sb] = plan.steps as [number, number];
    const [a0, b0] = plan.starts as [Int32Array, Int32Array];
    const len = plan.n;
    for (let r = 0; r < plan.rows; r++) {
      kernel(x.storage, a0[r]!, sa, y.storage, b0[r]!, sb, outStorage, oi + r * len, len);
    }
  }
  if (direct && into !== null) return into;
  const strides = same && x.contiguousLayout ? x.strides : contiguousStrides(shape);
  const out = new Tensor(outStorage, shape, strides, 0, outDtype);
  if (into !== null) {
    copyInto(into, out);
    return into;
  }
  return out;
}
