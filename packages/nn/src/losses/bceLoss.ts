import type { Tensor } from "@kindling/tensor";
import { rejectUnknownOptions } from "@kindling/tensor";
import type { BCEOptions } from "../functional/losses/binaryCrossEntropy.js";
import { BCE_OPTIONS, binaryCrossEntropy } from "../functional/losses/binaryCrossEntropy.js";
import { Loss } from "./loss.js";

/**
 * The binary cross entropy of probabilities as a module (`torch.nn.BCELoss`); see `functional.binaryCrossEntropy` for the formula.
 *
 * @example
 * ```ts
 * const loss = new BCELoss();
 * loss.call(input, target).backward();
 * ```
 */
export class BCELoss extends Loss {
  /** Weight per element. */
  readonly weight: Tensor | null;

  /** @param options PyTorch's keyword arguments, camel-cased; reduction defaults to "mean". */
  constructor(options: BCEOptions = {}) {
    if (new.target === BCELoss) rejectUnknownOptions("BCELoss", options, BCE_OPTIONS);
    super(options.reduction);
    this.weight = options.weight ?? null;
  }

  private options(): BCEOptions {
    return { reduction: this.reduction, weight: this.weight };
  }

  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, this.options());
  }
}
