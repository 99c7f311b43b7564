import { Tensor } from "@kindling/tensor";
import { PyFloat } from "../pickle/pyTypes.js";

/**
 * A loaded value with every dict (`Map`, `OrderedDict`) turned into a plain object whose keys are
 * the dict's keys as strings (int keys `0` become `"0"`), tuples into plain arrays and `PyFloat`s
 * into numbers; tensors stay. That is the layout @kindling/optim's and @kindling/lr-scheduler's
 * `loadStateDict` read (`state[0]` of an optimizer state dict is found under `"0"`).
 */
export function plainDicts(value: unknown): unknown {
  if (value instanceof Tensor || value === null || typeof value !== "object") return value;
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(plainDicts);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) out[String(key)] = plainDicts(item);
    return out;
  }
  return value;
}

/**
 * An optimizer state dict (`{ state, param_groups }`, `state` keyed by parameter index) with
 * `state` as a `Map` of int keys, so that `torch.optim.Optimizer.load_state_dict` finds them (a
 * plain object would pickle them as str keys).
 */
export function optimizerStateForSave(state: {
  state: Record<number, unknown>;
  param_groups: unknown[];
}): Map<string, unknown> {
  const perParam = new Map<number, unknown>(
    Object.entries(state.state).map(([key, item]) => [Number(key), item]),
  );
  return new Map<string, unknown>([
    ["state", perParam],
    ["param_groups", state.param_groups],
  ]);
}
