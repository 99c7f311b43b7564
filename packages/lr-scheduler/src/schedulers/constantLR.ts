import { SchedulerError } from "../base/errors.js";
import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { field, type StateSchema } from "../base/state.js";
import { requireNonNegativeInteger } from "../base/validate.js";
import type { OptimizerLike } from "../optimizerLike.js";

/** Options of {@link ConstantLR} (PyTorch: `factor`, `total_iters`). */
export interface ConstantLROptions extends LRSchedulerOptions {
  /** The factor applied until `totalIters`, in `(0, 1]`. Default `1 / 3`. */
  factor?: number;
  /** The number of epochs the factor applies, a non-negative integer. Default `5`. */
  totalIters?: number;
}

interface ConstantLRState {
  factor: number;
  totalIters: number;
}

const schema: StateSchema<ConstantLRState> = {
  factor: field.number("factor"),
  totalIters: field.integer("total_iters"),
};

/** The keys ConstantLR's options take. */
const OPTIONS = optionKeys<ConstantLROptions>()("factor", "totalIters", ...LR_SCHEDULER_OPTIONS);

/**
 * Multiplies each group's lr by a constant `factor` until epoch `totalIters`, then restores it
 * (PyTorch's `ConstantLR`): `lr_epoch = base_lr * (epoch < totalIters ? factor : 1)`.
 *
 * PyTorch accepts `factor = 0` and then raises ZeroDivisionError at epoch `total_iters`;
 * Kindling rejects it at construction.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.05 }], step() {} };
 * const scheduler = new ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
 * // epoch:  0      1      2      3      4     5
 * // lr:     0.025  0.025  0.025  0.025  0.05  0.05
 * ```
 */
export class ConstantLR extends LRScheduler<ConstantLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `factor` (1/3), `totalIters` (5), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: ConstantLROptions = {}) {
    if (new.target === ConstantLR) rejectUnknownOptions("ConstantLR", options, OPTIONS);
    const factor = options.factor ?? 1.0 / 3;
    if (!(factor >= 0 && factor <= 1)) {
      throw new SchedulerError("Constant multiplicative factor expected to be between 0 and 1.");
    }
    if (factor === 0) {
      throw new SchedulerError(
        "Constant multiplicative factor expected to be between 0 and 1, excluding 0 (it divides by zero at total_iters).",
      );
    }
    const totalIters = requireNonNegativeInteger("total_iters", options.totalIters ?? 5);
    super(optimizer, options, { factor, totalIters }, schema);
  }

  protected chainableLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const { factor, totalIters } = this.state;
    const epoch = this.lastEpoch;
    for (let i = 0; i < out.length; i++) {
      const lr = groups[i]!.lr;
      if (epoch === 0) out[i] = lr * factor;
      else if (epoch !== totalIters) out[i] = lr;
      else out[i] = lr * (1.0 / factor);
    }
  }

  protected override closedFormLr(out: number[]): void {
    const { factor, totalIters } = this.state;
    const scale = factor + (this.lastEpoch >= totalIters ? 1 : 0) * (1 - factor);
    for (let i = 0; i < out.length; i++) out[i] = this.baseLrs[i]! * scale;
  }
}
