import { SchedulerError } from "../base/errors.js";
import { optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { print } from "../base/output.js";
import { formatLr } from "../base/printLr.js";
import { requireStateDict } from "../base/requireStateDict.js";
import type { Scheduler } from "../base/scheduler.js";
import {
  decodeFields,
  encodeFields,
  field,
  readNumbers,
  type StateDict,
  type StateSchema,
} from "../base/state.js";
import { requireNonNegativeInteger } from "../base/validate.js";
import { defaultWarningHandler, type WarningHandler, warning } from "../base/warnings.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { readMetric } from "./readMetric.js";

/**
 * Options of {@link ReduceLROnPlateau} (PyTorch: `mode`, `factor`, `patience`, `threshold`,
 * `threshold_mode`, `cooldown`, `min_lr`, `eps`, `verbose`).
 */
export interface ReduceLROnPlateauOptions {
  /** `"min"`: reduce when the metric stops decreasing; `"max"`: when it stops increasing. Default `"min"`. */
  mode?: "min" | "max";
  /** `new_lr = lr * factor`, in `[0, 1)`. Default `0.1`. */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (a non-negative integer). Default `10`. */
  patience?: number;
  /** The least change that counts as an improvement. Default `1e-4`. */
  threshold?: number;
  /**
   * `"rel"`: better means beyond `best * (1 -/+ threshold)`; `"abs"`: beyond `best -/+ threshold`.
   * Default `"rel"`.
   */
  thresholdMode?: "rel" | "abs";
  /** Epochs to wait after a reduction before counting bad epochs again. Default `0`. */
  cooldown?: number;
  /** A lower bound on the lr, for all groups or one per group (PyTorch `min_lr`). Default `0`. */
  minLr?: number | readonly number[];
  /** Reductions smaller than `eps` are skipped. Default `1e-8`. */
  eps?: number;
  /** Print each reduction. Default `false`. */
  verbose?: boolean;
  /** Receives this scheduler's warnings. */
  warn?: WarningHandler;
}

interface PlateauState {
  factor: number;
  minLrs: number[];
  patience: number;
  verbose: boolean;
  cooldown: number;
  cooldownCounter: number;
  mode: "min" | "max";
  threshold: number;
  thresholdMode: "rel" | "abs";
  best: number;
  numBadEpochs: number;
  modeWorse: number;
  eps: number;
  lastEpoch: number;
}

const schema: StateSchema<PlateauState> = {
  factor: field.number("factor"),
  minLrs: field.perGroup("min_lrs"),
  patience: field.integer("patience"),
  verbose: field.boolean("verbose"),
  cooldown: field.integer("cooldown"),
  cooldownCounter: field.integer("cooldown_counter"),
  mode: field.oneOf("mode", ["min", "max"]),
  threshold: field.number("threshold"),
  thresholdMode: field.oneOf("threshold_mode", ["rel", "abs"]),
  best: field.number("best"),
  numBadEpochs: field.integer("num_bad_epochs"),
  modeWorse: field.number("mode_worse"),
  eps: field.number("eps"),
  lastEpoch: field.number("last_epoch"),
};

/** The keys ReduceLROnPlateau's options take. */
const OPTIONS = optionKeys<ReduceLROnPlateauOptions>()(
  "mode",
  "factor",
  "patience",
  "threshold",
  "thresholdMode",
  "cooldown",
  "minLr",
  "eps",
  "verbose",
  "warn",
);

/**
 * Reduces each group's lr by `factor` when a metric has stopped improving for more than
 * `patience` epochs (PyTorch's `ReduceLROnPlateau`). An epoch improves when the metric beats the
 * best so far by the threshold (`rel`: `metric < best * (1 - threshold)` in `min` mode; `abs`:
 * `metric < best - threshold`); after a reduction, `cooldown` epochs pass before bad epochs count
 * again; the lr never goes below `minLr`, and changes smaller than `eps` are skipped.
 *
 * It is stepped with the metric: `scheduler.step(validationLoss)`. As in PyTorch 1.13 it is not an
 * {@link LRScheduler} (PyTorch 2.2 made it one), and its state has no `_last_lr` before the first step.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.1 }], step() {} };
 * const scheduler = new ReduceLROnPlateau(optimizer, { patience: 1, factor: 0.5 });
 * for (const loss of [1.0, 0.9, 0.9, 0.9, 0.9, 0.9]) scheduler.step(loss);
 * // metric: 1.0  0.9  0.9  0.9   0.9   0.9
 * // lr:     0.1  0.1  0.1  0.05  0.05  0.025
 * ```
 */
export class ReduceLROnPlateau implements Scheduler {
  /** The optimizer whose lrs are reduced. */
  readonly optimizer: OptimizerLike;
  readonly #state: PlateauState;
  readonly #warn: WarningHandler;
  #lastLr: number[] | undefined;

  /**
   * @param optimizer - The optimizer to drive.
   * @param options - See {@link ReduceLROnPlateauOptions} for the defaults.
   */
  constructor(optimizer: OptimizerLike, options: ReduceLROnPlateauOptions = {}) {
    if (new.target === ReduceLROnPlateau)
      rejectUnknownOptions("ReduceLROnPlateau", options, OPTIONS);
    const factor = options.factor ?? 0.1;
    if (factor >= 1.0) throw new SchedulerError("Factor should be < 1.0.");
    const groups = optimizer.paramGroups.length;
    const minLr = options.minLr ?? 0;
    if (typeof minLr !== "number" && minLr.length !== groups) {
      throw new SchedulerError(`expected ${groups} min_lrs, got ${minLr.length}`);
    }
    const minLrs = typeof minLr === "number" ? new Array<number>(groups).fill(minLr) : [...minLr];
    const mode = options.mode ?? "min";
    const thresholdMode = options.thresholdMode ?? "rel";
    if (mode !== "min" && mode !== "max") throw new SchedulerError(`mode ${mode} is unknown!`);
    if (thresholdMode !== "rel" && thresholdMode !== "abs") {
      throw new SchedulerError(`threshold mode ${thresholdMode} is unknown!`);
    }
    const modeWorse = mode === "min" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    this.optimizer = optimizer;
    this.#warn = options.warn ?? defaultWarningHandler;
    this.#state = {
      factor,
      minLrs,
      patience: requireNonNegativeInteger("patience", options.patience ?? 10),
      verbose: options.verbose ?? false,
      cooldown: requireNonNegativeInteger("cooldown", options.cooldown ?? 0),
      cooldownCounter: 0,
      mode,
      threshold: options.threshold ?? 1e-4,
      thresholdMode,
      best: modeWorse,
      numBadEpochs: 0,
      modeWorse,
      eps: options.eps ?? 1e-8,
      lastEpoch: 0,
    };
  }

  /** Whether `metric` beats `best` by the threshold, in the scheduler's mode. */
  isBetter(metric: number, best: number): boolean {
    const { mode, thresholdMode, threshold } = this.#state;
    if (mode === "min") {
      return thresholdMode === "rel" ? metric < best * (1 - threshold) : metric < best - threshold;
    }
    return thresholdMode === "rel" ? metric > best * (threshold + 1) : metric > best + threshold;
  }

  /** Whether the scheduler is in its cooldown after a reduction. */
  get inCooldown(): boolean {
    return this.#state.cooldownCounter > 0;
  }

  /**
   * Records one epoch's metric and reduces the lrs when it has not improved for more than
   * `patience` epochs.
   *
   * @param metrics - The monitored quantity (e.g. the validation loss); anything `float()` could
   *   not read (no value, `null`, `"abc"`, `{}`) throws a {@link SchedulerError}.
   * @param epoch - Deprecated, as in PyTorch: the epoch number to record (warns `"epoch-deprecated"`).
   */
  step(metrics: number, epoch?: number): void {
    const s = this.#state;
    const current = readMetric(metrics);
    if (epoch === undefined) epoch = s.lastEpoch + 1;
    else this.#warn(warning("epoch-deprecated"));
    s.lastEpoch = epoch;
    if (this.isBetter(current, s.best)) {
      s.best = current;
      s.numBadEpochs = 0;
    } else {
      s.numBadEpochs += 1;
    }
    if (s.cooldownCounter > 0) {
      s.cooldownCounter -= 1;
      s.numBadEpochs = 0;
    }
    if (s.numBadEpochs > s.patience) {
      this.#reduceLr(epoch);
      s.cooldownCounter = s.cooldown;
      s.numBadEpochs = 0;
    }
    const groups = this.optimizer.paramGroups;
    const lastLr = (this.#lastLr ??= new Array<number>(groups.length));
    for (let i = 0; i < groups.length; i++) lastLr[i] = groups[i]!.lr;
  }

  #reduceLr(epoch: number): void {
    const s = this.#state;
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i]!;
      const oldLr = group.lr;
      const newLr = Math.max(oldLr * s.factor, s.minLrs[i]!);
      if (oldLr - newLr > s.eps) {
        group.lr = newLr;
        if (s.verbose) {
          const label = Number.isInteger(epoch) ? String(epoch).padStart(5, "0") : epoch.toFixed(2);
          print(`Epoch ${label}: reducing learning rate of group ${i} to ${formatLr(newLr)}.`);
        }
      }
    }
  }

  /** The groups' lrs after the last step (the current ones before any step), a copy. */
  getLastLr(): number[] {
    return this.#lastLr?.slice() ?? this.optimizer.paramGroups.map((g) => g.lr);
  }

  /**
   * PyTorch 1.13's layout: `factor`, `min_lrs`, `patience`, `verbose`, `cooldown`,
   * `cooldown_counter`, `mode`, `threshold`, `threshold_mode`, `best`, `num_bad_epochs`,
   * `mode_worse`, `eps`, `last_epoch`, and `_last_lr` once stepped. `best` and `mode_worse` may be
   * `Infinity` (PyTorch's `inf`).
   */
  stateDict(): StateDict {
    const dict: StateDict = {};
    encodeFields(dict, schema, this.#state, false);
    if (this.#lastLr !== undefined) dict["_last_lr"] = [...this.#lastLr];
    return dict;
  }

  /** Restores a state saved by {@link ReduceLROnPlateau.stateDict} or PyTorch, checked. */
  loadStateDict(state: StateDict): void {
    requireStateDict(state, "ReduceLROnPlateau");
    const groups = this.optimizer.paramGroups.length;
    const lastLr =
      state["_last_lr"] === undefined
        ? undefined
        : readNumbers(state["_last_lr"], "_last_lr", groups);
    decodeFields(state, schema, this.#state, groups, "ReduceLROnPlateau");
    this.#lastLr = lastLr;
  }
}
