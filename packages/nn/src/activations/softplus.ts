import type { Tensor } from "@kindling/tensor";
import { softplus } from "../functional/softplus.js";
import { Module } from "../module/module.js";

/**
 * `log(1 + e^(βx)) / β`, linear above `threshold` (`torch.nn.Softplus`, β = 1, threshold = 20).
 *
 * @example
 * ```ts
 * String(new Softplus()); // "Softplus(beta=1, threshold=20)"
 * ```
 */
export class Softplus extends Module {
  /** β. */
  readonly beta: number;
  /** Above `βx > threshold` the output is `x`. */
  readonly threshold: number;

  /** @param beta β, default 1. @param threshold Default 20. */
  constructor(beta = 1, threshold = 20) {
    super();
    this.beta = beta;
    this.threshold = threshold;
  }

  /** Applies the activation. */
  forward(x: Tensor): Tensor {
    return softplus(x, this.beta, this.threshold);
  }

  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}
