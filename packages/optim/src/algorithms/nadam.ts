import { optionKeys, rejectUnknownOptions, Tensor, zerosLike } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { OptimizerError, optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireBetas, requireNonNegative } from "../base/validate.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";
import { incrementStep, readScalar, scalarState, scaleScalar } from "../kernels/scalarState.js";

/** Options of {@link NAdam}; each maps to PyTorch's keyword argument of the same meaning. */
export interface NAdamOptions {
  /** Learning rate (`lr`). Default 2e-3. */
  lr?: number;
  /** Decay rates of the first and second moment estimates (`betas`). Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Added to the denominator for numerical stability (`eps`). Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (`weight_decay`). Default 0. */
  weightDecay?: number;
  /** Momentum decay ψ of the momentum schedule μₜ = β1·(1 − ½·0.96^(t·ψ)) (`momentum_decay`). Default 4e-3. */
  momentumDecay?: number;
  /** PyTorch's `foreach` flag, kept in the state dict (Kindling has one implementation). Default null. */
  foreach?: boolean | null;
}

/** An NAdam parameter group, with PyTorch 1.13's keys and key order (1.13's NAdam has no `maximize`). */
export interface NAdamGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** First and second moment decay rates. */
  betas: [number, number];
  /** Denominator term for stability. */
  eps: number;
  /** L2 penalty. */
  weight_decay: number;
  /** Momentum decay ψ. */
  momentum_decay: number;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
}

/** The keys NAdam's options take. */
const OPTIONS = optionKeys<NAdamOptions>()(
  "lr",
  "betas",
  "eps",
  "weightDecay",
  "momentumDecay",
  "foreach",
);

/**
 * NAdam (Dozat): Adam with Nesterov momentum and a momentum schedule, in PyTorch 1.13's exact
 * sequence of operations (`_single_tensor_nadam`):
 *
 * g = grad (+ weight_decay · p); μₜ = β1·(1 − ½·0.96^(t·ψ)); Πₜ = Πₜ₋₁·μₜ;
 * m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; denom = √(v/(1−β2ᵗ)) + ε;
 * p = p − lr·(1−μₜ)/(1−Πₜ) · g/denom − lr·μₜ₊₁/(1−Πₜ·μₜ·μₜ₊₁) · m/denom.
 * (PyTorch 1.13 multiplies μₜ into the next product twice; Kindling keeps that, to match.)
 *
 * Defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, momentumDecay 4e-3.
 * State per parameter: `step` and `mu_product` (Πₜ; float32 scalar tensors, as in PyTorch),
 * `exp_avg` (m) and `exp_avg_sq` (v).
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new NAdam([w], { lr: 0.01 });
 * w.mul(w).sum().backward();
 * opt.step();
 * Object.keys(opt.stateDict().state[0]); // ["step", "mu_product", "exp_avg", "exp_avg_sq"]
 * ```
 */
export class NAdam extends Optimizer<NAdamGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link NAdamOptions}.
   */
  constructor(params: ParamsInput, options: NAdamOptions = {}) {
    if (new.target === NAdam) rejectUnknownOptions("NAdam", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 2e-3,
      betas: [...(options.betas ?? [0.9, 0.999])] as [number, number],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weightDecay ?? 0,
      momentum_decay: options.momentumDecay ?? 4e-3,
      foreach: options.foreach ?? null,
    });
  }

  protected override validateGroup(group: NAdamGroup): void {
    requireNonNegative("learning rate", group.lr);
    requireNonNegative("epsilon value", group.eps);
    requireBetas(group.betas);
    requireNonNegative("weight_decay value", group.weight_decay);
    requireNonNegative("momentum_decay value", group.momentum_decay);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: NAdamGroup): void {
    if (state.step === undefined) {
      state.step = scalarState(0);
      state.mu_product = scalarState(1);
      state.exp_avg = zerosLike(param);
      state.exp_avg_sq = zerosLike(param);
    }
    if (!(state.step instanceof Tensor)) state.step = scalarState(state.step as number);
    if (!(state.mu_product instanceof Tensor)) {
      if (typeof state.mu_product !== "number") {
        throw new OptimizerError("NAdam state has a 'step' but no 'mu_product'");
      }
      state.mu_product = scalarState(state.mu_product);
    }
    const step = incrementStep(state.step);
    const muProductTensor = state.mu_product;

    const r = roundFor(param.dtype);
    const p = parameterElements(param, 2);
    const g = flatGrad(grad);
    const m = flat(state.exp_avg as Tensor, "exp_avg");
    const v = flat(state.exp_avg_sq as Tensor, "exp_avg_sq");
    const beta1 = group.betas[0];
    const beta2 = group.betas[1];
    const psi = group.momentum_decay;
    const biasCorrection2 = r(1 - beta2 ** step);
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * psi));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * psi));
    // mu_product *= mu; mu_product_next = mu_product * mu * mu_next (scalar tensor ops).
    const muProduct = scaleScalar(muProductTensor, mu);
    const rm = roundFor(muProductTensor.dtype);
    const muProductNext = rm(rm(muProduct * rm(mu)) * rm(muNext));
    const gradStep = r((-group.lr * (1 - mu)) / (1 - readScalar(muProductTensor)));
    const avgStep = r((-group.lr * muNext) / (1 - muProductNext));
    const b1 = r(beta1);
    const b2 = r(beta2);
    const keep1 = r(1 - beta1);
    const keep2 = r(1 - beta2);
    const eps = r(group.eps);
    const weightDecay = r(group.weight_decay);
    const decay = group.weight_decay !== 0;
    const n = p.length;

    for (let i = 0; i < n; i++) {
      let d = g[i]!;
      if (decay) d = r(d + weightDecay * p[i]!);
      const mi = r(r(m[i]! * b1) + keep1 * d);
      m[i] = mi;
      const vi = r(r(v[i]! * b2) + r(r(keep2 * d) * d));
      v[i] = vi;
      const denom = r(r(Math.sqrt(r(vi / biasCorrection2))) + eps);
      const pi = r(p[i]! + r(r(gradStep * d) / denom));
      p[i] = r(pi + r(r(avgStep * mi) / denom));
    }
  }
}
