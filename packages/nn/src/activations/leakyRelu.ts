import type { Tensor } from "@kindling/tensor";
import { pyFloat } from "../format/pyFloat.js";
import { leakyRelu } from "../functional/leakyRelu.js";
import { Module } from "../module/module.js";

/**
 * `x` where positive, `negativeSlope * x` elsewhere (`torch.nn.LeakyReLU`, default slope 0.01).
 *
 * @example
 * ```ts
 * String(new LeakyReLU()); // "LeakyReLU(negative_slope=0.01)"
 * ```
 */
export class LeakyReLU extends Module {
  /** Slope for negative inputs. */
  readonly negativeSlope: number;

  /** @param negativeSlope Slope for negative inputs, default 0.01. */
  constructor(negativeSlope = 0.01) {
    super();
    this.negativeSlope = negativeSlope;
  }

  /** Applies the activation. */
  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }

  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}`;
  }
}
