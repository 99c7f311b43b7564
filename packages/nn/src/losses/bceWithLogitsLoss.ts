import type { Tensor } from "@kindling/tensor";
import { rejectUnknownOptions } from "@kindling/tensor";
import type { BCEWithLogitsOptions } from "../functional/losses/binaryCrossEntropyWithLogits.js";
import {
  BCE_WITH_LOGITS_OPTIONS,
  binaryCrossEntropyWithLogits,
} from "../functional/losses/binaryCrossEntropyWithLogits.js";
import { Loss } from "./loss.js";

/**
 * The numerically stable binary cross entropy of logits as a module (`torch.nn.BCEWithLogitsLoss`); see `functional.binaryCrossEntropyWithLogits` for the formula.
 *
 * @example
 * ```ts
 * const loss = new BCEWithLogitsLoss();
 * loss.call(input, target).backward();
 * ```
 */
export class BCEWithLogitsLoss extends Loss {
  /** Weight per element. */
  readonly weight: Tensor | null;
  /** Weight of the positive term. */
  readonly posWeight: Tensor | null;

  /** @param options PyTorch's keyword arguments, camel-cased; reduction defaults to "mean". */
  constructor(options: BCEWithLogitsOptions = {}) {
    if (new.target === BCEWithLogitsLoss)
      rejectUnknownOptions("BCEWithLogitsLoss", options, BCE_WITH_LOGITS_OPTIONS);
    super(options.reduction);
    this.weight = options.weight ?? null;
    this.posWeight = options.posWeight ?? null;
  }

  private options(): BCEWithLogitsOptions {
    return { reduction: this.reduction, weight: this.weight, posWeight: this.posWeight };
  }

  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, this.options());
  }
}
