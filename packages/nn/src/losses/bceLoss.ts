import type { Tensor } from "@kindling/tensor";
import { optionKeys, rejectUnknownOptions } from "@kindling/tensor";
import type { BCEOptions } from "../functional/losses/binaryCrossEntropy.js";
import { binaryCrossEntropy } from "../functional/losses/binaryCrossEntropy.js";
import { Loss } from "./loss.js";

/** The keys BCELoss's options take. */
const OPTIONS = optionKeys<BCEOptions>()("weight", "reduction");

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
    if (new.target === BCELoss) rejectUnknownOptions("BCELoss", options, OPTIONS);
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
