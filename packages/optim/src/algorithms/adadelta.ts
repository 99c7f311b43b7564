import { optionKeys, rejectUnknownOptions, Tensor, zerosLike } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireNonNegative, requireUnit } from "../base/validate.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";
import { incrementStep } from "../kernels/scalarState.js";

/** Options of {@link Adadelta}; each maps to PyTorch's keyword argument of the same meaning. */
export interface AdadeltaOptions {
  /** Coefficient that scales the computed update (`lr`). Default 1.0. */
  lr?: number;
  /** Decay rate of the running averages of squared gradients and squared updates (`rho`). Default 0.9. */
  rho?: number;
  /** Added inside both square roots for numerical stability (`eps`). Default 1e-6. */
  eps?: number;
  /** L2 penalty added to the gradient (`weight_decay`). Default 0. */
  weightDecay?: number;
  /** Maximize the objective instead of minimizing (`maximize`). Default false. */
  maximize?: boolean;
  /** PyTorch's `foreach` flag, kept in the state dict (Kindling has one implementation). Default null. */
  foreach?: boolean | null;
}

/** An Adadelta parameter group, with PyTorch 1.13's keys and key order. */
export interface AdadeltaGroup extends ParamGroup {
  /** Coefficient that scales the update. */
  lr: number;
  /** Decay rate of the running averages. */
  rho: number;
  /** Stability term inside the square roots. */
  eps: number;
  /** L2 penalty. */
  weight_decay: number;
  /** Maximize instead of minimize. */
  maximize: boolean;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
}

/** The keys Adadelta's options take. */
const OPTIONS = optionKeys<AdadeltaOptions>()(
  "lr",
  "rho",
  "eps",
  "weightDecay",
  "maximize",
  "foreach",
);

/**
 * Adadelta (Zeiler), in PyTorch 1.13's exact sequence of operations (`_single_tensor_adadelta`):
 *
 * g = ±grad (+ weight_decay · p); v = ρ·v + (1−ρ)·g²; Δ = √(u + ε) / √(v + ε) · g;
 * u = ρ·u + (1−ρ)·Δ²; p = p − lr · Δ.
 *
 * Defaults: lr 1.0, rho 0.9, eps 1e-6, weightDecay 0.
 * State per parameter: `step` (a plain number, as in PyTorch 1.13), `square_avg` (v) and
 * `acc_delta` (u).
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new Adadelta([w], { rho: 0.8 });
 * w.mul(w).sum().backward();
 * opt.step();
 * Object.keys(opt.stateDict().state[0]); // ["step", "square_avg", "acc_delta"]
 * ```
 */
export class Adadelta extends Optimizer<AdadeltaGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link AdadeltaOptions}.
   */
  constructor(params: ParamsInput, options: AdadeltaOptions = {}) {
    if (new.target === Adadelta) rejectUnknownOptions("Adadelta", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 1.0,
      rho: options.rho ?? 0.9,
      eps: options.eps ?? 1e-6,
      weight_decay: options.weightDecay ?? 0,
      maximize: options.maximize ?? false,
      foreach: options.foreach ?? null,
    });
  }

  protected override validateGroup(group: AdadeltaGroup): void {
    requireNonNegative("learning rate", group.lr);
    requireUnit("rho value", group.rho);
    requireNonNegative("epsilon value", group.eps);
    requireNonNegative("weight_decay value", group.weight_decay);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: AdadeltaGroup): void {
    if (state.step === undefined) {
      state.step = 0;
      state.square_avg = zerosLike(param);
      state.acc_delta = zerosLike(param);
    }
    if (state.step instanceof Tensor) incrementStep(state.step);
    else state.step = (state.step as number) + 1;

    const r = roundFor(param.dtype);
    const p = parameterElements(param);
    const g = flatGrad(grad);
    const v = flat(state.square_avg as Tensor, "square_avg");
    const u = flat(state.acc_delta as Tensor, "acc_delta");
    const rho = r(group.rho);
    const keep = r(1 - group.rho);
    const eps = r(group.eps);
    const weightDecay = r(group.weight_decay);
    const decay = group.weight_decay !== 0;
    const step = r(-group.lr);
    const sign = group.maximize ? -1 : 1;
    const n = p.length;

    for (let i = 0; i < n; i++) {
      let d = sign * g[i]!;
      if (decay) d = r(d + weightDecay * p[i]!);
      const vi = r(r(v[i]! * rho) + r(r(keep * d) * d));
      v[i] = vi;
      const std = r(Math.sqrt(r(vi + eps)));
      const delta = r(r(r(Math.sqrt(r(u[i]! + eps))) / std) * d);
      u[i] = r(r(u[i]! * rho) + r(r(keep * delta) * delta));
      p[i] = r(p[i]! + step * delta);
    }
  }
}
