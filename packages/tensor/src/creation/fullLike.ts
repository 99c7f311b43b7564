import type { Tensor } from "../tensor.js";
import { full } from "./full.js";
import type { CreationOptions } from "./options.js";

/**
 * `value` everywhere, with `like`'s shape and (unless given) dtype (`torch.full_like`).
 *
 * @example
 * ```ts
 * fullLike(zeros([2]), 3).toArray(); // [3, 3]
 * ```
 */
export function fullLike(
  like: Tensor,
  value: number | bigint | boolean,
  options: CreationOptions = {},
): Tensor {
  return full(like.shape, value, { dtype: like.dtype, ...options });
}
