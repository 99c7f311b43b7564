import type { Tensor } from "@kindling/tensor";
import { optionKeys, rejectUnknownOptions } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireBetas, requireNonNegative } from "../base/validate.js";
import { adamUpdate } from "./adamUpdate.js";

/** Options of {@link Adam}; each maps to PyTorch's keyword argument of the same meaning. */
export interface AdamOptions {
  /** Learning rate (`lr`). Default 1e-3. */
  lr?: number;
  /** Decay rates of the first and second moment estimates (`betas`). Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Added to the denominator for numerical stability (`eps`). Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (`weight_decay`). Default 0. */
  weightDecay?: number;
  /** Use the AMSGrad variant (`amsgrad`). Default false. */
  amsgrad?: boolean;
  /** Maximize the objective (`maximize`). Default false. */
  maximize?: boolean;
  /** PyTorch's `foreach` flag, kept in the state dict. Default null. */
  foreach?: boolean | null;
  /** PyTorch's `capturable` flag, kept in the state dict. Default false. */
  capturable?: boolean;
  /** PyTorch's `differentiable` flag, kept in the state dict. Default false. */
  differentiable?: boolean;
  /** PyTorch's `fused` flag, kept in the state dict. Default false. */
  fused?: boolean;
}

/** An Adam parameter group, with PyTorch 1.13's keys and key order. */
export interface AdamGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** First and second moment decay rates. */
  betas: [number, number];
  /** Denominator term for stability. */
  eps: number;
  /** L2 penalty. */
  weight_decay: number;
  /** AMSGrad variant. */
  amsgrad: boolean;
  /** Maximize instead of minimize. */
  maximize: boolean;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
  /** PyTorch's `capturable` flag. */
  capturable: boolean;
  /** PyTorch's `differentiable` flag. */
  differentiable: boolean;
  /** PyTorch's `fused` flag. */
  fused: boolean;
}

/** The keys Adam's options take. */
const OPTIONS = optionKeys<AdamOptions>()(
  "lr",
  "betas",
  "eps",
  "weightDecay",
  "amsgrad",
  "maximize",
  "foreach",
  "capturable",
  "differentiable",
  "fused",
);

/**
 * Adam (Kingma and Ba), with optional AMSGrad and L2 weight decay, as PyTorch 1.13 computes it:
 * m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
 * State per parameter: `step` (a float32 scalar tensor, as in PyTorch), `exp_avg`, `exp_avg_sq`
 * and, with AMSGrad, `max_exp_avg_sq`.
 *
 * @example
 * ```ts
 * const opt = new Adam(model.parameters(), { lr: 0.01 });
 * ```
 */
export class Adam extends Optimizer<AdamGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link AdamOptions}.
   */
  constructor(params: ParamsInput, options: AdamOptions = {}) {
    if (new.target === Adam) rejectUnknownOptions("Adam", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 1e-3,
      betas: [...(options.betas ?? [0.9, 0.999])] as [number, number],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weightDecay ?? 0,
      amsgrad: options.amsgrad ?? false,
      maximize: options.maximize ?? false,
      foreach: options.foreach ?? null,
      capturable: options.capturable ?? false,
      differentiable: options.differentiable ?? false,
      fused: options.fused ?? false,
    });
  }

  protected override validateGroup(group: AdamGroup): void {
    requireNonNegative("learning rate", group.lr);
    requireNonNegative("epsilon value", group.eps);
    requireBetas(group.betas);
    requireNonNegative("weight_decay value", group.weight_decay);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: AdamGroup): void {
    adamUpdate(param, grad, state, group, false);
  }
}
