import type { Tensor } from "@kindling/tensor";
import { rejectUnknownOptions } from "@kindling/tensor";
import type { CrossEntropyOptions } from "../functional/losses/crossEntropy.js";
import { CROSS_ENTROPY_OPTIONS, crossEntropy } from "../functional/losses/crossEntropy.js";
import { Loss } from "./loss.js";

/**
 * The cross entropy of logits against class indices or probabilities as a module (`torch.nn.CrossEntropyLoss`); see `functional.crossEntropy` for the formula.
 *
 * @example
 * ```ts
 * const loss = new CrossEntropyLoss();
 * loss.call(input, target).backward();
 * ```
 */
export class CrossEntropyLoss extends Loss {
  /** Weight per class. */
  readonly weight: Tensor | null;
  /** Target value that is ignored. */
  readonly ignoreIndex: number;
  /** Label smoothing ε in [0, 1]. */
  readonly labelSmoothing: number;

  /** @param options PyTorch's keyword arguments, camel-cased; reduction defaults to "mean". */
  constructor(options: CrossEntropyOptions = {}) {
    if (new.target === CrossEntropyLoss)
      rejectUnknownOptions("CrossEntropyLoss", options, CROSS_ENTROPY_OPTIONS);
    super(options.reduction);
    this.weight = options.weight ?? null;
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.labelSmoothing = options.labelSmoothing ?? 0;
  }

  private options(): CrossEntropyOptions {
    return {
      reduction: this.reduction,
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
      labelSmoothing: this.labelSmoothing,
    };
  }

  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, this.options());
  }
}
