import { optionKeys, rejectUnknownOptions, Tensor, zerosLike } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireBetas, requireNonNegative } from "../base/validate.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";
import { incrementStep, scalarState } from "../kernels/scalarState.js";

/** Options of {@link RAdam}; each maps to PyTorch's keyword argument of the same meaning. */
export interface RAdamOptions {
  /** Learning rate (`lr`). Default 1e-3. */
  lr?: number;
  /** Decay rates of the first and second moment estimates (`betas`). Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Added to the denominator for numerical stability (`eps`). Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (`weight_decay`). Default 0. */
  weightDecay?: number;
  /** PyTorch's `foreach` flag, kept in the state dict (Kindling has one implementation). Default null. */
  foreach?: boolean | null;
}

/** A RAdam parameter group, with PyTorch 1.13's keys and key order (1.13's RAdam has no `maximize`). */
export interface RAdamGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** First and second moment decay rates. */
  betas: [number, number];
  /** Denominator term for stability. */
  eps: number;
  /** L2 penalty. */
  weight_decay: number;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
}

/** The keys RAdam's options take. */
const OPTIONS = optionKeys<RAdamOptions>()("lr", "betas", "eps", "weightDecay", "foreach");

/**
 * RAdam (Liu et al.): Adam with the variance of the adaptive learning rate rectified, in
 * PyTorch 1.13's exact sequence of operations (`_single_tensor_radam`):
 *
 * g = grad (+ weight_decay · p); m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; m̂ = m/(1−β1ᵗ);
 * ρ∞ = 2/(1−β2) − 1; ρₜ = ρ∞ − 2t·β2ᵗ/(1−β2ᵗ). If ρₜ > 5:
 * r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ)) and p = p − m̂ · lr · √(1−β2ᵗ)/(√v + ε) · r;
 * otherwise p = p − m̂ · lr (un-adapted momentum SGD for the first steps).
 *
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0.
 * State per parameter: `step` (a float32 scalar tensor, as in PyTorch), `exp_avg` (m) and
 * `exp_avg_sq` (v).
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new RAdam([w], { lr: 0.01 });
 * w.mul(w).sum().backward();
 * opt.step();
 * Object.keys(opt.stateDict().state[0]); // ["step", "exp_avg", "exp_avg_sq"]
 * ```
 */
export class RAdam extends Optimizer<RAdamGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link RAdamOptions}.
   */
  constructor(params: ParamsInput, options: RAdamOptions = {}) {
    if (new.target === RAdam) rejectUnknownOptions("RAdam", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 1e-3,
      betas: [...(options.betas ?? [0.9, 0.999])] as [number, number],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weightDecay ?? 0,
      foreach: options.foreach ?? null,
    });
  }

  protected override validateGroup(group: RAdamGroup): void {
    requireNonNegative("learning rate", group.lr);
    requireNonNegative("epsilon value", group.eps);
    requireBetas(group.betas);
    requireNonNegative("weight_decay value", group.weight_decay);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: RAdamGroup): void {
    if (state.step === undefined) {
      state.step = scalarState(0);
      state.exp_avg = zerosLike(param);
      state.exp_avg_sq = zerosLike(param);
    }
    if (!(state.step instanceof Tensor)) state.step = scalarState(state.step as number);
    const step = incrementStep(state.step);

    const r = roundFor(param.dtype);
    const p = parameterElements(param);
    const g = flatGrad(grad);
    const m = flat(state.exp_avg as Tensor, "exp_avg");
    const v = flat(state.exp_avg_sq as Tensor, "exp_avg_sq");
    const beta1 = group.betas[0];
    const beta2 = group.betas[1];
    const biasCorrection1 = 1 - beta1 ** step;
    const biasCorrection2 = 1 - beta2 ** step;
    const b1 = r(beta1);
    const b2 = r(beta2);
    const keep1 = r(1 - beta1);
    const keep2 = r(1 - beta2);
    const bc1 = r(biasCorrection1);
    const lr = r(group.lr);
    const eps = r(group.eps);
    const weightDecay = r(group.weight_decay);
    const decay = group.weight_decay !== 0;
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * step * beta2 ** step) / biasCorrection2;
    const rectified = rhoT > 5;
    const rect = rectified
      ? r(Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)))
      : 0;
    const bc2Sqrt = r(Math.sqrt(biasCorrection2));
    const n = p.length;

    for (let i = 0; i < n; i++) {
      let d = g[i]!;
      if (decay) d = r(d + weightDecay * p[i]!);
      const mi = r(r(m[i]! * b1) + keep1 * d);
      m[i] = mi;
      const vi = r(r(v[i]! * b2) + r(r(keep2 * d) * d));
      v[i] = vi;
      let update = r(r(mi / bc1) * lr);
      if (rectified) {
        // adaptive_lr = sqrt(bias_correction2) / (sqrt(v) + eps), a reciprocal then a product.
        const adaptive = r(r(1 / r(r(Math.sqrt(vi)) + eps)) * bc2Sqrt);
        update = r(r(update * adaptive) * rect);
      }
      p[i] = r(p[i]! - update);
    }
  }
}
