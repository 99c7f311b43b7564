import type { Tensor } from "@kindling/tensor";

/** The partial sums' levels in PyTorch's NLL reduction. */
const LEVELS = 8;

/**
 * PyTorch 1.13's reduced negative log likelihood, addition for addition (`nll_loss_out_frame`
 * and `nll_loss2d_forward_out_frame` on the CPU): the picked log probabilities `picked[i]` of the
 * rows not ignored (`valid[i]`) are subtracted from the first of eight partial sums (after a
 * multiplication by the row's weight `w[i]` when `weighted`), and after each such row `i` the
 * partial sums carry one level up while `i` (the row's index, ignored rows counted) is a multiple
 * of 16, 16², ... (2^p, p = max(4, ⌈log₂ n⌉ / 8)). The loss is the partial sums added from +0,
 * over the summed weights (or the count of rows not ignored) for `"mean"`; every step is rounded
 * to the dtype of `picked`.
 */
export function nllReduced(
  picked: Float32Array | Float64Array,
  valid: Uint8Array,
  w: Float32Array | Float64Array | null,
  reduction: "mean" | "sum",
): number {
  const n = picked.length;
  const make = (k: number) =>
    picked instanceof Float32Array ? new Float32Array(k) : new Float64Array(k);
  const loss = make(LEVELS);
  const weights = make(LEVELS);
  const product = make(1);
  const log = n <= 2 ? 1 : 32 - Math.clz32(n - 1); // utils::CeilLog2 (n < 2^31 here)
  const power = Math.max(4, Math.trunc(log / LEVELS));
  const mask = (1 << power) - 1;
  let ignored = 0;
  for (let i = 0; i < n; i++) {
    if (valid[i] === 0) {
      ignored++;
      continue;
    }
    if (w !== null) {
      product[0] = picked[i]! * w[i]!;
      loss[0]! -= product[0]!;
      weights[0]! += w[i]!;
    } else {
      loss[0]! -= picked[i]!;
    }
    for (let j = 0; j + 1 < LEVELS; j++) {
      if ((i & (mask << (j * power))) !== 0) break;
      weights[j + 1]! += weights[j]!;
      loss[j + 1]! += loss[j]!;
      weights[j] = 0;
      loss[j] = 0;
    }
  }
  const total = make(1);
  const out = make(1);
  if (w === null) total[0] = n - ignored;
  else for (let j = 0; j < LEVELS; j++) total[0]! += weights[j]!;
  for (let j = 0; j < LEVELS; j++) out[0]! += loss[j]!;
  if (reduction === "mean") out[0]! /= total[0]!;
  return out[0]!;
}

/** The typed values of a float tensor (a copy when it is not contiguous). */
export function floatValues(t: Tensor): Float32Array | Float64Array {
  return t.toTypedArray() as Float32Array | Float64Array;
}
