import { noGrad } from "../autograd/gradMode.js";
import { needsGrad, record } from "../autograd/record.js";
import { ShapeError } from "../errors.js";
import { normalizeDim } from "../shape/dims.js";
import type { Tensor } from "../tensor.js";
import { cat } from "./cat.js";
import { selectView } from "./select.js";
import { unsqueeze } from "./unsqueeze.js";

/**
 * Joins tensors of equal shape along a new dim `dim` (`torch.stack`). One autograd node,
 * `StackBackward0`, whose backward hands each input its slice of the gradient.
 *
 * @example
 * ```ts
 * stack([tensor([1, 2]), tensor([3, 4])], 1).toArray(); // [[1, 3], [2, 4]]
 * ```
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new ShapeError("stack expects a non-empty TensorList");
  const d = normalizeDim(dim, first.shape.length + 1);
  for (const x of tensors) {
    if (x.shape.length !== first.shape.length || x.shape.some((s, k) => s !== first.shape[k])) {
      throw new ShapeError(
        `stack expects each tensor to be equal size, but got [${first.shape.join(", ")}] and [${x.shape.join(", ")}]`,
      );
    }
  }
  const out = noGrad(() =>
    cat(
      tensors.map((x) => unsqueeze(x, d)),
      d,
    ),
  );
  if (tensors.some((x) => needsGrad(x))) {
    record(out, "StackBackward0", tensors, [], (g) =>
      tensors.map((x, i) => (x.requiresGrad ? selectView(g, d, i) : null)),
    );
  }
  return out;
}
