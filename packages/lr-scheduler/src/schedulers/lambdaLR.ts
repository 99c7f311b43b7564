import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import type { StateSchema } from "../base/state.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { type Factor, factorsFor, type LrLambda, lrLambdasField } from "./lrLambda.js";

/** Options of {@link LambdaLR} (PyTorch: `lr_lambda`). */
export interface LambdaLROptions extends LRSchedulerOptions {
  /** The factor of the epoch, or one per param group (PyTorch `lr_lambda`). */
  lrLambda: LrLambda | readonly LrLambda[];
}

interface LambdaLRState {
  factors: Factor[];
}

const schema: StateSchema<LambdaLRState> = { factors: lrLambdasField };

/**
 * Sets each group's lr to its initial lr times a factor of the epoch (PyTorch's `LambdaLR`):
 * `lr_epoch = base_lr * lrLambda(epoch)`.
 *
 * The factor may be a plain function (as in PyTorch; `stateDict()` then holds `null` for it) or an
 * expression declared as data (`"0.95 ** epoch"`), which `stateDict()` keeps.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.05 }], step() {} };
 * const scheduler = new LambdaLR(optimizer, { lrLambda: "0.5 ** epoch" });
 * // epoch:  0     1      2       3
 * // lr:     0.05  0.025  0.0125  0.00625
 * scheduler.stateDict().lr_lambdas; // [{ expression: "0.5 ** epoch" }]
 * ```
 */
export class LambdaLR extends LRScheduler<LambdaLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `lrLambda` (required), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: LambdaLROptions) {
    super(optimizer, options, { factors: factorsFor(optimizer, options.lrLambda) }, schema);
  }

  protected chainableLr(out: number[]): void {
    const factors = this.state.factors;
    const epoch = this.lastEpoch;
    for (let i = 0; i < out.length; i++) out[i] = this.baseLrs[i]! * factors[i]!.fn(epoch);
  }
}
