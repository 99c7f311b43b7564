import { SchedulerError } from "../base/errors.js";
import { optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { field, type StateSchema } from "../base/state.js";
import type { OptimizerLike } from "../optimizerLike.js";
import type { AnnealStrategy } from "./anneal.js";

/** Options of {@link SWALR} (PyTorch: `swa_lr`, `anneal_epochs`, `anneal_strategy`). */
export interface SWALROptions extends Omit<LRSchedulerOptions, "verbose"> {
  /** The lr to anneal to, for all groups or one per group (PyTorch `swa_lr`). Required. */
  swaLr: number | readonly number[];
  /** Epochs of annealing, a non-negative integer. Default `10`. */
  annealEpochs?: number;
  /** `"cos"` or `"linear"`. Default `"cos"`. */
  annealStrategy?: AnnealStrategy;
}

interface SWALRState {
  annealStrategy: AnnealStrategy;
  annealEpochs: number;
}

const schema: StateSchema<SWALRState> = {
  annealStrategy: field.oneOf("anneal_func", ["cos", "linear"]),
  annealEpochs: field.integer("anneal_epochs"),
};

function anneal(strategy: AnnealStrategy, t: number): number {
  return strategy === "cos" ? (1 - Math.cos(Math.PI * t)) / 2 : t;
}

function initialLr(lr: number, swaLr: number, alpha: number): number {
  return alpha === 1 ? swaLr : (lr - alpha * swaLr) / (1 - alpha);
}

/** The keys SWALR's options take. */
const OPTIONS = optionKeys<SWALROptions>()(
  "swaLr",
  "annealEpochs",
  "annealStrategy",
  "lastEpoch",
  "warn",
);

/**
 * Anneals each group's lr to a fixed `swaLr` over `annealEpochs` epochs and holds it there, for
 * stochastic weight averaging (PyTorch's `torch.optim.swa_utils.SWALR`): at step `t`,
 * `lr = swa_lr * alpha + lr_0 * (1 - alpha)` with `alpha = anneal(min(t / annealEpochs, 1))`,
 * where `anneal` is `(1 - cos(pi t)) / 2` or `t`. Writes `swa_lr` into each group, as PyTorch
 * does. In the state dict, PyTorch's `anneal_func` (a function) is written as `"cos"` or `"linear"`.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.1 }], step() {} };
 * const scheduler = new SWALR(optimizer, { swaLr: 0.05, annealEpochs: 2, annealStrategy: "linear" });
 * // epoch:  0    1                    2     3
 * // lr:     0.1  0.07500000000000001  0.05  0.05
 * ```
 */
export class SWALR extends LRScheduler<SWALRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `swaLr` (required), `annealEpochs` (10), `annealStrategy` ("cos"), `lastEpoch` (-1).
   */
  constructor(optimizer: OptimizerLike, options: SWALROptions) {
    if (new.target === SWALR) rejectUnknownOptions("SWALR", options, OPTIONS);
    const groups = optimizer.paramGroups;
    const { swaLr } = options;
    if (typeof swaLr !== "number" && swaLr.length !== groups.length) {
      throw new SchedulerError(
        `swa_lr must have the same length as optimizer.param_groups: swa_lr has ${swaLr.length}, optimizer.param_groups has ${groups.length}`,
      );
    }
    groups.forEach((g, i) => {
      g["swa_lr"] = typeof swaLr === "number" ? swaLr : swaLr[i]!;
    });
    const annealStrategy = options.annealStrategy ?? "cos";
    if (annealStrategy !== "cos" && annealStrategy !== "linear") {
      throw new SchedulerError(
        `anneal_strategy must by one of 'cos' or 'linear', instead got ${annealStrategy}`,
      );
    }
    const annealEpochs = options.annealEpochs ?? 10;
    if (!Number.isInteger(annealEpochs) || annealEpochs < 0) {
      throw new SchedulerError(
        `anneal_epochs must be equal or greater than 0, got ${annealEpochs}`,
      );
    }
    super(optimizer, options, { annealStrategy, annealEpochs }, schema);
  }

  protected chainableLr(out: number[]): void {
    const { annealStrategy, annealEpochs } = this.state;
    let step = this.stepCount - 1;
    if (annealEpochs === 0) step = Math.max(1, step);
    const prevT = Math.max(0, Math.min(1, (step - 1) / Math.max(1, annealEpochs)));
    const prevAlpha = anneal(annealStrategy, prevT);
    const t = Math.max(0, Math.min(1, step / Math.max(1, annealEpochs)));
    const alpha = anneal(annealStrategy, t);
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < out.length; i++) {
      const group = groups[i]!;
      const swaLr = group["swa_lr"] as number;
      const prevLr = initialLr(group.lr, swaLr, prevAlpha);
      out[i] = swaLr * alpha + prevLr * (1 - alpha);
    }
  }
}
