import type { Tensor } from "@kindling/tensor";
import { Module } from "../module/module.js";

/**
 * Returns its input unchanged (`torch.nn.Identity`): a placeholder, e.g. for an optional layer.
 *
 * @example
 * ```ts
 * new Identity().call(x) === x; // true
 * ```
 */
export class Identity extends Module {
  /** Returns `x`. */
  forward(x: Tensor): Tensor {
    return x;
  }
}
