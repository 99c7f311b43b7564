import { castTo } from "../iteration/cast.js";
import { planReduction } from "../iteration/reduction.js";
import { contiguousStrides } from "../shape/dims.js";
import { Tensor } from "../tensor.js";

/**
 * For each element of float `x`, the product of the other elements of its reduction group over
 * `dims` (the derivative of `prod`), computed with prefix and suffix products so zeros are exact.
 */
export function productOfOthers(x: Tensor, dims: readonly number[]): Tensor {
  const plan = planReduction(x, dims, false);
  const src = plan.input.storage as Float64Array;
  const off = plan.input.storageOffset;
  const n = plan.n;
  const permuted = new Float64Array(plan.rows * n);
  for (let r = 0; r < plan.rows; r++) {
    let prefix = 1;
    for (let i = 0; i < n; i++) {
      permuted[r * n + i] = prefix;
      prefix *= src[off + r * n + i]!;
    }
    let suffix = 1;
    for (let i = n - 1; i >= 0; i--) {
      permuted[r * n + i]! *= suffix;
      suffix *= src[off + r * n + i]!;
    }
  }
  // Undo the permutation that put the reduced dims last.
  const kept = x.shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const order = [...kept, ...dims];
  const permutedShape = order.map((d) => x.shape[d]!);
  const permutedStrides = contiguousStrides(permutedShape);
  const strides = new Array<number>(x.shape.length);
  for (let i = 0; i < order.length; i++) strides[order[i]!] = permutedStrides[i]!;
  const view = new Tensor(permuted, x.shape, strides, 0, "float64");
  return castTo(view, x.dtype);
}
