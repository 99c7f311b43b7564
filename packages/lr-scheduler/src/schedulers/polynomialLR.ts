import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { field, type StateSchema } from "../base/state.js";
import { requireFinite, requirePositiveInteger } from "../base/validate.js";
import { pyPow } from "../expression/pyPow.js";
import type { OptimizerLike } from "../optimizerLike.js";

/** Options of {@link PolynomialLR} (PyTorch: `total_iters`, `power`). */
export interface PolynomialLROptions extends LRSchedulerOptions {
  /** The number of epochs to decay over, a positive integer. Default `5`. */
  totalIters?: number;
  /** The power of the polynomial. Default `1`. */
  power?: number;
}

interface PolynomialLRState {
  totalIters: number;
  power: number;
}

const schema: StateSchema<PolynomialLRState> = {
  totalIters: field.integer("total_iters"),
  power: field.number("power"),
};

/** The keys PolynomialLR's options take. */
const OPTIONS = optionKeys<PolynomialLROptions>()("totalIters", "power", ...LR_SCHEDULER_OPTIONS);

/**
 * Decays each group's lr polynomially to 0 over `totalIters` epochs (PyTorch's `PolynomialLR`,
 * new in 1.13): `lr_epoch = base_lr * (1 - min(epoch, totalIters) / totalIters) ** power`. The
 * chainable form multiplies by `((1 - e / T) / (1 - (e - 1) / T)) ** power`.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.001 }], step() {} };
 * const scheduler = new PolynomialLR(optimizer, { totalIters: 4, power: 1 });
 * // epoch:  0      1        2       3        4
 * // lr:     0.001  0.00075  0.0005  0.00025  0
 * ```
 */
export class PolynomialLR extends LRScheduler<PolynomialLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `totalIters` (5), `power` (1), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: PolynomialLROptions = {}) {
    if (new.target === PolynomialLR) rejectUnknownOptions("PolynomialLR", options, OPTIONS);
    const totalIters = requirePositiveInteger("total_iters", options.totalIters ?? 5);
    const power = requireFinite("power", options.power ?? 1.0);
    super(optimizer, options, { totalIters, power }, schema);
  }

  protected chainableLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const { totalIters, power } = this.state;
    const epoch = this.lastEpoch;
    const hold = epoch === 0 || epoch > totalIters;
    const decay = hold
      ? 1
      : pyPow((1.0 - epoch / totalIters) / (1.0 - (epoch - 1) / totalIters), power);
    for (let i = 0; i < out.length; i++) {
      const lr = groups[i]!.lr;
      out[i] = hold ? lr : lr * decay;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const { totalIters, power } = this.state;
    const scale = pyPow(1.0 - Math.min(totalIters, this.lastEpoch) / totalIters, power);
    for (let i = 0; i < out.length; i++) out[i] = this.baseLrs[i]! * scale;
  }
}
