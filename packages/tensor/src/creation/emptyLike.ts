import type { Tensor } from "../tensor.js";
import type { CreationOptions } from "./options.js";
import { zerosLike } from "./zerosLike.js";

/**
 * An uninitialized tensor with `like`'s shape and (unless given) dtype (`torch.empty_like`); its
 * values are zeros in Kindling, but do not rely on it.
 */
export function emptyLike(like: Tensor, options: CreationOptions = {}): Tensor {
  return zerosLike(like, options);
}
