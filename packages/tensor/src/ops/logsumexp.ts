import { noGrad } from "../autograd/gradMode.js";
import { needsGrad, record } from "../autograd/record.js";
import { keptShape } from "../autograd/reductionGrad.js";
import { reducedDims } from "../iteration/reduction.js";
import { floatDtypeOf } from "../iteration/unary.js";
import type { Dims, Tensor } from "../tensor.js";
import { abs } from "./abs.js";
import { add } from "./add.js";
import { amax } from "./amax.js";
import { exp } from "./exp.js";
import { log } from "./log.js";
import { maskedFill } from "./maskedFill.js";
import { mul } from "./mul.js";
import { ne } from "./ne.js";
import { reshape } from "./reshape.js";
import { sub } from "./sub.js";
import { sum } from "./sum.js";
import { to } from "./to.js";

/**
 * `log(sum(exp(x)))` over `dim`, computed stably by factoring out the maximum
 * (`torch.logsumexp`). Integer and bool inputs give float32; reducing no elements gives -inf.
 *
 * @example
 * ```ts
 * logsumexp(tensor([0, 0]), 0).item(); // 0.6931471824645996
 * ```
 */
export function logsumexp(x: Tensor, dim: Dims, keepdim = false): Tensor {
  // Integer and bool inputs are converted to float32 first, as in PyTorch.
  const input = to(x, floatDtypeOf(x));
  const dims = reducedDims(input, dim);
  const out = noGrad(() => forward(input, dims, keepdim));
  if (needsGrad(input)) {
    // PyTorch's logsumexp_backward: grad · exp(x − result), both kept at the reduced dims.
    const kept = keptShape(input.shape, dims);
    record(out, "LogsumexpBackward0", [input], [input, out], (g) => [
      mul(reshape(g, kept), exp(sub(input, reshape(out, kept)))),
    ]);
  }
  return out;
}

function forward(input: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  // No elements has no maximum to factor out: the plain formula gives log(0) = -inf.
  if (input.numel() === 0) return log(sum(exp(input), [...dims], keepdim));
  const m = amax(input, [...dims], true);
  const shift = maskedFill(m, ne(abs(m), Number.POSITIVE_INFINITY).logicalNot(), 0);
  const result = add(log(sum(exp(sub(input, shift)), [...dims], true)), shift);
  return keepdim
    ? result
    : reshape(
        result,
        result.shape.filter((_, d) => !dims.includes(d)),
      );
}
