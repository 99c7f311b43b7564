import type { Tensor } from "@kindling/tensor";
import { rejectUnknownOptions } from "@kindling/tensor";
import { mseLoss } from "../functional/losses/mseLoss.js";
import type { ReductionOption } from "../functional/losses/reduction.js";
import { REDUCTION_OPTIONS } from "../functional/losses/reduction.js";
import { Loss } from "./loss.js";

/**
 * The mean squared error `(input - target)²` as a module (`torch.nn.MSELoss`); see `functional.mseLoss` for the formula.
 *
 * @example
 * ```ts
 * const loss = new MSELoss();
 * loss.call(input, target).backward();
 * ```
 */
export class MSELoss extends Loss {
  /** @param options PyTorch's keyword arguments, camel-cased; reduction defaults to "mean". */
  constructor(options: ReductionOption = {}) {
    if (new.target === MSELoss) rejectUnknownOptions("MSELoss", options, REDUCTION_OPTIONS);
    super(options.reduction);
  }

  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}
