import type { Tensor } from "@kindling/tensor";
import { rejectUnknownOptions } from "@kindling/tensor";
import type { HuberOptions } from "../functional/losses/huberLoss.js";
import { HUBER_OPTIONS, huberLoss } from "../functional/losses/huberLoss.js";
import { Loss } from "./loss.js";

/**
 * The Huber loss (quadratic below `delta`, linear above) as a module (`torch.nn.HuberLoss`); see `functional.huberLoss` for the formula.
 *
 * @example
 * ```ts
 * const loss = new HuberLoss();
 * loss.call(input, target).backward();
 * ```
 */
export class HuberLoss extends Loss {
  /** Where the loss turns linear. */
  readonly delta: number;

  /** @param options PyTorch's keyword arguments, camel-cased; reduction defaults to "mean". */
  constructor(options: HuberOptions = {}) {
    if (new.target === HuberLoss) rejectUnknownOptions("HuberLoss", options, HUBER_OPTIONS);
    super(options.reduction);
    this.delta = options.delta ?? 1;
  }

  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}
