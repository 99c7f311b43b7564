import type { Tensor } from "@kindling/tensor";

/**
 * One value in an optimizer's per-parameter state: a tensor (buffers, Adam's `step`), a number,
 * or a list of these (LBFGS's history, `old_dirs`).
 */
export type StateValue = Tensor | number | boolean | null | StateValue[];

/** The state an optimizer keeps for one parameter, under PyTorch's keys (`momentum_buffer`, `exp_avg`). */
export type ParamState = Record<string, StateValue>;

/** A parameter group as `stateDict()` stores it: hyper-parameters and the indices of its parameters. */
export interface PackedParamGroup {
  /** Indices of this group's parameters, numbered across all groups in order. */
  params: number[];
  /** Learning rate of the group. */
  lr: number;
  /** Every other hyper-parameter, under PyTorch's key. */
  [key: string]: unknown;
}

/**
 * An optimizer's state dict in PyTorch's layout: `state` maps a parameter's index to its state,
 * `param_groups` lists the groups with `params` as indices. Integer keys, key order and value types
 * are PyTorch 1.13's, so the dict round-trips through `torch.save` / `torch.load`.
 */
export interface OptimizerStateDict {
  /** Per-parameter state, keyed by parameter index (only parameters that have state). */
  state: Record<number, ParamState>;
  /** The groups, in order. */
  param_groups: PackedParamGroup[];
}
