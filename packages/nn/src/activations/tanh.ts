import type { Tensor } from "@kindling/tensor";
import { Module } from "../module/module.js";

/**
 * Applies the hyperbolic tangent elementwise (`torch.nn.Tanh`).
 *
 * @example
 * ```ts
 * new Tanh().call(tensor([-1, 0, 2]));
 * ```
 */
export class Tanh extends Module {
  /** Applies the activation. */
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}
