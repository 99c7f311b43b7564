import type { OptimizerStateDict } from "@kindling/optim";
import { OrderedDict } from "@kindling/serialize";
import type { Tensor } from "@kindling/tensor";

/** A module state dict as the `OrderedDict` `torch.save(model.state_dict())` writes. */
export function moduleStateForSave(
  state: ReadonlyMap<string, Tensor>,
): OrderedDict<string, Tensor> {
  return new OrderedDict([...state]);
}

/**
 * An optimizer state dict with PyTorch's int keys in `state` (a plain object would write str
 * keys, which `torch.optim.Optimizer.load_state_dict` would not match).
 */
export function optimizerStateForSave(state: OptimizerStateDict): Map<string, unknown> {
  const perParam = new Map<number, unknown>(
    Object.entries(state.state).map(([key, value]) => [Number(key), value]),
  );
  return new Map<string, unknown>([
    ["state", perParam],
    ["param_groups", state.param_groups],
  ]);
}
