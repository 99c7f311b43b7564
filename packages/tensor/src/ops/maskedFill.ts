import { needsGrad, record } from "../autograd/record.js";
import { formatShape, ShapeError } from "../errors.js";
import { whereForward } from "../iteration/ternary.js";
import { sameShape } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { elementValue } from "./fill.js";
import { where } from "./where.js";

/**
 * A copy of `x` with `value` where the bool `mask` (broadcast to `x`'s shape) is true
 * (`Tensor.masked_fill`). `value` is converted to `x`'s dtype as `fill_` converts it (NaN is
 * `true` in a bool tensor).
 *
 * @example
 * ```ts
 * tensor([1, 2, 3]).maskedFill(tensor([false, true, false]), 0).toArray(); // [1, 0, 3]
 * ```
 */
export function maskedFill(x: Tensor, mask: Tensor, value: number | bigint | boolean): Tensor {
  const out = whereForward("maskedFill", mask, elementValue(value, x.dtype), x, x.dtype);
  if (!sameShape(out.shape, x.shape)) {
    throw new ShapeError(
      `maskedFill: mask of shape ${formatShape(mask.shape)} does not broadcast to the input shape ${formatShape(x.shape)}`,
    );
  }
  if (needsGrad(x)) record(out, "MaskedFillBackward0", [x], [mask], (g) => [where(mask, 0, g)]);
  return out;
}
