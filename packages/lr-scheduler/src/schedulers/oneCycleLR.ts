import { SchedulerError } from "../base/errors.js";
import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { momentumKey, writeMomentum } from "../base/momentum.js";
import { field, readNumber, readString, type StateSchema, type StateValue } from "../base/state.js";
import { perGroup, requirePositiveInteger } from "../base/validate.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { type AnnealStrategy, annealCos, annealLinear } from "./anneal.js";

/**
 * Options of {@link OneCycleLR} (PyTorch: `max_lr`, `total_steps`, `epochs`, `steps_per_epoch`,
 * `pct_start`, `anneal_strategy`, `cycle_momentum`, `base_momentum`, `max_momentum`,
 * `div_factor`, `final_div_factor`, `three_phase`).
 */
export interface OneCycleLROptions extends LRSchedulerOptions {
  /** Peak lr, for all groups or one per group. Required. */
  maxLr: number | readonly number[];
  /** Steps in the cycle. Required unless `epochs` and `stepsPerEpoch` are given. */
  totalSteps?: number;
  /** Epochs; with `stepsPerEpoch`, `totalSteps = epochs * stepsPerEpoch`. */
  epochs?: number;
  /** Steps per epoch (see `epochs`). */
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the lr, in `[0, 1]`. Default `0.3`. */
  pctStart?: number;
  /** `"cos"` or `"linear"`. Default `"cos"`. */
  annealStrategy?: AnnealStrategy;
  /** Cycle momentum (or Adam's beta1) inversely to the lr. Default `true`. */
  cycleMomentum?: boolean;
  /** Momentum at the lr's peak. Default `0.85`. */
  baseMomentum?: number | readonly number[];
  /** Momentum at the start and end. Default `0.95`. */
  maxMomentum?: number | readonly number[];
  /** `initial_lr = maxLr / divFactor`. Default `25`. */
  divFactor?: number;
  /** `min_lr = initial_lr / finalDivFactor`. Default `1e4`. */
  finalDivFactor?: number;
  /** Use three phases (up, down to `initial_lr`, then to `min_lr`) instead of two. Default `false`. */
  threePhase?: boolean;
}

/** The param-group keys a phase interpolates between. */
type GroupKey = "initial_lr" | "max_lr" | "min_lr" | "max_momentum" | "base_momentum";
const GROUP_KEYS: readonly GroupKey[] = [
  "initial_lr",
  "max_lr",
  "min_lr",
  "max_momentum",
  "base_momentum",
];

interface Phase {
  endStep: number;
  startLr: GroupKey;
  endLr: GroupKey;
  startMomentum: GroupKey;
  endMomentum: GroupKey;
}

interface OneCycleLRState {
  totalSteps: number;
  phases: Phase[];
  annealStrategy: AnnealStrategy;
  cycleMomentum: boolean;
  /** Absent (as in PyTorch) when momentum is not cycled. */
  useBeta1: boolean | undefined;
}

const schema: StateSchema<OneCycleLRState> = {
  totalSteps: field.integer("total_steps"),
  phases: field.custom("_schedule_phases", {
    encode: (phases): StateValue =>
      phases.map((p) => ({
        end_step: p.endStep,
        start_lr: p.startLr,
        end_lr: p.endLr,
        start_momentum: p.startMomentum,
        end_momentum: p.endMomentum,
      })),
    decode(raw, { key, current }) {
      if (!Array.isArray(raw) || raw.length !== current.length) {
        throw new SchedulerError(
          `state_dict['${key}'] must be a list of ${current.length} phases`,
          "TypeError",
        );
      }
      return raw.map((entry: StateValue, i: number) => {
        const p = (entry ?? {}) as Record<string, StateValue>;
        const at = `${key}'][${i}`;
        return {
          endStep: readNumber(p["end_step"], `${at}]['end_step`),
          startLr: readString(p["start_lr"], `${at}]['start_lr`, GROUP_KEYS),
          endLr: readString(p["end_lr"], `${at}]['end_lr`, GROUP_KEYS),
          startMomentum: readString(p["start_momentum"], `${at}]['start_momentum`, GROUP_KEYS),
          endMomentum: readString(p["end_momentum"], `${at}]['end_momentum`, GROUP_KEYS),
        };
      });
    },
  }),
  annealStrategy: field.oneOf("anneal_func", ["cos", "linear"]),
  cycleMomentum: field.boolean("cycle_momentum"),
  useBeta1: field.optional(field.boolean("use_beta1")),
};

