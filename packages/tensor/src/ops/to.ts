import { needsGrad, record } from "../autograd/record.js";
import type { DType } from "../dtype.js";
import { isFloatingPoint } from "../dtype.js";
import { castTo } from "../iteration/cast.js";
import type { Tensor } from "../tensor.js";

/**
 * `x` converted to `dtype` (`Tensor.to(dtype)`): `x` itself if it already has it, else a copy.
 * Floats become int64 by truncation toward zero, anything nonzero becomes `true`. Gradients flow
 * between floating dtypes.
 *
 * @example
 * ```ts
 * tensor([1.7, -1.7]).to("int64").toArray(); // [1, -1]
 * ```
 */
export function to(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const out = castTo(x, dtype);
  if (needsGrad(x) && isFloatingPoint(dtype)) {
    record(out, "ToCopyBackward0", [x], [], (g) => [castTo(g, x.dtype)]);
  }
  return out;
}
