import type { Tensor } from "@kindling/tensor";
import { rejectUnknownOptions } from "@kindling/tensor";
import type { ClassLossOptions } from "../functional/losses/nllLoss.js";
import { NLL_OPTIONS, nllLoss } from "../functional/losses/nllLoss.js";
import { Loss } from "./loss.js";

/**
 * The negative log likelihood of class-index targets as a module (`torch.nn.NLLLoss`); see `functional.nllLoss` for the formula.
 *
 * @example
 * ```ts
 * const loss = new NLLLoss();
 * loss.call(input, target).backward();
 * ```
 */
export class NLLLoss extends Loss {
  /** Weight per class. */
  readonly weight: Tensor | null;
  /** Target value that is ignored. */
  readonly ignoreIndex: number;

  /** @param options PyTorch's keyword arguments, camel-cased; reduction defaults to "mean". */
  constructor(options: ClassLossOptions = {}) {
    if (new.target === NLLLoss) rejectUnknownOptions("NLLLoss", options, NLL_OPTIONS);
    super(options.reduction);
    this.weight = options.weight ?? null;
    this.ignoreIndex = options.ignoreIndex ?? -100;
  }

  private options(): ClassLossOptions {
    return { reduction: this.reduction, weight: this.weight, ignoreIndex: this.ignoreIndex };
  }

  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, this.options());
  }
}
