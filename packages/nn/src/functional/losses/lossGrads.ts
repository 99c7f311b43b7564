import type { Tensor } from "@kindling/tensor";
import type { Reduction } from "./reduction.js";

/**
 * `input` and `target` broadcast to one shape as PyTorch's elementwise losses do
 * (`torch.broadcast_tensors`): each expanded only when its shape changes.
 *
 * @throws ShapeError (from `expand`) when the shapes do not broadcast.
 */
export function broadcastPair(input: Tensor, target: Tensor): [Tensor, Tensor] {
  const n = Math.max(input.ndim, target.ndim);
  const shape: number[] = [];
  for (let d = 0; d < n; d++) {
    const a = input.shape[d - n + input.ndim] ?? 1;
    const b = target.shape[d - n + target.ndim] ?? 1;
    shape.push(a === 1 ? b : a);
  }
  const fit = (t: Tensor) =>
    t.ndim === n && t.shape.every((s, d) => s === shape[d]) ? t : t.expand(...shape);
  return [fit(input), fit(target)];
}

/**
 * The output gradient `g` of an elementwise loss spread over its elements `like`: scaled by
 * `1 / numel` for a mean (PyTorch's `norm`), broadcast for a mean or a sum, as it is for none.
 */
export function scaledGrad(g: Tensor, like: Tensor, reduction: Reduction): Tensor {
  if (reduction === "none") return g;
  const scaled = reduction === "mean" ? g.mul(1 / like.numel()) : g;
  return scaled.expand(...like.shape);
}

/** The gradients of an elementwise loss of `input - target` for both: `grad` and `-grad`. */
export function lossGrads(grad: Tensor, input: Tensor, target: Tensor): (Tensor | null)[] {
  return [input.requiresGrad ? grad : null, target.requiresGrad ? grad.neg() : null];
}
