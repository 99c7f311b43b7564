import type { Tensor } from "@kindling/tensor";
import { pyFloat } from "../format/pyFloat.js";
import { elu } from "../functional/elu.js";
import { Module } from "../module/module.js";

/**
 * `x` where positive, `alpha (eˣ - 1)` elsewhere (`torch.nn.ELU`, default alpha 1).
 *
 * @example
 * ```ts
 * String(new ELU()); // "ELU(alpha=1.0)"
 * ```
 */
export class ELU extends Module {
  /** Scale of the negative part. */
  readonly alpha: number;

  /** @param alpha Scale of the negative part, default 1. */
  constructor(alpha = 1) {
    super();
    this.alpha = alpha;
  }

  /** Applies the activation. */
  forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }

  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}
