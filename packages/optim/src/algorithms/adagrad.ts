import { fullLike, optionKeys, rejectUnknownOptions, Tensor } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireNonNegative } from "../base/validate.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";
import { incrementStep, scalarState } from "../kernels/scalarState.js";

/** Options of {@link Adagrad}; each maps to PyTorch's keyword argument of the same meaning. */
export interface AdagradOptions {
  /** Learning rate (`lr`). Default 1e-2. */
  lr?: number;
  /** Learning-rate decay: step t uses lr / (1 + (t − 1) · lrDecay) (`lr_decay`). Default 0. */
  lrDecay?: number;
  /** L2 penalty added to the gradient (`weight_decay`). Default 0. */
  weightDecay?: number;
  /** Starting value of the sum of squared gradients (`initial_accumulator_value`). Default 0. */
  initialAccumulatorValue?: number;
  /** Added to the denominator for numerical stability (`eps`). Default 1e-10. */
  eps?: number;
  /** PyTorch's `foreach` flag, kept in the state dict (Kindling has one implementation). Default null. */
  foreach?: boolean | null;
  /** Maximize the objective instead of minimizing (`maximize`). Default false. */
  maximize?: boolean;
}

/** An Adagrad parameter group, with PyTorch 1.13's keys and key order. */
export interface AdagradGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** Learning-rate decay. */
  lr_decay: number;
  /** Denominator term for stability. */
  eps: number;
  /** L2 penalty. */
  weight_decay: number;
  /** Starting value of the accumulator (read at construction only, as in PyTorch). */
  initial_accumulator_value: number;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
  /** Maximize instead of minimize. */
  maximize: boolean;
}

/** The keys Adagrad's options take. */
const OPTIONS = optionKeys<AdagradOptions>()(
  "lr",
  "lrDecay",
  "weightDecay",
  "initialAccumulatorValue",
  "eps",
  "foreach",
  "maximize",
);

/**
 * Adagrad (Duchi, Hazan and Singer), with learning-rate decay and an initial accumulator value,
 * in PyTorch 1.13's exact sequence of operations (`_single_tensor_adagrad`):
 *
 * g = ±grad (+ weight_decay · p); clr = lr / (1 + (t − 1) · lr_decay); sum = sum + g²;
 * p = p − clr · g / (√sum + ε).
 *
 * Defaults: lr 1e-2, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10.
 * State per parameter: `step` (a float32 scalar tensor) and `sum`. As in PyTorch, the state of
 * every parameter is created by the constructor, filled with the constructor's
 * `initialAccumulatorValue` (a per-group `initial_accumulator_value` does not change it); a
 * parameter added later with `addParamGroup()` gets its state at its first step.
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new Adagrad([w], { lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 });
 * w.mul(w).sum().backward();
 * opt.step();
 * Object.keys(opt.stateDict().state[0]); // ["step", "sum"]
 * ```
 */
export class Adagrad extends Optimizer<AdagradGroup> {
  private readonly initialAccumulatorValue: number;

  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link AdagradOptions}.
   */
  constructor(params: ParamsInput, options: AdagradOptions = {}) {
    if (new.target === Adagrad) rejectUnknownOptions("Adagrad", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 1e-2,
      lr_decay: options.lrDecay ?? 0,
      eps: options.eps ?? 1e-10,
      weight_decay: options.weightDecay ?? 0,
      initial_accumulator_value: options.initialAccumulatorValue ?? 0,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
    });
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0;
    for (const group of this.paramGroups) {
      for (const param of group.params) {
        const state: ParamState = {};
        initState(state, param, this.initialAccumulatorValue);
        this.state.set(param, state);
      }
    }
  }

  protected override validateGroup(group: AdagradGroup): void {
    requireNonNegative("learning rate", group.lr);
    requireNonNegative("lr_decay value", group.lr_decay);
    requireNonNegative("weight_decay value", group.weight_decay);
    requireNonNegative("initial_accumulator_value value", group.initial_accumulator_value);
    requireNonNegative("epsilon value", group.eps);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: AdagradGroup): void {
    if (state.step === undefined) initState(state, param, this.initialAccumulatorValue);
    if (!(state.step instanceof Tensor)) state.step = scalarState(state.step as number);
    const step = incrementStep(state.step);

    const r = roundFor(param.dtype);
    const p = parameterElements(param);
    const g = flatGrad(grad);
    const s = flat(state.sum as Tensor, "sum");
    const weightDecay = r(group.weight_decay);
    const decay = group.weight_decay !== 0;
    const clr = group.lr / (1 + (step - 1) * group.lr_decay);
    const negClr = r(-clr);
    const eps = r(group.eps);
    const sign = group.maximize ? -1 : 1;
    const n = p.length;

    for (let i = 0; i < n; i++) {
      let d = sign * g[i]!;
      if (decay) d = r(d + weightDecay * p[i]!);
      const si = r(s[i]! + r(d * d));
      s[i] = si;
      const std = r(r(Math.sqrt(si)) + eps);
      p[i] = r(p[i]! + r(r(negClr * d) / std));
    }
  }
}

function initState(state: ParamState, param: Tensor, initialAccumulatorValue: number): void {
  state.step = scalarState(0);
  state.sum = fullLike(param, initialAccumulatorValue);
}
