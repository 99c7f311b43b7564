import type { Tensor } from "@kindling/tensor";
import { Module } from "../module/module.js";

/**
 * Applies max(x, 0) elementwise (`torch.nn.ReLU`).
 *
 * @example
 * ```ts
 * new ReLU().call(tensor([-1, 0, 2]));
 * ```
 */
export class ReLU extends Module {
  /** Applies the activation. */
  forward(x: Tensor): Tensor {
    return x.relu();
  }
}
