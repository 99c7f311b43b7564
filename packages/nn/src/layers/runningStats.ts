import { fromTypedArray, noGrad, type Tensor } from "@kindling/tensor";

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for float64

/**
 * `a * b + c` with one rounding (as the fused multiply-add GCC emits for PyTorch's
 * `acc + d * d`), from Dekker's exact product and Knuth's two-sum; exact except in rare ties.
 */
function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const pErr = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + c;
  const v = s - p;
  const sErr = p - (s - v) + (c - v);
  return s + (sErr + pErr);
}

/**
 * `v` rounded to float32 when `single`, else unchanged. A direct call with `Math.fround` inside, so
 * V8 inlines it (a rounding function chosen by a conditional is called instead, ten times slower).
 */
function roundAs(single: boolean, v: number): number {
  return single ? Math.fround(v) : v;
}

interface ChannelStats {
  mean: Float64Array;
  varSum: Float64Array;
}

/**
 * PyTorch's `batch_norm_cpu_collect_stats_channels_last_impl`, used for `[N, C]` input: row by
 * row accumulation in the input dtype (one thread), the mean rounded from a float64 division.
 */
function rowStats(
  data: ArrayLike<number>,
  batch: number,
  channels: number,
  _l: number,
  single: boolean,
): ChannelStats {
  const mean = new Float64Array(channels);
  const varSum = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let b = 0; b < batch; b++) sum = roundAs(single, sum + data[b * channels + c]!);
    const mu = roundAs(single, sum / batch);
    let acc = 0;
    for (let b = 0; b < batch; b++) {
      const d = roundAs(single, data[b * channels + c]! - mu);
      // A float32 d squares exactly in float64, where the fused multiply-add is one addition.
      acc = single ? Math.fround(d * d + acc) : fma64(d, d, acc);
    }
    mean[c] = mu;
    varSum[c] = acc;
  }
  return { mean, varSum };
}

/**
 * PyTorch's `batch_norm_cpu_collect_stats_contiguous_impl`, used for `[N, C, L]` input with
 * `L > 1`: float64 accumulators, the mean rounded to the input dtype.
 */
function channelStats(
  data: ArrayLike<number>,
  batch: number,
  channels: number,
  length: number,
  single: boolean,
): ChannelStats {
  const mean = new Float64Array(channels);
  const varSum = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < length; i++) sum += data[(b * channels + c) * length + i]!;
    }
    const mu = roundAs(single, sum / (batch * length));
    let acc = 0;
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < length; i++) {
        const d = roundAs(single, data[(b * channels + c) * length + i]! - mu);
        acc += roundAs(single, d * d);
      }
    }
    mean[c] = mu;
    varSum[c] = roundAs(single, acc);
  }
  return { mean, varSum };
}

/**
 * Updates BatchNorm's running mean and variance in place from a batch `x` of shape `[N, C]` or
 * `[N, C, L]`, replicating PyTorch 1.13's CPU kernels (single-threaded) operation by operation so
 * the results are bit-identical (float64 `[N, C, L]` input: to within an ulp, as PyTorch reduces
 * each row in vector lanes there): for `[N, C]` the channel sums accumulate row by row in the input
 * dtype, for `[N, C, L]` in float64; the mean is rounded to the input dtype; the squared deviations
 * accumulate as PyTorch's compiled kernels do (a fused multiply-add for `[N, C]`); the update is
 * `m * stat + (1 - m) * running` with the momentum rounded to the input dtype and the unbiased
 * variance `varSum / (n - 1)`.
 */
export function updateRunningStats(
  x: Tensor,
  runningMean: Tensor,
  runningVar: Tensor,
  momentum: number,
): void {
  const data = denseElements(x) ?? (x.detach().toTypedArray() as Float32Array | Float64Array);
  const single = data instanceof Float32Array;
  const batch = x.shape[0] ?? 1;
  const channels = x.shape[1] ?? 1;
  const length = x.shape[2] ?? 1;
  const n = batch * length;
  const meanIn = denseElements(runningMean);
  const varIn = denseElements(runningVar);
  const mean = meanIn ?? (runningMean.detach().toTypedArray() as Float32Array | Float64Array);
  const variance = varIn ?? (runningVar.detach().toTypedArray() as Float32Array | Float64Array);
  const m = roundAs(single, momentum);
  const keep = roundAs(single, 1 - m);
  const stats = (length === 1 ? rowStats : channelStats)(data, batch, channels, length, single);
  for (let c = 0; c < channels; c++) {
    const unbiased = roundAs(single, stats.varSum[c]! / (n - 1));
    mean[c] = roundAs(single, m * stats.mean[c]!) + roundAs(single, keep * mean[c]!);
    variance[c] = m * unbiased + roundAs(single, keep * variance[c]!);
  }
  if (meanIn === null || varIn === null) {
    noGrad(() => {
      if (meanIn === null) runningMean.copy_(fromTypedArray(mean, runningMean.shape));
      if (varIn === null) runningVar.copy_(fromTypedArray(variance, runningVar.shape));
    });
  }
}

/**
 * The elements of a contiguous float tensor as a view of its storage (writes go to the tensor),
 * or null for other layouts and dtypes.
 */
function denseElements(t: Tensor): Float32Array | Float64Array | null {
  if (!t.isContiguous() || (t.dtype !== "float32" && t.dtype !== "float64")) return null;
  const storage = t.storage as Float32Array | Float64Array;
  const n = t.numel();
  return t.storageOffset === 0 && storage.length === n
    ? storage
    : storage.subarray(t.storageOffset, t.storageOffset + n);
}
