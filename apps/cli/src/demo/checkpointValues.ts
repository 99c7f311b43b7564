import { OrderedDict } from "@kindling/serialize";
import type { Tensor } from "@kindling/tensor";

/** A module state dict as the `OrderedDict` `torch.save(model.state_dict())` writes. */
export function moduleStateForSave(
  state: ReadonlyMap<string, Tensor>,
): OrderedDict<string, Tensor> {
  return new OrderedDict([...state]);
}
