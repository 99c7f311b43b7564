import type { OptimizerStateDict } from "@kindling/optim";
import { OrderedDict, type TensorData } from "@kindling/serialize";
import { type DType, Tensor } from "@kindling/tensor";

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

const KINDLING_DTYPES: readonly string[] = ["float32", "float64", "int64", "bool"];

/** True for the tensor records `@kindling/serialize` reads. */
function isTensorData(value: unknown): value is TensorData {
  return (
    typeof value === "object" &&
    value !== null &&
    "storage" in value &&
    "shape" in value &&
    "strides" in value &&
    "dtype" in value
  );
}

/**
 * Tensors from a loaded module state dict: each record becomes a Kindling tensor over a copy of its
 * elements (so it does not keep the file's bytes alive).
 * @throws Error when an entry is not a tensor of a dtype Kindling computes with.
 */
export function moduleStateFromLoad(value: unknown): Map<string, Tensor> {
  if (!(value instanceof Map)) throw new Error("the checkpoint does not hold a state dict");
  const out = new Map<string, Tensor>();
  for (const [key, entry] of value as Map<unknown, unknown>) {
    if (!isTensorData(entry) || !KINDLING_DTYPES.includes(entry.dtype)) {
      throw new Error(`entry ${String(key)} is not a float32, float64, int64 or bool tensor`);
    }
    const view = new Tensor(
      entry.storage as Tensor["storage"],
      [...entry.shape],
      [...entry.strides],
      entry.storageOffset,
      entry.dtype as DType,
    );
    out.set(String(key), view.clone());
  }
  return out;
}