function phase(endStep: number, lr: [GroupKey, GroupKey], momentum: [GroupKey, GroupKey]): Phase {
  return {
    endStep,
    startLr: lr[0],
    endLr: lr[1],
    startMomentum: momentum[0],
    endMomentum: momentum[1],
  };
}

/** The keys OneCycleLR's options take. */
const OPTIONS = optionKeys<OneCycleLROptions>()(
  "maxLr",
  "totalSteps",
  "epochs",
  "stepsPerEpoch",
  "pctStart",
  "annealStrategy",
  "cycleMomentum",
  "baseMomentum",
  "maxMomentum",
  "divFactor",
  "finalDivFactor",
  "threePhase",
  ...LR_SCHEDULER_OPTIONS,
);

/**
 * The 1cycle policy (PyTorch's `OneCycleLR`): the lr rises from `maxLr / divFactor` to `maxLr`
 * over `pctStart` of the steps, then anneals to `initial_lr / finalDivFactor` (with `threePhase`,
 * first back down to `initial_lr`). Momentum (or Adam's beta1) moves the opposite way between
 * `maxMomentum` and `baseMomentum`. Stepping beyond `totalSteps` throws PyTorch's error. Not
 * chainable. It writes `initial_lr`, `max_lr`, `min_lr`, `max_momentum` and `base_momentum` into
 * each group, as PyTorch does. In the state dict, PyTorch's `anneal_func` (a bound method) is
 * written as the strategy's name, `"cos"` or `"linear"` (PyTorch 2.x saves `_anneal_func_type`).
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.1, momentum: 0.9 }], step() {} };
 * const scheduler = new OneCycleLR(optimizer, {
 *   maxLr: 1, totalSteps: 6, pctStart: 0.5, annealStrategy: "linear",
 * });
 * // step 0: lr 0.04                 momentum 0.95
 * // step 1: lr 0.52                 momentum 0.8999999999999999
 * // step 2: lr 1                    momentum 0.85
 * // step 3: lr 0.666668             momentum 0.8833333333333333
 * // step 4: lr 0.3333360000000001   momentum 0.9166666666666666
 * // step 5: lr 0.000004000000000004 momentum 0.95
 * // step 7: throws "Tried to step 8 times. The specified number of total steps is 6"
 * ```
 */
