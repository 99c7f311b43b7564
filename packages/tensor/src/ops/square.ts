import type { Tensor } from "../tensor.js";
import { pow } from "./pow.js";

/**
 * `x * x`, elementwise (`torch.square`).
 *
 * @example
 * ```ts
 * square(tensor([-2, 3])).toArray(); // [4, 9]
 * ```
 */
export function square(x: Tensor): Tensor {
  return pow(x, 2);
}
