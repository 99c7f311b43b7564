/**
 * PyTorch 1.13's CPU batch norm for `[N, C]` input (batch_norm_kernel.cpp's `channels_last`
 * kernels, which it takes whenever the image size is 1), in the same float operations and order,
 * so the same bits on one thread: the statistics and gradient sums accumulate row by row in the
 * input's dtype, and every `a + b·c` of its vector code is one fused multiply-add (the file is
 * built for AVX2 with FMA, and GCC contracts those lines; checked against torch for each of them).
 * `single` picks float32 arithmetic (`Math.fround`, {@link fma32}) over float64 ({@link fma64}).
 * The rows start at `xo` in `x` (rows `c` apart); per-channel arrays are indexed by channel.
 */

import { fma32, fma64 } from "../random/fma.js";
import { type FloatStorage, roundAs as round } from "./dense.js";

/** `a·b + c` rounded once in the dtype. */
function fma(single: boolean, a: number, b: number, c: number): number {
  return single ? fma32(a, b, c) : fma64(a, b, c);
}

/**
 * `batch_norm_cpu_collect_stats_channels_last_impl`: each channel's mean (the float sum of its
 * column from +0, divided in float64 and rounded) and sum of squared deviations from it
 * (`acc + d·d` fused, from +0).
 */
export function collectStats(
  single: boolean,
  x: FloatStorage,
  xo: number,
  n: number,
  c: number,
  mean: Float64Array,
  varSum: Float64Array,
): void {
  for (let j = 0; j < c; j++) {
    let sum = 0;
    for (let i = 0, k = xo + j; i < n; i++, k += c) sum = round(single, sum + x[k]!);
    const mu = round(single, sum / n);
    let acc = 0;
    for (let i = 0, k = xo + j; i < n; i++, k += c) {
      const d = round(single, x[k]! - mu);
      acc = fma(single, d, d, acc);
    }
    mean[j] = mu;
    varSum[j] = acc;
  }
}

/**
 * `batch_norm_cpu_update_stats_template`'s inverse standard deviation, `1 / sqrt(var + eps)` in
 * float64 from the biased variance `varSum / n` (a float division for float32), rounded.
 */
export function invStd(single: boolean, varSum: number, n: number, eps: number): number {
  const variance = round(single, varSum / n);
  return variance === 0 && eps === 0 ? 0 : round(single, 1 / Math.sqrt(variance + eps));
}

/**
 * `batch_norm_cpu_collect_linear_and_constant_terms` and the channels-last transform:
 * `alpha = invstd·weight`, `beta = bias - mean·alpha` (fused), then `out = x·alpha + beta`
 * (fused) for every element. `weight` and `bias` give a channel's parameter (1 and 0 without).
 */
export function transform(
  single: boolean,
  x: FloatStorage,
  xo: number,
  n: number,
  c: number,
  mean: ArrayLike<number>,
  invstd: ArrayLike<number>,
  weight: (j: number) => number,
  bias: (j: number) => number,
  out: FloatStorage,
): void {
  for (let j = 0; j < c; j++) {
    const alpha = round(single, invstd[j]! * weight(j));
    const beta = fma(single, -mean[j]!, alpha, bias(j));
    for (let i = 0, k = j; i < n; i++, k += c) out[k] = fma(single, x[xo + k]!, alpha, beta);
  }
}

/** A gradient's elements: `g[go + i·gr + j·gc]` for row i and channel j. */
export interface GradView {
  readonly data: FloatStorage;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/**
 * `batch_norm_cpu_backward_channels_last_impl`: the sums `Σ dy` and `Σ (x - mean)·dy` (fused) per
 * channel from +0, then `gw = dotp·invstd`, `gb = Σ dy` and, when `gx` is given, in training
 * (`train`) `gx = ((dy - Σdy/N) - (x - mean)·k)·invstd·w` with `k = dotp·invstd·invstd/N` (the
 * subtraction of the product fused, except in float64's last c % 4 channels), in evaluation
 * `gx = dy·invstd·w`. `gw` and `gb` get every channel (pass scratch when they are not wanted).
 */
export function backwardRows(
  single: boolean,
  train: boolean,
  x: FloatStorage,
  xo: number,
  g: GradView,
  n: number,
  c: number,
  mean: ArrayLike<number>,
  invstd: ArrayLike<number>,
  weight: (j: number) => number,
  gx: FloatStorage | null,
  gw: FloatStorage,
  gb: FloatStorage,
): void {
  const { data: gd, offset: go, rowStride: gr, colStride: gc } = g;
  for (let j = 0; j < c; j++) {
    const mu = mean[j]!;
    const is = invstd[j]!;
    let sum = 0;
    let dotp = 0;
    for (let i = 0, k = xo + j, q = go + j * gc; i < n; i++, k += c, q += gr) {
      const dy = gd[q]!;
      sum = round(single, sum + dy);
      dotp = fma(single, round(single, x[k]! - mu), dy, dotp);
    }
    gw[j] = round(single, dotp * is);
    gb[j] = sum;
    if (gx === null) continue;
    const w = weight(j);
    if (!train) {
      for (let i = 0, k = j, q = go + j * gc; i < n; i++, k += c, q += gr)
        gx[k] = round(single, round(single, gd[q]! * is) * w);
      continue;
    }
    const scale = round(single, round(single, round(single, dotp * is) * is) / n);
    const gradMean = round(single, sum / n);
    // GCC fuses `(dy - gradMean) - d·k` in the float kernel and in the double kernel's whole
    // vectors, not in the double kernel's last c % 4 channels (checked against torch)
    const fused = single || j < c - (c % 4);
    for (let i = 0, k = j, q = go + j * gc; i < n; i++, k += c, q += gr) {
      const d = round(single, x[xo + k]! - mu);
      const t = round(single, gd[q]! - gradMean);
      const inner = fused ? fma(single, -d, scale, t) : t - d * scale;
      gx[k] = round(single, round(single, inner * is) * w);
    }
  }
}
