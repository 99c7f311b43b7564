import type { Tensor } from "@kindling/tensor";
import { Module } from "../module/module.js";

/**
 * Applies 1 / (1 + e^(-x)) elementwise (`torch.nn.Sigmoid`).
 *
 * @example
 * ```ts
 * new Sigmoid().call(tensor([-1, 0, 2]));
 * ```
 */
export class Sigmoid extends Module {
  /** Applies the activation. */
  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}
