import type { Tensor } from "../tensor.js";
import { selectReduce, type ValuesIndices } from "./max.js";

/**
 * The smallest element (`torch.min(x)`), or with `dim` the smallest elements along it and their
 * first indices (`torch.min(x, dim, keepdim)`). NaN counts as smallest. Gradients as for `max`.
 *
 * @example
 * ```ts
 * min(tensor([[1, 5], [7, 2]])).item(); // 1
 * min(tensor([[1, 5], [7, 2]]), 0).indices.toArray(); // [0, 1]
 * ```
 */
export function min(x: Tensor): Tensor;
/**
 * The smallest elements along `dim` and their indices (`torch.min(x, dim, keepdim)`).
 *
 * @param dim The dim to reduce.
 * @param keepdim Keep it as size 1. Default false.
 */
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return selectReduce("min", "MinBackward", x, dim, keepdim);
}
