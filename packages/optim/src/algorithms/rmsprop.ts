import { optionKeys, rejectUnknownOptions, Tensor, zerosLike } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireNonNegative } from "../base/validate.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";
import { incrementStep } from "../kernels/scalarState.js";

/** Options of {@link RMSprop}; each maps to PyTorch's keyword argument of the same meaning. */
export interface RMSpropOptions {
  /** Learning rate (`lr`). Default 1e-2. */
  lr?: number;
  /** Smoothing constant of the squared-gradient average (`alpha`). Default 0.99. */
  alpha?: number;
  /** Added to the denominator for numerical stability (`eps`). Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (`weight_decay`). Default 0. */
  weightDecay?: number;
  /** Momentum factor (`momentum`). Default 0. */
  momentum?: number;
  /** Normalize by an estimate of the gradient's variance instead of its second moment (`centered`). Default false. */
  centered?: boolean;
  /** PyTorch's `foreach` flag, kept in the state dict (Kindling has one implementation). Default null. */
  foreach?: boolean | null;
  /** Maximize the objective instead of minimizing (`maximize`). Default false. */
  maximize?: boolean;
  /** PyTorch's `differentiable` flag, kept in the state dict. Default false. */
  differentiable?: boolean;
}

/** An RMSprop parameter group, with PyTorch 1.13's keys and key order. */
export interface RMSpropGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** Momentum factor. */
  momentum: number;
  /** Smoothing constant. */
  alpha: number;
  /** Denominator term for stability. */
  eps: number;
  /** Centered variant. */
  centered: boolean;
  /** L2 penalty. */
  weight_decay: number;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
  /** Maximize instead of minimize. */
  maximize: boolean;
  /** PyTorch's `differentiable` flag. */
  differentiable: boolean;
}

/** The keys RMSprop's options take. */
const OPTIONS = optionKeys<RMSpropOptions>()(
  "lr",
  "alpha",
  "eps",
  "weightDecay",
  "momentum",
  "centered",
  "foreach",
  "maximize",
  "differentiable",
);

/**
 * RMSprop (Hinton), optionally centered (Graves) and with momentum, in PyTorch 1.13's exact
 * sequence of operations (`_single_tensor_rmsprop`):
 *
 * g = ±grad (+ weight_decay · p); v = α·v + (1−α)·g²; with `centered`, ḡ = α·ḡ + (1−α)·g and
 * avg = √(v − ḡ²) + ε, else avg = √v + ε; with momentum, b = μ·b + g/avg and p = p − lr·b,
 * else p = p − lr · g/avg. The square root is taken before ε is added (TensorFlow does the
 * opposite).
 *
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false.
 * State per parameter, in PyTorch's key order: `step` (a plain number, as in PyTorch 1.13),
 * `square_avg`, `momentum_buffer` (only with momentum > 0) and `grad_avg` (only when centered).
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new RMSprop([w], { lr: 0.01, momentum: 0.9, centered: true });
 * w.mul(w).sum().backward();
 * opt.step();
 * Object.keys(opt.stateDict().state[0]); // ["step", "square_avg", "momentum_buffer", "grad_avg"]
 * ```
 */
export class RMSprop extends Optimizer<RMSpropGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link RMSpropOptions}.
   */
  constructor(params: ParamsInput, options: RMSpropOptions = {}) {
    if (new.target === RMSprop) rejectUnknownOptions("RMSprop", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 1e-2,
      momentum: options.momentum ?? 0,
      alpha: options.alpha ?? 0.99,
      eps: options.eps ?? 1e-8,
      centered: options.centered ?? false,
      weight_decay: options.weightDecay ?? 0,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
      differentiable: options.differentiable ?? false,
    });
  }

  protected override validateGroup(group: RMSpropGroup): void {
    requireNonNegative("learning rate", group.lr);
    requireNonNegative("epsilon value", group.eps);
    requireNonNegative("momentum value", group.momentum);
    requireNonNegative("weight_decay value", group.weight_decay);
    requireNonNegative("alpha value", group.alpha);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: RMSpropGroup): void {
    const useMomentum = group.momentum > 0;
    const centered = group.centered;
    if (state.step === undefined) {
      state.step = 0;
      state.square_avg = zerosLike(param);
      if (useMomentum) state.momentum_buffer = zerosLike(param);
      if (centered) state.grad_avg = zerosLike(param);
    }
    if (state.step instanceof Tensor) incrementStep(state.step);
    else state.step = (state.step as number) + 1;

    const r = roundFor(param.dtype);
    const p = parameterElements(param);
    const g = flatGrad(grad);
    const v = flat(state.square_avg as Tensor, "square_avg");
    const b = useMomentum ? flat(state.momentum_buffer as Tensor, "momentum_buffer") : p;
    const a = centered ? flat(state.grad_avg as Tensor, "grad_avg") : p;
    const alpha = r(group.alpha);
    const keep = r(1 - group.alpha);
    const weightDecay = r(group.weight_decay);
    const decay = group.weight_decay !== 0;
    const eps = r(group.eps);
    const momentum = r(group.momentum);
    const step = r(-group.lr);
    const sign = group.maximize ? -1 : 1;
    const n = p.length;

    for (let i = 0; i < n; i++) {
      let d = sign * g[i]!;
      if (decay) d = r(d + weightDecay * p[i]!);
      const vi = r(r(v[i]! * alpha) + r(r(keep * d) * d));
      v[i] = vi;
      let avg: number;
      if (centered) {
        const ai = r(r(a[i]! * alpha) + keep * d);
        a[i] = ai;
        avg = r(Math.sqrt(r(vi - r(ai * ai))));
      } else {
        avg = r(Math.sqrt(vi));
      }
      avg = r(avg + eps);
      if (useMomentum) {
        const bi = r(r(b[i]! * momentum) + r(d / avg));
        b[i] = bi;
        p[i] = r(p[i]! + step * bi);
      } else {
        p[i] = r(p[i]! + r(r(step * d) / avg));
      }
    }
  }
}
