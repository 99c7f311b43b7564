import type { Tensor } from "@kindling/tensor";

/**
 * One parameter group, as PyTorch keeps it: the group's parameters plus every hyper-parameter,
 * filled from the optimizer's defaults. Keys are PyTorch's (`lr`, `weight_decay`, `initial_lr`):
 * a group is data that `stateDict()` and the schedulers read and write, not API.
 */
export interface ParamGroup {
  /** The tensors this group updates, in order. */
  params: Tensor[];
  /** Learning rate of this group. */
  lr: number;
  /** Any other hyper-parameter, under PyTorch's key. */
  [key: string]: unknown;
}

/**
 * A parameter group as passed to a constructor or `addParamGroup()`: its parameters and any
 * hyper-parameters to override, under PyTorch's keys; the rest come from the defaults.
 */
export interface ParamGroupInput {
  /** The tensors of this group: one tensor or several. */
  params: Tensor | Iterable<Tensor>;
  /** Any hyper-parameter of this group, under PyTorch's key (`lr`, `weight_decay`, ...). */
  [key: string]: unknown;
}

/** What an optimizer is built over: tensors, or parameter-group objects. */
export type ParamsInput = Iterable<Tensor> | Iterable<ParamGroupInput>;
