import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import type { StateSchema } from "../base/state.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { type Factor, factorsFor, type LrLambda, lrLambdasField } from "./lrLambda.js";

/** Options of {@link MultiplicativeLR} (PyTorch: `lr_lambda`). */
export interface MultiplicativeLROptions extends LRSchedulerOptions {
  /** The per-epoch factor, or one per param group (PyTorch `lr_lambda`). */
  lrLambda: LrLambda | readonly LrLambda[];
}

interface MultiplicativeLRState {
  factors: Factor[];
}

const schema: StateSchema<MultiplicativeLRState> = { factors: lrLambdasField };

/** The keys MultiplicativeLR's options take. */
const OPTIONS = optionKeys<MultiplicativeLROptions>()("lrLambda", ...LR_SCHEDULER_OPTIONS);

/**
 * Multiplies each group's lr by a factor of the epoch at every step after the first (PyTorch's
 * `MultiplicativeLR`): `lr_epoch = lr_{epoch-1} * lrLambda(epoch)` for `epoch > 0`.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.1 }], step() {} };
 * const scheduler = new MultiplicativeLR(optimizer, { lrLambda: "0.5" });
 * // epoch:  0    1     2      3
 * // lr:     0.1  0.05  0.025  0.0125
 * ```
 */
export class MultiplicativeLR extends LRScheduler<MultiplicativeLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `lrLambda` (required), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: MultiplicativeLROptions) {
    if (new.target === MultiplicativeLR) rejectUnknownOptions("MultiplicativeLR", options, OPTIONS);
    super(optimizer, options, { factors: factorsFor(optimizer, options.lrLambda) }, schema);
  }

  protected chainableLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const factors = this.state.factors;
    const epoch = this.lastEpoch;
    for (let i = 0; i < out.length; i++) {
      const lr = groups[i]!.lr;
      out[i] = epoch > 0 ? lr * factors[i]!.fn(epoch) : lr;
    }
  }
}
