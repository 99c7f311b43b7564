import type { Tensor } from "@kindling/tensor";
import { optionKeys, rejectUnknownOptions } from "@kindling/tensor";
import { Optimizer } from "../base/optimizer.js";
import { optionError } from "../base/optimizerError.js";
import type { ParamGroup, ParamsInput } from "../base/paramGroup.js";
import type { ParamState } from "../base/stateDict.js";
import { requireBetas, requireNonNegative } from "../base/validate.js";
import { adamUpdate } from "./adamUpdate.js";

/** Options of {@link AdamW}; each maps to PyTorch's keyword argument of the same meaning. */
export interface AdamWOptions {
  /** Learning rate (`lr`). Default 1e-3. */
  lr?: number;
  /** Decay rates of the first and second moment estimates (`betas`). Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Added to the denominator for numerical stability (`eps`). Default 1e-8. */
  eps?: number;
  /** Decoupled weight decay (`weight_decay`). Default 1e-2. */
  weightDecay?: number;
  /** Use the AMSGrad variant (`amsgrad`). Default false. */
  amsgrad?: boolean;
  /** Maximize the objective (`maximize`). Default false. */
  maximize?: boolean;
  /** PyTorch's `foreach` flag, kept in the state dict. Default null. */
  foreach?: boolean | null;
  /** PyTorch's `capturable` flag, kept in the state dict. Default false. */
  capturable?: boolean;
}

/** An AdamW parameter group, with PyTorch 1.13's keys and key order. */
export interface AdamWGroup extends ParamGroup {
  /** Learning rate. */
  lr: number;
  /** First and second moment decay rates. */
  betas: [number, number];
  /** Denominator term for stability. */
  eps: number;
  /** Decoupled weight decay. */
  weight_decay: number;
  /** AMSGrad variant. */
  amsgrad: boolean;
  /** PyTorch's `foreach` flag. */
  foreach: boolean | null;
  /** Maximize instead of minimize. */
  maximize: boolean;
  /** PyTorch's `capturable` flag. */
  capturable: boolean;
}

/** The keys AdamW's options take. */
const OPTIONS = optionKeys<AdamWOptions>()(
  "lr",
  "betas",
  "eps",
  "weightDecay",
  "amsgrad",
  "maximize",
  "foreach",
  "capturable",
);

/**
 * AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, p ← p·(1 − lr·weight_decay)
 * before the Adam step, as PyTorch 1.13 computes it. State as {@link Adam}'s.
 *
 * @example
 * ```ts
 * const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 * ```
 */
export class AdamW extends Optimizer<AdamWGroup> {
  /**
   * @param params The tensors to optimize, or groups with per-group options (PyTorch's keys).
   * @param options Hyper-parameters; see {@link AdamWOptions}.
   */
  constructor(params: ParamsInput, options: AdamWOptions = {}) {
    if (new.target === AdamW) rejectUnknownOptions("AdamW", options, OPTIONS, optionError);
    super(params, {
      lr: options.lr ?? 1e-3,
      betas: [...(options.betas ?? [0.9, 0.999])] as [number, number],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weightDecay ?? 1e-2,
      amsgrad: options.amsgrad ?? false,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
      capturable: options.capturable ?? false,
    });
  }

  protected override validateGroup(group: AdamWGroup): void {
    requireNonNegative("learning rate", group.lr);
    requireNonNegative("epsilon value", group.eps);
    requireBetas(group.betas);
    requireNonNegative("weight_decay value", group.weight_decay);
  }

  protected update(param: Tensor, grad: Tensor, state: ParamState, group: AdamWGroup): void {
    adamUpdate(param, grad, state, group, true);
  }
}
