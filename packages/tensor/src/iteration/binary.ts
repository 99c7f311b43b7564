import type { DType } from "../dtype.js";
import { DTypeError, formatShape, ShapeError } from "../errors.js";
import { rowsKernelsOf } from "../kernels/rowsKernels.js";
import type { BinaryKernelTable } from "../kernels/types.js";
import { trySimdBinary, trySimdCompare, trySimdRows } from "../kernels/wasm/dispatch.js";
import { broadcastShapes, broadcastStrides } from "../shape/broadcast.js";
import { contiguousStrides, sameShape, shapeSize } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { copyInto } from "./cast.js";
import { scalarOperand } from "./operands.js";
import { planRows } from "./rowPlan.js";

type F32 = Float32Array;
type Storage = Tensor["storage"];

/**
 * The SIMD kernel for a float32 elementwise op (add/sub/mul/div/maximum/minimum, a float32
 * result) or comparison (a bool result) over operands of strides 0 or 1, when there is one;
 * false (the caller runs its loop, which gives the same bits) otherwise.
 */
function trySimd(
  kernels: BinaryKernelTable,
  computeDtype: DType,
  outDtype: DType,
  xs: Storage,
  xo: number,
  sx: number,
  ys: Storage,
  yo: number,
  sy: number,
  out: Storage,
  oi: number,
  n: number,
): boolean {
  if (computeDtype !== "float32") return false;
  if (outDtype === "float32") {
    return trySimdBinary(kernels, xs as F32, xo, sx, ys as F32, yo, sy, out as F32, oi, n);
  }
  return (
    outDtype === "bool" &&
    trySimdCompare(kernels, xs as F32, xo, sx, ys as F32, yo, sy, out as Uint8Array, oi, n)
  );
}

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
  const x = scalarOperand(a, computeDtype, 0);
  const y = scalarOperand(b, computeDtype, 1);
  const same = sameShape(x.shape, y.shape);
  let shape = same ? x.shape : broadcastShapes(x.shape, y.shape, op);
  // A broadcast to one operand's shape (a bias add) reuses that shape, and below its strides.
  if (!same) {
    if (sameShape(shape, x.shape)) shape = x.shape;
    else if (sameShape(shape, y.shape)) shape = y.shape;
  }
  if (into !== null && !sameShape(shape, into.shape)) {
    throw new ShapeError(
      `${op}: output with shape ${formatShape(into.shape)} doesn't match the broadcast shape ${formatShape(shape)}`,
    );
  }
  const direct = into?.contiguousLayout === true && into.dtype === outDtype;
  const n = shapeSize(shape);
  // every path below writes all n elements
  const outStorage = direct && into !== null ? into.storage : allocateUnfilled(outDtype, n);
  const oi = direct && into !== null ? into.storageOffset : 0;
  // Float32 results of add/sub/mul/div/maximum/minimum, and comparisons of float32 operands, over
  // contiguous operands may run as WebAssembly SIMD (see trySimd); so may float32 row broadcasts.
  const f32 = computeDtype === "float32" && outDtype === "float32";
  if (same && x.contiguousLayout && y.contiguousLayout) {
    const xs = x.storage;
    const ys = y.storage;
    const xo = x.storageOffset;
    const yo = y.storageOffset;
    if (!trySimd(kernels, computeDtype, outDtype, xs, xo, 1, ys, yo, 1, outStorage, oi, n))
      kernel(xs, xo, 1, ys, yo, 1, outStorage, oi, n);
  } else if (isOne(y) && x.contiguousLayout && sameShape(x.shape, shape)) {
    // y is one element (a 0-d tensor, or a keepdim mean of shape [1, 1]): read it with stride 0
    const xs = x.storage;
    const ys = y.storage;
    const xo = x.storageOffset;
    const yo = y.storageOffset;
    if (!trySimd(kernels, computeDtype, outDtype, xs, xo, 1, ys, yo, 0, outStorage, oi, n))
      kernel(xs, xo, 1, ys, yo, 0, outStorage, oi, n);
  } else if (isOne(x) && y.contiguousLayout && sameShape(y.shape, shape)) {
    const xs = x.storage;
    const ys = y.storage;
    const xo = x.storageOffset;
    const yo = y.storageOffset;
    if (!trySimd(kernels, computeDtype, outDtype, xs, xo, 0, ys, yo, 1, outStorage, oi, n))
      kernel(xs, xo, 0, ys, yo, 1, outStorage, oi, n);
  } else if (shape.length <= 2 && x.shape.length <= 2 && y.shape.length <= 2) {
    // Rank <= 2 (the common bias-add and row/column broadcasts): walk rows directly, without
    // building a row plan. A missing or size-1 dim reads with stride 0.
    const cols = shape.length === 0 ? 1 : shape[shape.length - 1]!;
    const rows = shape.length === 2 ? shape[0]! : 1;
    const xn = x.shape.length;
    const yn = y.shape.length;
    const xc = xn >= 1 && x.shape[xn - 1] !== 1 ? x.strides[xn - 1]! : 0;
    const yc = yn >= 1 && y.shape[yn - 1] !== 1 ? y.strides[yn - 1]! : 0;
    const xr = xn === 2 && x.shape[0] !== 1 ? x.strides[0]! : 0;
    const yr = yn === 2 && y.shape[0] !== 1 ? y.strides[0]! : 0;
    let ai = x.storageOffset;
    let bi = y.storageOffset;
    let o = oi;
    if (
      f32 &&
      trySimdRows(
        kernels,
        rows,
        cols,
        x.storage as F32,
        ai,
        xr,
        xc,
        y.storage as F32,
        bi,
        yr,
        yc,
        outStorage as F32,
        oi,
      )
    ) {
      // A matrix and a row by the WebAssembly SIMD kernels (the same bits as the rows kernel).
    } else if (cols > 0) {
      const rowsKernel = rowsKernelsOf(kernels)?.[computeDtype];
      if (rowsKernel !== undefined) {
        rowsKernel(rows, cols, x.storage, ai, xr, xc, y.storage, bi, yr, yc, outStorage, oi);
      } else {
        for (let r = 0; r < rows; r++) {
          kernel(x.storage, ai, xc, y.storage, bi, yc, outStorage, o, cols);
          ai += xr;
          bi += yr;
          o += cols;
        }
      }
    }
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
  const strides =
    shape === x.shape && x.contiguousLayout
      ? x.strides
      : shape === y.shape && y.contiguousLayout
        ? y.strides
        : contiguousStrides(shape);
  const out = new Tensor(outStorage, shape, strides, 0, outDtype);
  if (into !== null) {
    copyInto(into, out);
    return into;
  }
  return out;
}

/** Whether `x` holds exactly one element (any rank). */
function isOne(x: Tensor): boolean {
  return x.shape.length === 0 || shapeSize(x.shape) === 1;
}
