import { SchedulerError } from "../base/errors.js";
import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { field, type StateSchema } from "../base/state.js";
import { requireFinite } from "../base/validate.js";
import type { OptimizerLike } from "../optimizerLike.js";

/** Options of {@link CosineAnnealingLR} (PyTorch: `T_max`, `eta_min`). */
export interface CosineAnnealingLROptions extends LRSchedulerOptions {
  /** Half period, in epochs (PyTorch `T_max`): positive. Required. */
  tMax: number;
  /** Minimum lr (PyTorch `eta_min`). Default `0`. */
  etaMin?: number;
}

interface CosineAnnealingLRState {
  tMax: number;
  etaMin: number;
}

const schema: StateSchema<CosineAnnealingLRState> = {
  tMax: field.number("T_max"),
  etaMin: field.number("eta_min"),
};

/** The keys CosineAnnealingLR's options take. */
const OPTIONS = optionKeys<CosineAnnealingLROptions>()("tMax", "etaMin", ...LR_SCHEDULER_OPTIONS);

/**
 * Cosine annealing from `base_lr` to `etaMin` over `tMax` epochs, then back up (PyTorch's
 * `CosineAnnealingLR`, the annealing of SGDR without restarts):
 * `lr_e = etaMin + (base_lr - etaMin) * (1 + cos(pi * e / tMax)) / 2`.
 *
 * `step()` uses PyTorch's recursive form, which rounds differently from the formula above:
 * `lr_e = (1 + cos(pi e / T)) / (1 + cos(pi (e - 1) / T)) * (lr_{e-1} - etaMin) + etaMin`, with
 * `lr_e = lr_{e-1} + (base_lr - etaMin) * (1 - cos(pi / T)) / 2` when `(e - 1 - T) % 2T == 0`,
 * and the formula itself on a resumed scheduler's first step.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.1 }], step() {} };
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 4 });
 * // epoch 0: 0.1                   epoch 3: 0.014644660940672627
 * // epoch 1: 0.08535533905932738   epoch 4: 0
 * // epoch 2: 0.05                  epoch 5: 0.014644660940672622
 * ```
 */
export class CosineAnnealingLR extends LRScheduler<CosineAnnealingLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `tMax` (required), `etaMin` (0), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: CosineAnnealingLROptions) {
    if (new.target === CosineAnnealingLR)
      rejectUnknownOptions("CosineAnnealingLR", options, OPTIONS);
    const tMax = requireFinite("T_max", options.tMax);
    if (tMax <= 0) throw new SchedulerError(`Expected positive T_max, but got ${tMax}`);
    super(
      optimizer,
      options,
      { tMax, etaMin: requireFinite("eta_min", options.etaMin ?? 0) },
      schema,
    );
  }

  protected chainableLr(out: number[]): void {
    const groups = this.optimizer.paramGroups;
    const { tMax, etaMin } = this.state;
    const epoch = this.lastEpoch;
    if (epoch === 0) {
      for (let i = 0; i < out.length; i++) out[i] = groups[i]!.lr;
    } else if (this.stepCount === 1 && epoch > 0) {
      const cos = 1 + Math.cos((epoch * Math.PI) / tMax);
      for (let i = 0; i < out.length; i++)
        out[i] = etaMin + ((this.baseLrs[i]! - etaMin) * cos) / 2;
    } else if ((epoch - 1 - tMax) % (2 * tMax) === 0) {
      const rise = 1 - Math.cos(Math.PI / tMax);
      for (let i = 0; i < out.length; i++) {
        out[i] = groups[i]!.lr + ((this.baseLrs[i]! - etaMin) * rise) / 2;
      }
    } else {
      const ratio =
        (1 + Math.cos((Math.PI * epoch) / tMax)) / (1 + Math.cos((Math.PI * (epoch - 1)) / tMax));
      for (let i = 0; i < out.length; i++) out[i] = ratio * (groups[i]!.lr - etaMin) + etaMin;
    }
  }

  protected override closedFormLr(out: number[]): void {
    const { tMax, etaMin } = this.state;
    const cos = 1 + Math.cos((Math.PI * this.lastEpoch) / tMax);
    for (let i = 0; i < out.length; i++) out[i] = etaMin + ((this.baseLrs[i]! - etaMin) * cos) / 2;
  }
}
