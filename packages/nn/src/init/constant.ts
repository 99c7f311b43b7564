import { noGrad, type Tensor } from "@kindling/tensor";

/**
 * Fills `t` in place with `value` (`torch.nn.init.constant_`). Returns `t`.
 *
 * @example
 * ```ts
 * constant_(zeros([2]), 0.5).toArray(); // [0.5, 0.5]
 * ```
 */
export function constant_(t: Tensor, value: number): Tensor {
  return noGrad(() => t.fill_(value));
}

/** Fills `t` in place with zeros (`torch.nn.init.zeros_`). Returns `t`. */
export function zeros_(t: Tensor): Tensor {
  return noGrad(() => t.zero_());
}

/** Fills `t` in place with ones (`torch.nn.init.ones_`). Returns `t`. */
export function ones_(t: Tensor): Tensor {
  return noGrad(() => t.fill_(1));
}
