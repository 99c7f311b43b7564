import { SchedulerError } from "../base/errors.js";
import { LR_SCHEDULER_OPTIONS, optionKeys, rejectUnknownOptions } from "../base/knownOptions.js";
import { LRScheduler, type LRSchedulerOptions } from "../base/lrScheduler.js";
import { momentumKey, readMomentum, writeMomentum } from "../base/momentum.js";
import { field, type StateSchema, type StateValue } from "../base/state.js";
import { perGroup } from "../base/validate.js";
import { FactorExpression } from "../expression/factorExpression.js";
import { pyPow } from "../expression/pyPow.js";
import type { OptimizerLike } from "../optimizerLike.js";

/** CyclicLR's built-in policies (PyTorch `mode`). */
export type CyclicMode = "triangular" | "triangular2" | "exp_range";

/**
 * Options of {@link CyclicLR} (PyTorch: `base_lr`, `max_lr`, `step_size_up`, `step_size_down`,
 * `mode`, `gamma`, `scale_fn`, `scale_mode`, `cycle_momentum`, `base_momentum`, `max_momentum`).
 */
export interface CyclicLROptions extends LRSchedulerOptions {
  /** Lower lr boundary, for all groups or one per group. Required. */
  baseLr: number | readonly number[];
  /** Upper lr boundary, for all groups or one per group. Required. */
  maxLr: number | readonly number[];
  /** Steps in the increasing half of a cycle (positive). Default `2000`. */
  stepSizeUp?: number;
  /** Steps in the decreasing half. Default: `stepSizeUp`. */
  stepSizeDown?: number;
  /** `"triangular"`, `"triangular2"` (amplitude halves each cycle) or `"exp_range"` (`gamma ** iteration`). Default `"triangular"`. Ignored with `scaleFn`. */
  mode?: CyclicMode;
  /** The base of `exp_range`'s scaling. Default `1`. */
  gamma?: number;
  /** A custom amplitude scaling in `[0, 1]`: a function, or an expression of `x` (kept in `stateDict()`). */
  scaleFn?: ((x: number) => number) | FactorExpression | string;
  /** Whether `scaleFn` takes the cycle number (`"cycle"`) or the iteration (`"iterations"`). Default `"cycle"`. */
  scaleMode?: "cycle" | "iterations";
  /** Cycle momentum (or Adam's beta1, as in PyTorch 2.x) inversely to the lr. Default `true`. */
  cycleMomentum?: boolean;
  /** Momentum at the lr's peak. Default `0.8`. */
  baseMomentum?: number | readonly number[];
  /** Momentum at the cycle's start. Default `0.9`. */
  maxMomentum?: number | readonly number[];
}

interface ScaleFn {
  readonly fn: ((x: number) => number) | null;
  readonly expression: FactorExpression | null;
}

interface CyclicLRState {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  custom: ScaleFn;
  builtin: CyclicMode | null;
  scaleMode: "cycle" | "iterations";
  cycleMomentum: boolean;
  baseMomentums: number[] | undefined;
  maxMomentums: number[] | undefined;
  useBeta1: boolean | undefined;
}

const schema: StateSchema<CyclicLRState> = {
  maxLrs: field.perGroup("max_lrs"),
  totalSize: field.number("total_size"),
  stepRatio: field.number("step_ratio"),
  mode: field.custom("mode", {
    encode: (v) => v,
    decode: (raw, { key }) => {
      if (typeof raw !== "string")
        throw new SchedulerError(`state_dict['${key}'] must be a string`, "TypeError");
      return raw;
    },
  }),
  gamma: field.number("gamma"),
  custom: field.custom("_scale_fn_custom", {
    encode: (v): StateValue => (v.expression === null ? null : { expression: v.expression.source }),
    decode(raw, { current }) {
      if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
        const source = (raw as Record<string, StateValue>)["expression"];
        if (typeof source === "string") {
          const expression = new FactorExpression(source, "x");
          return { fn: expression.evaluate, expression };
        }
      }
      return current;
    },
  }),
  builtin: field.custom("_scale_fn_ref", {
    encode: (v) => v,
    decode: (raw, { current }) =>
      raw === "triangular" || raw === "triangular2" || raw === "exp_range" ? raw : current,
  }),
  scaleMode: field.oneOf("scale_mode", ["cycle", "iterations"]),
  cycleMomentum: field.boolean("cycle_momentum"),
  baseMomentums: field.optional(field.perGroup("base_momentums")),
  maxMomentums: field.optional(field.perGroup("max_momentums")),
  useBeta1: field.optional(field.boolean("use_beta1")),
};

/** The keys CyclicLR's options take. */
const OPTIONS = optionKeys<CyclicLROptions>()(
  "baseLr",
  "maxLr",
  "stepSizeUp",
  "stepSizeDown",
  "mode",
  "gamma",
  "scaleFn",
  "scaleMode",
  "cycleMomentum",
  "baseMomentum",
  "maxMomentum",
  ...LR_SCHEDULER_OPTIONS,
);

