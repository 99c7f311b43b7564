import type { Tensor } from "../tensor.js";
import { clone } from "./clone.js";

/**
 * `x` itself when its elements are already in row-major order without gaps, else a contiguous
 * copy (`Tensor.contiguous`).
 *
 * @example
 * ```ts
 * zeros([2, 3]).t().contiguous().strides; // [2, 1]
 * ```
 */
export function contiguous(x: Tensor): Tensor {
  return x.contiguousLayout ? x : clone(x);
}
