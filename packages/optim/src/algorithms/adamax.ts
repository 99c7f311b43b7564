import { optionKeys, rejectUnknownOptions, Tensor, zerosLike } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireBetas, requireNonNegative } from "../base/validate.js";
import { flat, flatGrad, parameterElements, roundFor } from "../kernels/flat.js";
import { incrementStep, scalarState } from "../kernels/scalarState.js";

/** Options of {@link Adamax}; each maps to PyTorch's keyword argument of the same meaning. */
export interface AdamaxOptions {
  /** Learning rate (`lr`). Default 2e-3. */
  lr?: number;
  /** Decay rates of the first moment and of the infinity norm (`betas`). Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Added to |g| before the running maximum, for numerical stability (`eps`). Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (`weight_decay`). Default 0. */
  weightDecay?: number;
  /** PyTorch's `foreach` flag, kept in the state dict (Kindling has one implementation). Default null. */
  foreach?: boolean | null;
  /** Maximize the objective instead of minimizing (`maximize`). Default false. */
  maximize?: boolean;
}

/** An Adamax parameter group, with PyTorch 1.13's keys and key order. */
export interface AdamaxGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** First-moment and infinity-norm decay rates. */
  betas: [number, number];
  /** Stability term. */
  eps: number;
  /** L2 penalty. */
  weight_decay: number;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
  /** Maximize instead of minimize. */
  maximize: boolean;
}

/** The keys Adamax's options take. */
const OPTIONS = optionKeys<AdamaxOptions>()(
  "lr",
  "betas",
  "eps",
  "weightDecay",
  "foreach",
  "maximize",
);

/**
 * Adamax (Kingma and Ba), Adam's infinity-norm variant, in PyTorch 1.13's exact sequence of
 * operations (`_single_tensor_adamax`):
 *
 * g = ±grad (+ weight_decay · p); m = β1·m + (1−β1)·g; u = max(β2·u, |g| + ε);
 * p = p − lr/(1−β1ᵗ) · m/u.
 *
 * Defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0.
 * State per parameter: `step` (a float32 scalar tensor, as in PyTorch), `exp_avg` (m) and
 * `exp_inf` (u).
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const opt = new Adamax([w], { lr: 0.02, betas: [0.8, 0.99] });
 * w.mul(w).sum().backward();
 * opt.step();
 * Object.keys(opt.stateDict().state[0]); // ["step", "exp_avg", "exp_inf"]
 * ```
 */
export class Adamax extends Optimizer<AdamaxGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link AdamaxOptions}.
   */
  constructor(params: ParamsInput, options: AdamaxOptions = {}) {
    if (new.target === Adamax) rejectUnknownOptions("Adamax", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 2e-3,
      betas: [...(options.betas ?? [0.9, 0.999])] as [number, number],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weightDecay ?? 0,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
    });
  }

  protected override validateGroup(group: AdamaxGroup): void {
    requireNonNegative("learning rate", group.lr);
    requireNonNegative("epsilon value", group.eps);
    requireBetas(group.betas);
    requireNonNegative("weight_decay value", group.weight_decay);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: AdamaxGroup): void {
    if (state.step === undefined) {
      state.step = scalarState(0);
      state.exp_avg = zerosLike(param);
      state.exp_inf = zerosLike(param);
    }
    if (!(state.step instanceof Tensor)) state.step = scalarState(state.step as number);
    const step = incrementStep(state.step);

    const r = roundFor(param.dtype);
    const p = parameterElements(param);
    const g = flatGrad(grad);
    const m = flat(state.exp_avg as Tensor, "exp_avg");
    const u = flat(state.exp_inf as Tensor, "exp_inf");
    const beta1 = group.betas[0];
    const beta2 = group.betas[1];
    const b1 = r(beta1);
    const b2 = r(beta2);
    const keep1 = r(1 - beta1);
    const eps = r(group.eps);
    const weightDecay = r(group.weight_decay);
    const decay = group.weight_decay !== 0;
    const clr = group.lr / (1 - beta1 ** step);
    const negClr = r(-clr);
    const sign = group.maximize ? -1 : 1;
    const n = p.length;

    for (let i = 0; i < n; i++) {
      let d = sign * g[i]!;
      if (decay) d = r(d + weightDecay * p[i]!);
      const mi = r(r(m[i]! * b1) + keep1 * d);
      m[i] = mi;
      const decayed = r(u[i]! * b2);
      const fresh = r(Math.abs(d) + eps);
      // torch.amax: the larger of the two, NaN if either is NaN.
      const ui = decayed > fresh || Number.isNaN(decayed) ? decayed : fresh;
      u[i] = ui;
      p[i] = r(p[i]! + r(r(negClr * mi) / ui));
    }
  }
}
