import type { Dims, Tensor } from "../tensor.js";
import { sqrt } from "./sqrt.js";
import { type VarianceOptions, variance } from "./variance.js";

/**
 * The standard deviation over `dim`: the square root of {@link variance} with the same options
 * (`torch.std`; `correction` defaults to 1).
 *
 * @example
 * ```ts
 * std(tensor([2, 4, 4, 4, 5, 5, 7, 9]), 0, { correction: 0 }).item(); // 2
 * ```
 */
export function std(x: Tensor, dim?: Dims, options: VarianceOptions = {}): Tensor {
  return sqrt(variance(x, dim, options));
}
