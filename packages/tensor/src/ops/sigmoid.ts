import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { sigmoidKernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { mul } from "./mul.js";
import { sub } from "./sub.js";

/**
 * The logistic function `1 / (1 + e ** -x)`, elementwise (`torch.sigmoid`). Integer and bool
 * inputs give float32. Float32 is computed as PyTorch 1.13's CPU kernel computes it, with its
 * bits for contiguous input: whole groups of sixteen elements with SLEEF's exp, the rest of the
 * run (and strided input) with the C library's (sleefSigmoidf.ts). 0 below about -88.7, where
 * `e ** -x` overflows, as in PyTorch's float32 sigmoid.
 *
 * @example
 * ```ts
 * sigmoid(tensor([0])).toArray(); // [0.5]
 * ```
 */
export function sigmoid(x: Tensor): Tensor {
  const out = unaryForward("sigmoid", x, sigmoidKernels, floatDtypeOf(x));
  if (needsGrad(x))
    record(out, "SigmoidBackward0", [x], [out], (g) => [mul(mul(g, sub(1, out)), out)]);
  return out;
}
