import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { field, type StateSchema } from "../base/state.js";
import { requirePositiveInteger } from "../base/validate.js";
import { pyPow } from "../expression/pyPow.js";
import type { OptimizerLike } from "../optimizerLike.js";

/** Options of {@link StepLR} (PyTorch: `step_size`, `gamma`). */
export interface StepLROptions extends LRSchedulerOptions {
  /** Period of decay, in steps (PyTorch `step_size`): a positive integer. */
  stepSize: number;
  /** Multiplicative factor of decay (PyTorch `gamma`). Default `0.1`. */
  gamma?: number;
}

interface StepLRState {
  stepSize: number;
  gamma: number;
}

const schema: StateSchema<StepLRState> = {
  stepSize: field.integer("step_size"),
  gamma: field.number("gamma"),
};

/** The keys StepLR's options take. */
const OPTIONS = optionKeys<StepLROptions>()("stepSize", "gamma", ...LR_SCHEDULER_OPTIONS);

/**
 * Decays each group's lr by `gamma` every `stepSize` epochs (PyTorch's `StepLR`):
 * `lr_epoch = base_lr * gamma ** floor(epoch / stepSize)`. The chainable form multiplies the
 * group's current lr by `gamma` at each multiple of `stepSize`, so changes made to the lr from
 * outside the scheduler are kept.
 *
 * Unlike PyTorch 1.13 (which fails with ZeroDivisionError at the first step for `step_size=0`), a
 * `stepSize` that is not a positive integer throws at construction.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.05 }], step() {} };
 * const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.1 });
 * // epoch 0, 1: 0.05
 * // epoch 2, 3: 0.005000000000000001
 * // epoch 4, 5: 0.0005000000000000001
 * ```
 */
export class StepLR extends LRScheduler<StepLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `stepSize` (required), `gamma` (0.1), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: StepLROptions) {
    if (new.target === StepLR) rejectUnknownOptions("StepLR", options, OPTIONS);
    const stepSize = requirePositiveInteger("step_size", options.stepSize);
    super(optimizer, options, { stepSize, gamma: options.gamma ?? 0.1 }, schema);
  }

  protected chainableLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const epoch = this.lastEpoch;
    const decay = epoch !== 0 && epoch % this.state.stepSize === 0;
    const gamma = this.state.gamma;
    for (let i = 0; i < out.length; i++) {
      const lr = groups[i]!.lr;
      out[i] = decay ? lr * gamma : lr;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const factor = pyPow(this.state.gamma, Math.floor(this.lastEpoch / this.state.stepSize));
    for (let i = 0; i < out.length; i++) out[i] = this.baseLrs[i]! * factor;
  }
}
