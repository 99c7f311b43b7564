import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { sigmoidKernels } from "../kernels/generated/tables.js";
import { sigmoidContiguousF32 } from "../kernels/sleefSigmoidf.js";
import type { UnaryKernel, UnaryKernelTable } from "../kernels/types.js";
import type { Tensor } from "../tensor.js";
import { mul } from "./mul.js";
import { sub } from "./sub.js";

/**
 * PyTorch's float32 loop over a run of `n` elements `step` apart: a contiguous run splits into
 * its vector formula for whole groups of sixteen and its scalar formula after; a strided run is
 * all scalar (the generated kernel).
 */
function sigmoidRunF32(
  a: Float32Array,
  ai: number,
  step: number,
  out: Float32Array,
  oi: number,
  n: number,
): void {
  if (step === 1) sigmoidContiguousF32(a, ai, out, oi, n);
  else sigmoidKernels.float32!(a, ai, step, out, oi, n);
}

/** The sigmoid kernels with float32's runs split as PyTorch's (a whole tensor, or each row). */
const kernels: UnaryKernelTable = { ...sigmoidKernels, float32: sigmoidRunF32 as UnaryKernel };

/**
 * The logistic function `1 / (1 + e ** -x)`, elementwise (`torch.sigmoid`). Integer and bool
 * inputs give float32. Float32 is computed as PyTorch 1.13's CPU kernel computes it, with its
 * bits for contiguous input: whole groups of sixteen elements with SLEEF's exp, the rest of the
 * run, and every element of a strided one, with the C library's (sleefSigmoidf.ts). 0 below about -88.7, where
 * `e ** -x` overflows, as in PyTorch's float32 sigmoid.
 *
 * @example
 * ```ts
 * sigmoid(tensor([0])).toArray(); // [0.5]
 * ```
 */
export function sigmoid(x: Tensor): Tensor {
  const out = unaryForward("sigmoid", x, kernels, floatDtypeOf(x));
  if (needsGrad(x))
    record(out, "SigmoidBackward0", [x], [out], (g) => [mul(mul(g, sub(1, out)), out)]);
  return out;
}
