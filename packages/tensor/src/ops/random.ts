import { overwriteInPlace } from "../autograd/inPlace.js";
import { fillInOrder, inPlaceGenerator } from "../creation/randomOptions.js";
import { castTo, copyInto } from "../iteration/cast.js";
import type { Generator } from "../random/generator.js";
import { fillRandom, fillRandomInt64 } from "../random/integer.js";
import { contiguousStrides } from "../shape/dims.js";
import { Tensor } from "../tensor.js";

/**
 * Fills `self` in place with random integers (`Tensor.random_`), bit for bit as PyTorch 1.13 on
 * CPU: uniform in `[from, to)` when bounds are given, else over the dtype's whole exactly
 * representable range (`[0, 2^63)` for int64, `[0, 2^24]` for float32, `[0, 2^53]` for float64).
 * Returns `self`.
 *
 * @example
 * ```ts
 * manualSeed(42);
 * random_(zeros([3], { dtype: "int64" }), 0, 10).toArray(); // [2, 7, 6]
 * ```
 */
export function random_(
  self: Tensor,
  from?: number | bigint,
  to?: number | bigint,
  options: { generator?: Generator } = {},
): Tensor {
  const gen = inPlaceGenerator("random_", options);
  // PyTorch's overloads: random_(from, to) is RandomBackward0, random_(to) 1, random_() 2.
  const name = `RandomBackward${from === undefined ? 2 : to === undefined ? 1 : 0}`;
  return overwriteInPlace("random_", self, name, (t) => fillRandomValues(t, gen, from, to));
}

function fillRandomValues(
  self: Tensor,
  gen: Generator,
  from: number | bigint | undefined,
  to: number | bigint | undefined,
): void {
  if (from === undefined) {
    fillInOrder(self, (data) => fillRandom(gen, data as Float32Array));
    return;
  }
  const low = to === undefined ? 0n : BigInt(from);
  const high = BigInt(to ?? from);
  if (self.dtype === "int64") {
    fillInOrder<BigInt64Array>(self, (data) => fillRandomInt64(gen, data, low, high));
    return;
  }
  // Other dtypes draw exactly as int64 does; the integers are then converted.
  const ints = castTo(self, "int64");
  fillRandomInt64(gen, ints.storage as BigInt64Array, low, high);
  copyInto(self, new Tensor(ints.storage, self.shape, contiguousStrides(self.shape), 0, "int64"));
}