/**
 * Cyclical learning rates (PyTorch's `CyclicLR`, after Smith's CLR): the lr goes from `baseLr` up
 * to `maxLr` in `stepSizeUp` steps and back in `stepSizeDown`, with the amplitude scaled by the
 * policy: `triangular` (1), `triangular2` (`1 / 2 ** (cycle - 1)`), `exp_range`
 * (`gamma ** iteration`) or a custom `scaleFn`. Stepped once per batch. Momentum moves inversely
 * between `maxMomentum` and `baseMomentum`; with an optimizer that has `betas` (Adam) beta1 is
 * cycled, as in PyTorch 2.x (PyTorch 1.13 requires `momentum`).
 *
 * State dict: PyTorch's `_scale_fn_ref` (a weak method) is written as the policy's name, and
 * `_scale_fn_custom` is `null` for a plain function or `{ expression }` for a declared one.
 * `use_beta1` appears only when beta1 is cycled.
 *
 * @example
 * ```ts
 * const optimizer = { paramGroups: [{ lr: 0.1, momentum: 0.9 }], step() {} };
 * const scheduler = new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 0.5, stepSizeUp: 2 });
 * // step 0: lr 0.1                  momentum 0.9
 * // step 1: lr 0.30000000000000004  momentum 0.8500000000000001
 * // step 2: lr 0.5                  momentum 0.8
 * // step 3: lr 0.30000000000000004  momentum 0.8500000000000001
 * // step 4: lr 0.1                  momentum 0.9
 * ```
 */
export class CyclicLR extends LRScheduler<CyclicLRState> {
  /**
   * @param optimizer - The optimizer to drive (with `momentum` or `betas` when cycling momentum).
   * @param options - See {@link CyclicLROptions}; `baseLr` and `maxLr` are required.
   */
  constructor(optimizer: OptimizerLike, options: CyclicLROptions) {
    if (new.target === CyclicLR) rejectUnknownOptions("CyclicLR", options, OPTIONS);
    const baseLrs = perGroup("base_lr", optimizer, options.baseLr);
    const lastEpoch = options.lastEpoch ?? -1;
    if (lastEpoch === -1)
      optimizer.paramGroups.forEach((g, i) => {
        g.lr = baseLrs[i]!;
      });
    const maxLrs = perGroup("max_lr", optimizer, options.maxLr);
    const up = options.stepSizeUp ?? 2000;
    const down = options.stepSizeDown ?? up;
    if (!(up > 0) || !(down >= 0)) {
      throw new SchedulerError(
        `Expected positive step_size_up and non-negative step_size_down, but got ${up} and ${down}`,
      );
    }
    const totalSize = up + down;
    const mode = options.mode ?? "triangular";
    const scaleFn = options.scaleFn;
    if (!["triangular", "triangular2", "exp_range"].includes(mode) && scaleFn === undefined) {
      throw new SchedulerError("mode is invalid and scale_fn is None");
    }
    let custom: ScaleFn = { fn: null, expression: null };
    if (typeof scaleFn === "function") custom = { fn: scaleFn, expression: null };
    else if (scaleFn !== undefined) {
      const expression = typeof scaleFn === "string" ? new FactorExpression(scaleFn, "x") : scaleFn;
      custom = { fn: expression.evaluate, expression };
    }
    const builtin = scaleFn === undefined ? mode : null;
    const scaleMode =
      builtin === null
        ? (options.scaleMode ?? "cycle")
        : builtin === "exp_range"
          ? "iterations"
          : "cycle";
    const cycleMomentum = options.cycleMomentum ?? true;
    let baseMomentums: number[] | undefined;
    let maxMomentums: number[] | undefined;
    let useBeta1: boolean | undefined;
    if (cycleMomentum) {
      const beta1 = momentumKey(optimizer) === "betas";
      useBeta1 = beta1 ? true : undefined;
      const base = perGroup("base_momentum", optimizer, options.baseMomentum ?? 0.8);
      if (lastEpoch === -1)
        optimizer.paramGroups.forEach((g, i) => {
          writeMomentum(g, beta1, base[i]!);
        });
      baseMomentums = optimizer.paramGroups.map((g) => readMomentum(g, beta1));
      maxMomentums = perGroup("max_momentum", optimizer, options.maxMomentum ?? 0.9);
    }
    const state: CyclicLRState = {
      maxLrs,
      totalSize,
      stepRatio: up / totalSize,
      mode,
      gamma: options.gamma ?? 1.0,
      custom,
      builtin: builtin as CyclicMode | null,
      scaleMode,
      cycleMomentum,
      baseMomentums,
      maxMomentums,
      useBeta1,
    };
    super(optimizer, options, state, schema);
    this.baseLrs = baseLrs;
  }

  /** The amplitude scaling at `x` (a cycle number or an iteration, per `scaleMode`). */
  scaleFn(x: number): number {
    const s = this.state;
    if (s.custom.fn !== null) return s.custom.fn(x);
    if (s.builtin === "triangular2") return 1 / pyPow(2.0, x - 1);
    if (s.builtin === "exp_range") return pyPow(s.gamma, x);
    return 1.0;
  }

  protected chainableLr(out: number[]): void {
    const s = this.state;
    const epoch = this.lastEpoch;
    const cycle = Math.floor(1 + epoch / s.totalSize);
    const x = 1 + epoch / s.totalSize - cycle;
    const scaleFactor = x <= s.stepRatio ? x / s.stepRatio : (x - 1) / (s.stepRatio - 1);
    const scale = this.scaleFn(s.scaleMode === "cycle" ? cycle : epoch);
    for (let i = 0; i < out.length; i++) {
      const baseLr = this.baseLrs[i]!;
      const baseHeight = (s.maxLrs[i]! - baseLr) * scaleFactor;
      out[i] = baseLr + baseHeight * scale;
    }
    if (s.cycleMomentum && s.baseMomentums !== undefined && s.maxMomentums !== undefined) {
      const groups = this.optimizer.paramGroups;
      for (let i = 0; i < out.length; i++) {
        const maxMomentum = s.maxMomentums[i]!;
        const baseHeight = (maxMomentum - s.baseMomentums[i]!) * scaleFactor;
        writeMomentum(groups[i]!, s.useBeta1 === true, maxMomentum - baseHeight * scale);
      }
    }
  }
}
