import type { Tensor } from "@kindling/tensor";
import { type GeluApproximate, gelu } from "../functional/gelu.js";
import { Module } from "../module/module.js";

/**
 * The Gaussian error linear unit `x Φ(x)` (`torch.nn.GELU`), exact or with the tanh formula.
 *
 * @example
 * ```ts
 * String(new GELU()); // "GELU(approximate='none')"
 * ```
 */
export class GELU extends Module {
  /** `"none"` (exact) or `"tanh"`. */
  readonly approximate: GeluApproximate;

  /** @param approximate `"none"` (default) or `"tanh"`. @throws RangeError otherwise. */
  constructor(approximate: GeluApproximate = "none") {
    super();
    if (approximate !== "none" && approximate !== "tanh") {
      throw new RangeError(
        `approximate argument must be either none or tanh, got ${String(approximate)}`,
      );
    }
    this.approximate = approximate;
  }

  /** Applies the activation. */
  forward(x: Tensor): Tensor {
    return gelu(x, this.approximate);
  }

  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}
