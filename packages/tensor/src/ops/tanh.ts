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
    let k = 0;
    // Eight elements a step (V8 re-checks each array once a step; see generate-kernels.mjs).
    for (const end = n - 7; k < end; k += 8) {
      const i = go + k;
      const v0 = o[k]!;
      r[k] = gd[i]! * f(1 - f(v0 * v0));
      const v1 = o[k + 1]!;
      r[k + 1] = gd[i + 1]! * f(1 - f(v1 * v1));
      const v2 = o[k + 2]!;
      r[k + 2] = gd[i + 2]! * f(1 - f(v2 * v2));
      const v3 = o[k + 3]!;
      r[k + 3] = gd[i + 3]! * f(1 - f(v3 * v3));
      const v4 = o[k + 4]!;
      r[k + 4] = gd[i + 4]! * f(1 - f(v4 * v4));
      const v5 = o[k + 5]!;
      r[k + 5] = gd[i + 5]! * f(1 - f(v5 * v5));
      const v6 = o[k + 6]!;
      r[k + 6] = gd[i + 6]! * f(1 - f(v6 * v6));
      const v7 = o[k + 7]!;
      r[k + 7] = gd[i + 7]! * f(1 - f(v7 * v7));
    }
    for (; k < n; k++) {
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
