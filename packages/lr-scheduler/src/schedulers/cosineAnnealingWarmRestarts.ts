import { SchedulerError } from "../base/errors.js";
import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { field, type StateSchema } from "../base/state.js";
import { pythonMod } from "../expression/compile.js";
import type { OptimizerLike } from "../optimizerLike.js";

/** Options of {@link CosineAnnealingWarmRestarts} (PyTorch: `T_0`, `T_mult`, `eta_min`). */
export interface CosineAnnealingWarmRestartsOptions extends LRSchedulerOptions {
  /** Epochs until the first restart (PyTorch `T_0`): a positive integer. Required. */
  t0: number;
  /** Factor by which the period grows after each restart (PyTorch `T_mult`): an integer >= 1. Default `1`. */
  tMult?: number;
  /** Minimum lr (PyTorch `eta_min`). Default `0`. */
  etaMin?: number;
}

interface WarmRestartsState {
  t0: number;
  tI: number;
  tMult: number;
  etaMin: number;
  tCur: number;
}

const schema: StateSchema<WarmRestartsState> = {
  t0: field.integer("T_0"),
  tI: field.number("T_i"),
  tMult: field.integer("T_mult"),
  etaMin: field.number("eta_min"),
  tCur: field.number("T_cur"),
};

/** The keys CosineAnnealingWarmRestarts's options take. */
const OPTIONS = optionKeys<CosineAnnealingWarmRestartsOptions>()(
  "t0",
  "tMult",
  "etaMin",
  ...LR_SCHEDULER_OPTIONS,
);

/**
 * Cosine annealing with warm restarts (PyTorch's `CosineAnnealingWarmRestarts`, SGDR):
 * `lr = etaMin + (base_lr - etaMin) * (1 + cos(pi * T_cur / T_i)) / 2`, where `T_cur` counts epochs
 * since the last restart and the period `T_i` starts at `t0` and is multiplied by `tMult` at each
 * restart. `step(epoch)` accepts fractional epochs (e.g. `epoch + batch / batches`) without a
 * deprecation warning, as in PyTorch. As in PyTorch, `step()` does not count `_step_count` nor
 * check the optimizer-step order.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.1 }], step() {} };
 * const scheduler = new CosineAnnealingWarmRestarts(optimizer, { t0: 2 });
 * // epoch:  0    1     2    3     4
 * // lr:     0.1  0.05  0.1  0.05  0.1
 * scheduler.step(0.5); // lr 0.08535533905932738
 * ```
 */
export class CosineAnnealingWarmRestarts extends LRScheduler<WarmRestartsState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `t0` (required), `tMult` (1), `etaMin` (0), `lastEpoch` (-1), `verbose` (false).
   */
  constructor(optimizer: OptimizerLike, options: CosineAnnealingWarmRestartsOptions) {
    if (new.target === CosineAnnealingWarmRestarts)
      rejectUnknownOptions("CosineAnnealingWarmRestarts", options, OPTIONS);
    const { t0 } = options;
    const tMult = options.tMult ?? 1;
    if (!Number.isInteger(t0) || t0 <= 0) {
      throw new SchedulerError(`Expected positive integer T_0, but got ${t0}`);
    }
    if (!Number.isInteger(tMult) || tMult < 1) {
      throw new SchedulerError(`Expected integer T_mult >= 1, but got ${tMult}`);
    }
    const state = { t0, tI: t0, tMult, etaMin: options.etaMin ?? 0, tCur: options.lastEpoch ?? -1 };
    super(optimizer, options, state, schema);
  }

  protected override get stepChecks(): boolean {
    return false;
  }

  protected override advanceEpoch(epoch: number | undefined): "chainable" {
    const s = this.state;
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      s.tCur = s.tCur + 1;
      if (s.tCur >= s.tI) {
        s.tCur = s.tCur - s.tI;
        s.tI = s.tI * s.tMult;
      }
    } else {
      if (epoch < 0) throw new SchedulerError(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= s.t0) {
        if (s.tMult === 1) {
          s.tCur = pythonMod(epoch, s.t0);
        } else {
          const n = Math.trunc(Math.log((epoch / s.t0) * (s.tMult - 1) + 1) / Math.log(s.tMult));
          s.tCur = epoch - (s.t0 * (s.tMult ** n - 1)) / (s.tMult - 1);
          s.tI = s.t0 * s.tMult ** n;
        }
      } else {
        s.tI = s.t0;
        s.tCur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    return "chainable";
  }

  /**
   * PyTorch's `step()` here always passes an epoch to `print_lr`: `step()` prints the epoch it
   * counted to (`Epoch 00000: ...` at construction), `step(epoch)` the epoch given (`Epoch 2.50`).
   */
  protected override printedEpoch(epoch: number | undefined): number {
    return epoch ?? this.lastEpoch;
  }

  protected chainableLr(out: number[]): void {
    const { etaMin, tCur, tI } = this.state;
    const cos = 1 + Math.cos((Math.PI * tCur) / tI);
    for (let i = 0; i < out.length; i++) out[i] = etaMin + ((this.baseLrs[i]! - etaMin) * cos) / 2;
  }
}