export class OneCycleLR extends LRScheduler<OneCycleLRState> {
  /**
   * @param optimizer - The optimizer to drive.
   * @param options - See {@link OneCycleLROptions}; `maxLr` and the length of the cycle are required.
   */
  constructor(optimizer: OptimizerLike, options: OneCycleLROptions) {
    if (new.target === OneCycleLR) rejectUnknownOptions("OneCycleLR", options, OPTIONS);
    const { totalSteps: total, epochs, stepsPerEpoch } = options;
    let totalSteps: number;
    if (total === undefined && epochs === undefined && stepsPerEpoch === undefined) {
      throw new SchedulerError(
        "You must define either total_steps OR (epochs AND steps_per_epoch)",
      );
    } else if (total !== undefined) {
      totalSteps = requirePositiveInteger("total_steps", total);
    } else {
      if (epochs === undefined || stepsPerEpoch === undefined) {
        const missing = epochs === undefined ? "epochs" : "stepsPerEpoch (steps_per_epoch)";
        throw new SchedulerError(
          `You must define either total_steps OR (epochs AND steps_per_epoch): ${missing} is missing`,
        );
      }
      totalSteps =
        requirePositiveInteger("epochs", epochs) *
        requirePositiveInteger("steps_per_epoch", stepsPerEpoch);
    }
    const pctStart = options.pctStart ?? 0.3;
    const phases = options.threePhase
      ? [
          phase(
            pctStart * totalSteps - 1,
            ["initial_lr", "max_lr"],
            ["max_momentum", "base_momentum"],
          ),
          phase(
            2 * pctStart * totalSteps - 2,
            ["max_lr", "initial_lr"],
            ["base_momentum", "max_momentum"],
          ),
          phase(totalSteps - 1, ["initial_lr", "min_lr"], ["max_momentum", "max_momentum"]),
        ]
      : [
          phase(
            pctStart * totalSteps - 1,
            ["initial_lr", "max_lr"],
            ["max_momentum", "base_momentum"],
          ),
          phase(totalSteps - 1, ["max_lr", "min_lr"], ["base_momentum", "max_momentum"]),
        ];
    if (!(pctStart >= 0 && pctStart <= 1)) {
      throw new SchedulerError(`Expected float between 0 and 1 pct_start, but got ${pctStart}`);
    }
    const annealStrategy = options.annealStrategy ?? "cos";
    if (annealStrategy !== "cos" && annealStrategy !== "linear") {
      throw new SchedulerError(
        `anneal_strategy must by one of 'cos' or 'linear', instead got ${annealStrategy}`,
      );
    }
    const maxLrs = perGroup("max_lr", optimizer, options.maxLr);
    const divFactor = options.divFactor ?? 25;
    const finalDivFactor = options.finalDivFactor ?? 1e4;
    const lastEpoch = options.lastEpoch ?? -1;
    if (lastEpoch === -1) {
      optimizer.paramGroups.forEach((group, i) => {
        group["initial_lr"] = maxLrs[i]! / divFactor;
        group["max_lr"] = maxLrs[i]!;
        group["min_lr"] = (group["initial_lr"] as number) / finalDivFactor;
      });
    }
    const cycleMomentum = options.cycleMomentum ?? true;
    let useBeta1: boolean | undefined;
    if (cycleMomentum) {
      useBeta1 = momentumKey(optimizer) === "betas";
      const maxMomentums = perGroup("max_momentum", optimizer, options.maxMomentum ?? 0.95);
      const baseMomentums = perGroup("base_momentum", optimizer, options.baseMomentum ?? 0.85);
      if (lastEpoch === -1) {
        optimizer.paramGroups.forEach((group, i) => {
          writeMomentum(group, useBeta1 === true, maxMomentums[i]!);
          group["max_momentum"] = maxMomentums[i]!;
          group["base_momentum"] = baseMomentums[i]!;
        });
      }
    }
    super(
      optimizer,
      options,
      { totalSteps, phases, annealStrategy, cycleMomentum, useBeta1 },
      schema,
    );
  }

  protected chainableLr(out: number[]): void {
    const { totalSteps, phases, annealStrategy, cycleMomentum, useBeta1 } = this.state;
    const step = this.lastEpoch;
    if (step > totalSteps) {
      throw new SchedulerError(
        `Tried to step ${step + 1} times. The specified number of total steps is ${totalSteps}`,
      );
    }
    const anneal = annealStrategy === "cos" ? annealCos : annealLinear;
    const groups = this.optimizer.paramGroups;
    const last = phases.length - 1;
    for (let g = 0; g < out.length; g++) {
      const group = groups[g]!;
      let start = 0;
      for (let i = 0; i <= last; i++) {
        const p = phases[i]!;
        if (step <= p.endStep || i === last) {
          const pct = (step - start) / (p.endStep - start);
          out[g] = anneal(group[p.startLr] as number, group[p.endLr] as number, pct);
          if (cycleMomentum) {
            const m = anneal(group[p.startMomentum] as number, group[p.endMomentum] as number, pct);
            writeMomentum(group, useBeta1 === true, m);
          }
          break;
        }
        start = p.endStep;
      }
    }
  }
}
