import type { Tensor } from "@kindling/tensor";

/** A tensor's fan-in and fan-out, as PyTorch's `_calculate_fan_in_and_fan_out`. */
export interface Fans {
  /** `size(1)` times the receptive field (the product of dims 2...). */
  fanIn: number;
  /** `size(0)` times the receptive field. */
  fanOut: number;
}

/**
 * Fan-in and fan-out of a weight of shape `[out, in, ...kernel]`: `in * prod(kernel)` and
 * `out * prod(kernel)` (`torch.nn.init._calculate_fan_in_and_fan_out`).
 *
 * @throws RangeError for tensors with fewer than 2 dims, in PyTorch's words.
 * @example
 * ```ts
 * calculateFanInAndFanOut(zeros([4, 5])); // { fanIn: 5, fanOut: 4 }
 * ```
 */
export function calculateFanInAndFanOut(t: Tensor): Fans {
  if (t.ndim < 2) {
    throw new RangeError(
      "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",
    );
  }
  let receptive = 1;
  for (const size of t.shape.slice(2)) receptive *= size;
  return { fanIn: t.shape[1]! * receptive, fanOut: t.shape[0]! * receptive };
}

/** Which fan scales a kaiming initialisation. */
export type FanMode = "fan_in" | "fan_out";

/** The fan chosen by `mode` (`_calculate_correct_fan`). */
export function calculateCorrectFan(t: Tensor, mode: FanMode): number {
  if (mode !== "fan_in" && mode !== "fan_out") {
    throw new RangeError(`Mode ${String(mode)} not supported, please use one of fan_in, fan_out`);
  }
  const fans = calculateFanInAndFanOut(t);
  return mode === "fan_in" ? fans.fanIn : fans.fanOut;
}
