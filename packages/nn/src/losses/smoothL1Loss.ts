import type { Tensor } from "@kindling/tensor";
import { rejectUnknownOptions } from "@kindling/tensor";
import type { SmoothL1Options } from "../functional/losses/smoothL1Loss.js";
import { SMOOTH_L1_OPTIONS, smoothL1Loss } from "../functional/losses/smoothL1Loss.js";
import { Loss } from "./loss.js";

/**
 * The smooth L1 loss (quadratic below `beta`, linear above) as a module (`torch.nn.SmoothL1Loss`); see `functional.smoothL1Loss` for the formula.
 *
 * @example
 * ```ts
 * const loss = new SmoothL1Loss();
 * loss.call(input, target).backward();
 * ```
 */
export class SmoothL1Loss extends Loss {
  /** Where the loss turns linear. */
  readonly beta: number;

  /** @param options PyTorch's keyword arguments, camel-cased; reduction defaults to "mean". */
  constructor(options: SmoothL1Options = {}) {
    if (new.target === SmoothL1Loss)
      rejectUnknownOptions("SmoothL1Loss", options, SMOOTH_L1_OPTIONS);
    super(options.reduction);
    this.beta = options.beta ?? 1;
  }

  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}
