import type { Tensor } from "../tensor.js";
import { type CreationOptions, makeTensor } from "./options.js";

/**
 * Zeros with `like`'s shape and (unless given) dtype (`torch.zeros_like`).
 *
 * @example
 * ```ts
 * zerosLike(tensor([1n, 2n])).dtype; // "int64"
 * ```
 */
export function zerosLike(like: Tensor, options: CreationOptions = {}): Tensor {
  return makeTensor(like.shape, options.dtype ?? like.dtype, options);
}
