import type { Tensor } from "@kindling/tensor";
import { pyFloat } from "../format/pyFloat.js";
import { dropout } from "../functional/dropout.js";
import { Module } from "../module/module.js";

/**
 * In training mode zeroes elements with probability `p` and scales the rest by `1 / (1 - p)`;
 * the identity in eval mode (`torch.nn.Dropout`, default p = 0.5).
 *
 * @example
 * ```ts
 * String(new Dropout(0.2)); // "Dropout(p=0.2, inplace=False)"
 * ```
 */
export class Dropout extends Module {
  /** Probability of zeroing an element. */
  readonly p: number;

  /** @param p Probability in [0, 1], default 0.5. @throws RangeError outside [0, 1]. */
  constructor(p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`);
    }
    this.p = p;
  }

  /** Applies dropout in training mode; returns `x` in eval mode. */
  forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training);
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}
