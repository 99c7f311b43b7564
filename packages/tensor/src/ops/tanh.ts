import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { denseFloat, type FloatStorage } from "../kernels/dense.js";
import { tanhKernels } from "../kernels/generated/tables.js";
import { sameShape } from "../shape/dims.js";
import { allocateFloat32, allocateFloat64 } from "../storage.js";
import { Tensor } from "../tensor.js";
import { mul } from "./mul.js";
import { sub } from "./sub.js";

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
  if (needsGrad(x)) record(out, "TanhBackward0", [x], (g) => [tanhBackward(g, out)]);
  return out;
}

/**
 * `g * (1 - out²)`, rounded after each operation as the three ops it stands for: one loop for
 * contiguous operands of one shape and dtype, the ops themselves otherwise.
 */
function tanhBackward(g: Tensor, out: Tensor): Tensor {
  const dg = denseFloat(g);
  if (dg === null || g.dtype !== out.dtype || !sameShape(g.shape, out.shape)) {
    return mul(g, sub(1, mul(out, out)));
  }
  const n = out.numel();
  const o = out.storage as FloatStorage;
  const gd = dg.data;
  const go = dg.offset;
  if (o instanceof Float32Array) {
    const r = allocateFloat32(n);
    const f = Math.fround;
    for (let k = 0; k < n; k++) {
      const v = o[k]!;
      r[k] = gd[go + k]! * f(1 - f(v * v));
    }
    return new Tensor(r, out.shape, out.strides, 0, out.dtype);
  }
  const r = allocateFloat64(n);
  for (let k = 0; k < n; k++) {
    const v = o[k]!;
    r[k] = gd[go + k]! * (1 - v * v);
  }
  return new Tensor(r, out.shape, out.strides, 0, out.dtype);
}
