import { fromTypedArray, noGrad, type Tensor } from "@kindling/tensor";

type Round = (v: number) => number;

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

const identity: Round = (v) => v;

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
  round: Round,
): ChannelStats {
  const mean = new Float64Array(channels);
  const varSum = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let b = 0; b < batch; b++) sum = round(sum + data[b * channels + c]!);
    const mu = round(sum / batch);
    let acc = 0;
    for (let b = 0; b < batch; b++) {
      const d = round(data[b * channels + c]! - mu);
      acc = round(fma64(d, d, acc));
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
  round: Round,
): ChannelStats {
  const mean = new Float64Array(channels);
  const varSum = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < length; i++) sum += data[(b * channels + c) * length + i]!;
    }
    const mu = round(sum / (batch * length));
    let acc = 0;
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < length; i++) {
        const d = round(data[(b * channels + c) * length + i]! - mu);
        acc += round(d * d);
      }
    }
    mean[c] = mu;
    varSum[c] = round(acc);
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
  const data = x.detach().toTypedArray() as Float32Array | Float64Array;
  const single = data instanceof Float32Array;
  const round = single ? Math.fround : identity;
  const [batch = 1, channels = 1, length = 1] = x.shape;
  const n = batch * length;
  const mean = runningMean.detach().toTypedArray() as Float32Array | Float64Array;
  const variance = runningVar.detach().toTypedArray() as Float32Array | Float64Array;
  const m = round(momentum);
  const keep = round(1 - m);
  const stats = (length === 1 ? rowStats : channelStats)(data, batch, channels, length, round);
  for (let c = 0; c < channels; c++) {
    const unbiased = round(stats.varSum[c]! / (n - 1));
    mean[c] = round(m * stats.mean[c]!) + round(keep * mean[c]!);
    variance[c] = m * unbiased + round(keep * variance[c]!);
  }
  noGrad(() => {
    runningMean.copy_(fromTypedArray(mean, runningMean.shape));
    runningVar.copy_(fromTypedArray(variance, runningVar.shape));
  });
}
