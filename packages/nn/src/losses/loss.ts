import type { Tensor } from "@kindling/tensor";
import { checkReduction, type Reduction } from "../functional/losses/reduction.js";
import { Module } from "../module/module.js";

/**
 * The base of the loss modules (`torch.nn.modules.loss._Loss`): holds a validated `reduction` and
 * maps `(input, target)` to a loss. Subclasses implement `forward`.
 */
export abstract class Loss extends Module<[Tensor, Tensor], Tensor> {
  /** `"mean"`, `"sum"` or `"none"`. */
  readonly reduction: Reduction;

  /**
   * @param reduction `"mean"` (default), `"sum"` or `"none"`.
   * @throws RangeError for any other string, naming the valid ones.
   */
  constructor(reduction: Reduction = "mean") {
    super();
    this.reduction = checkReduction(reduction);
  }
}
