import { needsGrad, record } from "../autograd/record.js";
import { unaryForward } from "../iteration/unary.js";
import { denseFloat } from "../kernels/dense.js";
import { reluKernels } from "../kernels/generated/tables.js";
import { contiguousStrides, sameShape } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";
import { le } from "./le.js";
import { where } from "./where.js";

/**
 * `max(x, 0)`, elementwise (NaN stays NaN, -0 stays -0, as in PyTorch) (`torch.relu`).
 *
 * @example
 * ```ts
 * relu(tensor([-1, 2])).toArray(); // [0, 2]
 * ```
 */
export function relu(x: Tensor): Tensor {
  const out = unaryForward("relu", x, reluKernels, x.dtype);
  if (needsGrad(x)) record(out, "ReluBackward0", [x], (g) => [reluBackward(g, out)]);
  return out;
}

/**
 * PyTorch's `threshold_backward(g, out, 0)`: 0 where `out <= 0`, else `g` (so a NaN output
 * passes its gradient on, as in PyTorch). One loop for contiguous float operands of one shape
 * and dtype, `where` and `le` otherwise.
 */
function reluBackward(g: Tensor, out: Tensor): Tensor {
  const dg = denseFloat(g);
  const dout = denseFloat(out);
  if (dg === null || dout === null || g.dtype !== out.dtype || !sameShape(g.shape, out.shape)) {
    return where(le(out, 0), 0, g);
  }
  const n = out.numel();
  const r = allocateUnfilled(out.dtype, n); // every element written below
  const o = dout.data;
  const oo = dout.offset;
  const gd = dg.data;
  const go = dg.offset;
  for (let k = 0; k < n; k++) r[k] = o[oo + k]! <= 0 ? 0 : gd[go + k]!;
  return new Tensor(r, out.shape, contiguousStrides(out.shape), 0, out.dtype);
}
