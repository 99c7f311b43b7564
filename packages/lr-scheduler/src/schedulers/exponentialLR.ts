import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { field, type StateSchema } from "../base/state.js";
import { requireFinite } from "../base/validate.js";
import { pyPow } from "../expression/pyPow.js";
import type { OptimizerLike } from "../optimizerLike.js";

/** Options of {@link ExponentialLR} (PyTorch: `gamma`). */
export interface ExponentialLROptions extends LRSchedulerOptions {
  /** Multiplicative factor of decay per epoch (PyTorch `gamma`). Required. */
  gamma: number;
}

interface ExponentialLRState {
  gamma: number;
}

const schema: StateSchema<ExponentialLRState> = { gamma: field.number("gamma") };

/** The keys ExponentialLR's options take. */
const OPTIONS = optionKeys<ExponentialLROptions>()("gamma", ...LR_SCHEDULER_OPTIONS);

/**
 * Decays each group's lr by `gamma` every epoch (PyTorch's `ExponentialLR`):
 * `lr_epoch = base_lr * gamma ** epoch`, computed chainably as `lr * gamma`.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.1 }], step() {} };
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.5 });
 * // epoch:  0    1     2      3
 * // lr:     0.1  0.05  0.025  0.0125
 * ```
 */
export class ExponentialLR extends LRScheduler<ExponentialLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `gamma` (required), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: ExponentialLROptions) {
    if (new.target === ExponentialLR) rejectUnknownOptions("ExponentialLR", options, OPTIONS);
    super(optimizer, options, { gamma: requireFinite("gamma", options.gamma) }, schema);
  }

  protected chainableLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const first = this.lastEpoch === 0;
    const gamma = this.state.gamma;
    for (let i = 0; i < out.length; i++) {
      const lr = groups[i]!.lr;
      out[i] = first ? lr : lr * gamma;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const factor = pyPow(this.state.gamma, this.lastEpoch);
    for (let i = 0; i < out.length; i++) out[i] = this.baseLrs[i]! * factor;
  }
}
