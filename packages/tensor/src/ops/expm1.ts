import { needsGrad, record } from "../autograd/record.js";
import { floatDtypeOf, unaryForward } from "../iteration/unary.js";
import { expm1Kernels } from "../kernels/generated/tables.js";
import type { Tensor } from "../tensor.js";
import { add } from "./add.js";
import { mul } from "./mul.js";

/**
 * `e ** x - 1`, accurate for small `x` (`torch.expm1`). Integer and bool inputs give float32.
 *
 * @example
 * ```ts
 * expm1(tensor([0])).toArray(); // [0]
 * ```
 */
export function expm1(x: Tensor): Tensor {
  const out = unaryForward("expm1", x, expm1Kernels, floatDtypeOf(x));
  if (needsGrad(x)) record(out, "Expm1Backward0", [x], [out], (g) => [mul(g, add(out, 1))]);
  return out;
}
