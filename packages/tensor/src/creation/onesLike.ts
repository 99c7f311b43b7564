import type { Tensor } from "../tensor.js";
import { fullLike } from "./fullLike.js";
import type { CreationOptions } from "./options.js";

/**
 * Ones with `like`'s shape and (unless given) dtype (`torch.ones_like`).
 *
 * @example
 * ```ts
 * onesLike(zeros([2])).toArray(); // [1, 1]
 * ```
 */
export function onesLike(like: Tensor, options: CreationOptions = {}): Tensor {
  return fullLike(like, 1, options);
}
