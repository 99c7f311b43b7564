import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { denseFloat, type FloatStorage } from "../kernels/dense.js";
import { tanhKernels } from "../kernels/generated/tables.js";
import { oneMinusSquareF32, oneMinusSquareF64 } from "../kernels/oneMinusSquare.js";
import { sameShape } from "../shape/dims.js";
import { allocateFloat32, allocateFloat64 } from "../storage.js";
import { Tensor } from "../tensor.js";
import { mul } from "./mul.js";

/**
 * The hyperbolic tangent, elementwise (`torch.tanh`). Integer and bool inputs give float32.
 *
 * @example
 * ```ts
 * tanh(tensor([0])).toArray(); // [0]
 * ```
 */
export function tanh(x: Tensor): Tensor {
  const out = unaryForward("tanh", x, tanhKernels, floatDtypeOf(x));
  if (needsGrad(x)) record(out, "TanhBackward0", [x], [out], (g) => [tanhBackward(g, out)]);
  return out;
}

/**
 * `g * (1 - out²)` with `1 - out²` rounded once, as PyTorch's kernel computes it (a fused
 * multiply-subtract, see oneMinusSquare.ts), then the product rounded: one loop for contiguous
 * operands of one shape and dtype, `1 - out²` as a tensor times `g` otherwise.
 */
function tanhBackward(g: Tensor, out: Tensor): Tensor {
  const dg = denseFloat(g);
  const n = out.numel();
  const o = out.storage as FloatStorage; // out is tanh's own result: contiguous from 0
  if (dg === null || g.dtype !== out.dtype || !sameShape(g.shape, out.shape)) {
    const d = o instanceof Float32Array ? allocateFloat32(n) : allocateFloat64(n);
    if (o instanceof Float32Array) for (let k = 0; k < n; k++) d[k] = oneMinusSquareF32(o[k]!);
    else for (let k = 0; k < n; k++) d[k] = oneMinusSquareF64(o[k]!);
    return mul(g, new Tensor(d, out.shape, out.strides, 0, out.dtype));
  }
  const gd = dg.data;
  const go = dg.offset;
  if (o instanceof Float32Array) {
    const r = allocateFloat32(n);
    for (let k = 0; k < n; k++) r[k] = gd[go + k]! * oneMinusSquareF32(o[k]!);
    return new Tensor(r, out.shape, out.strides, 0, out.dtype);
  }
  const r = allocateFloat64(n);
  for (let k = 0; k < n; k++) r[k] = gd[go + k]! * oneMinusSquareF64(o[k]!);
  return new Tensor(r, out.shape, out.strides, 0, out.dtype);
}
