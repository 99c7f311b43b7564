import type { Tensor } from "@kindling/tensor";
import { silu } from "../functional/silu.js";
import { Module } from "../module/module.js";

/**
 * Applies x * sigmoid(x) elementwise (`torch.nn.SiLU`).
 *
 * @example
 * ```ts
 * new SiLU().call(tensor([-1, 0, 2]));
 * ```
 */
export class SiLU extends Module {
  /** Applies the activation. */
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}
