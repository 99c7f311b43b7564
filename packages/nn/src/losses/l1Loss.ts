import type { Tensor } from "@kindling/tensor";
import { rejectUnknownOptions } from "@kindling/tensor";
import { l1Loss } from "../functional/losses/l1Loss.js";
import type { ReductionOption } from "../functional/losses/reduction.js";
import { REDUCTION_OPTIONS } from "../functional/losses/reduction.js";
import { Loss } from "./loss.js";

/**
 * The mean absolute error `|input - target|` as a module (`torch.nn.L1Loss`); see `functional.l1Loss` for the formula.
 *
 * @example
 * ```ts
 * const loss = new L1Loss();
 * loss.call(input, target).backward();
 * ```
 */
export class L1Loss extends Loss {
  /** @param options PyTorch's keyword arguments, camel-cased; reduction defaults to "mean". */
  constructor(options: ReductionOption = {}) {
    if (new.target === L1Loss) rejectUnknownOptions("L1Loss", options, REDUCTION_OPTIONS);
    super(options.reduction);
  }

  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
}
