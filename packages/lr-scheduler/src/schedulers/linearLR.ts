import { SchedulerError } from "../base/errors.js";
import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { field, type StateSchema } from "../base/state.js";
import { requirePositiveInteger } from "../base/validate.js";
import type { OptimizerLike } from "../optimizerLike.js";

/** Options of {@link LinearLR} (PyTorch: `start_factor`, `end_factor`, `total_iters`). */
export interface LinearLROptions extends LRSchedulerOptions {
  /** The factor at epoch 0, in `(0, 1]`. Default `1 / 3`. */
  startFactor?: number;
  /** The factor from epoch `totalIters` on, in `[0, 1]`. Default `1`. */
  endFactor?: number;
  /** The number of epochs to go from `startFactor` to `endFactor`, a positive integer. Default `5`. */
  totalIters?: number;
}

interface LinearLRState {
  startFactor: number;
  endFactor: number;
  totalIters: number;
}

const schema: StateSchema<LinearLRState> = {
  startFactor: field.number("start_factor"),
  endFactor: field.number("end_factor"),
  totalIters: field.integer("total_iters"),
};

/** The keys LinearLR's options take. */
const OPTIONS = optionKeys<LinearLROptions>()(
  "startFactor",
  "endFactor",
  "totalIters",
  ...LR_SCHEDULER_OPTIONS,
);

/**
 * Changes each group's lr linearly from `startFactor * base_lr` to `endFactor * base_lr` over
 * `totalIters` epochs, then holds it (PyTorch's `LinearLR`):
 * `lr_epoch = base_lr * (start + (end - start) * min(epoch, totalIters) / totalIters)`.
 * The chainable form multiplies the current lr by
 * `1 + (end - start) / (totalIters * start + (epoch - 1) * (end - start))`.
 *
 * A start factor of 0 divides by zero in the chainable form (PyTorch 1.13 raises
 * ZeroDivisionError at epoch 1; PyTorch 2.x rejects it): Kindling rejects it at construction, as
 * it does `totalIters = 0`.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.05 }], step() {} };
 * const scheduler = new LinearLR(optimizer, { startFactor: 0.5, totalIters: 4 });
 * // epoch:  0      1        2       3                     4     5
 * // lr:     0.025  0.03125  0.0375  0.043750000000000004  0.05  0.05
 * ```
 */
export class LinearLR extends LRScheduler<LinearLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `startFactor` (1/3), `endFactor` (1), `totalIters` (5), `lastEpoch`, `verbose`.
   */
  constructor(optimizer: OptimizerLike, options: LinearLROptions = {}) {
    if (new.target === LinearLR) rejectUnknownOptions("LinearLR", options, OPTIONS);
    const startFactor = options.startFactor ?? 1.0 / 3;
    const endFactor = options.endFactor ?? 1.0;
    if (!(startFactor >= 0 && startFactor <= 1)) {
      throw new SchedulerError("Starting multiplicative factor expected to be between 0 and 1.");
    }
    if (startFactor === 0) {
      throw new SchedulerError(
        "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.",
      );
    }
    if (!(endFactor >= 0 && endFactor <= 1)) {
      throw new SchedulerError("Ending multiplicative factor expected to be between 0 and 1.");
    }
    const totalIters = requirePositiveInteger("total_iters", options.totalIters ?? 5);
    super(optimizer, options, { startFactor, endFactor, totalIters }, schema);
  }

  protected chainableLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const { startFactor, endFactor, totalIters } = this.state;
    const epoch = this.lastEpoch;
    const factor =
      epoch === 0
        ? startFactor
        : epoch > totalIters
          ? 1
          : 1 +
            (endFactor - startFactor) /
              (totalIters * startFactor + (epoch - 1) * (endFactor - startFactor));
    const hold = epoch > totalIters;
    for (let i = 0; i < out.length; i++) {
      const lr = groups[i]!.lr;
      out[i] = hold ? lr : lr * factor;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const { startFactor, endFactor, totalIters } = this.state;
    const scale =
      startFactor + ((endFactor - startFactor) * Math.min(totalIters, this.lastEpoch)) / totalIters;
    for (let i = 0; i < out.length; i++) out[i] = this.baseLrs[i]! * scale;
  }
}
