import { noGrad } from "../autograd/gradMode.js";
import { needsGrad3, record } from "../autograd/record.js";
import { backwardRows, collectStats, invStd, transform } from "../kernels/batchNormRows.js";
import { denseFloat, type FloatStorage } from "../kernels/dense.js";
import { allocateFloat32, allocateFloat64 } from "../storage.js";
import { Tensor } from "../tensor.js";
import { add } from "./add.js";
import { div } from "./div.js";
import { mul } from "./mul.js";
import { neg } from "./neg.js";
import { reciprocal } from "./reciprocal.js";
import { reshape } from "./reshape.js";
import { sqrt } from "./sqrt.js";
import { sub } from "./sub.js";
import { sum } from "./sum.js";

/**
 * Batch normalization with the batch's own statistics, as BatchNorm layers compute in training
 * mode (`torch.nn.functional.batch_norm(x, None, None, weight, bias, training=True, eps=eps)`):
 * each channel `c` of `x` (`[N, C]` or `[N, C, L]`) becomes
 * `(x - mean_c) / sqrt(var_c + eps) * weight_c + bias_c`, with the biased variance. It updates no
 * running statistics (the layer does). One autograd node, `NativeBatchNormBackward0`, as in
 * PyTorch, with the closed-form backward. For dense `[N, C]` float input it runs PyTorch 1.13's
 * own CPU loops (batchNormRows.ts: statistics summed row by row, fused multiply-adds where its
 * AVX2 build has them), forward and backward, so its bits are PyTorch's; other input is computed
 * by composite ops (`x * alpha + beta`, alpha = weight / sqrt(var + eps), beta = bias -
 * mean * alpha).
 *
 * @example
 * ```ts
 * batchNormTrain(tensor([[1], [3]]), null, null, 0).toArray(); // [[-1], [1]]
 * ```
 */
export function batchNormTrain(
  x: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): Tensor {
  const dx = denseFloat(x);
  const c = x.shape[1] ?? 0;
  const fits = (p: Tensor | null) => fitsChannels(x, p);
  if (dx === null || x.shape.length !== 2 || !fits(weight) || !fits(bias)) {
    return composite(x, weight, bias, eps);
  }
  const n = x.shape[0]!;
  const single = x.dtype === "float32";
  const out: FloatStorage = single ? allocateFloat32(n * c) : allocateFloat64(n * c);
  const means = allocateFloat64(c);
  const invstds = allocateFloat64(c);
  normalize(single, dx.data, dx.offset, n, c, weight, bias, eps, out, means, invstds);
  const result = new Tensor(out, [n, c], [c, 1], 0, x.dtype);
  if (needsGrad3(x, weight, bias)) {
    record(result, "NativeBatchNormBackward0", [x, weight, bias], [x, weight], (g) =>
      rowsBackward(true, g, x, weight, bias, means, invstds),
    );
  }
  return result;
}

function paramAt(p: Tensor, j: number): number {
  return (p.storage as FloatStorage)[p.storageOffset + j * p.strides[0]!]!;
}

/** Whether `p` is absent or a 1-d tensor of `x`'s dtype with one value per channel of `x`. */
export function fitsChannels(x: Tensor, p: Tensor | null): boolean {
  return p === null || (p.dtype === x.dtype && p.shape.length === 1 && p.shape[0] === x.shape[1]);
}

/** A 1-d parameter's value at channel `j`, as a function (`fallback` for every channel without one). */
export function channelParam(p: Tensor | null, fallback: number): (j: number) => number {
  return p === null ? () => fallback : (j) => paramAt(p, j);
}

/**
 * The forward loops (PyTorch's, batchNormRows.ts): each channel's mean and sum of squared
 * deviations, its inverse standard deviation, then `x·alpha + beta` into `out`.
 */
function normalize(
  single: boolean,
  xd: FloatStorage,
  xo: number,
  n: number,
  c: number,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
  out: FloatStorage,
  means: Float64Array,
  invstds: Float64Array,
): void {
  // invstds holds each channel's sum of squared deviations until it is turned into 1/σ
  collectStats(single, xd, xo, n, c, means, invstds);
  for (let j = 0; j < c; j++) invstds[j] = invStd(single, invstds[j]!, n, eps);
  transform(
    single,
    xd,
    xo,
    n,
    c,
    means,
    invstds,
    channelParam(weight, 1),
    channelParam(bias, 0),
    out,
  );
}

/**
 * The gradients of x, weight and bias with PyTorch 1.13's CPU arithmetic for `[N, C]` input (its
 * channels-last batch-norm backward kernel, batchNormRows.ts), in training (`train`: the batch's
 * `means` and `invstds`) or evaluation (the running mean and the backward's own 1/σ).
 */
export function rowsBackward(
  train: boolean,
  g: Tensor,
  x: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  means: ArrayLike<number>,
  invstds: ArrayLike<number>,
): (Tensor | null)[] {
  const [n, c] = x.shape as [number, number];
  const single = x.dtype === "float32";
  const make = (len: number): FloatStorage =>
    single ? allocateFloat32(len) : allocateFloat64(len);
  const gx = x.requiresGrad ? make(n * c) : null;
  const gw = make(c);
  const gb = make(c);
  const view = {
    data: g.storage as FloatStorage,
    offset: g.storageOffset,
    rowStride: g.strides[0]!,
    colStride: g.strides[1]!,
  };
  const xd = x.storage as FloatStorage;
  const w = channelParam(weight, 1);
  backwardRows(single, train, xd, x.storageOffset, view, n, c, means, invstds, w, gx, gw, gb);
  return [
    gx === null ? null : new Tensor(gx, [n, c], [c, 1], 0, x.dtype),
    weight?.requiresGrad ? new Tensor(gw, [c], [1], 0, x.dtype) : null,
    bias?.requiresGrad ? new Tensor(gb, [c], [1], 0, x.dtype) : null,
  ];
}

/**
 * The same normalization from tensor ops, for any rank, layout and dtype, recorded as one
 * `NativeBatchNormBackward0` node (as PyTorch's) whose backward is the closed form in tensor ops.
 */
function composite(x: Tensor, weight: Tensor | null, bias: Tensor | null, eps: number): Tensor {
  const dims = x.shape.length === 2 ? [0] : [0, 2];
  const paramShape = x.shape.length === 2 ? [x.shape[1]!] : [x.shape[1]!, 1];
  const { out, mean, invstd } = noGrad(() => {
    const mean = x.mean(dims, true);
    const invstd = reciprocal(sqrt(add(x.var(dims, { correction: 0, keepdim: true }), eps)));
    const alpha = weight === null ? invstd : mul(invstd, reshape(weight, paramShape));
    const shift = mul(mean, alpha);
    const beta = bias === null ? neg(shift) : sub(reshape(bias, paramShape), shift);
    return { out: add(mul(x, alpha), beta), mean, invstd };
  });
  if (needsGrad3(x, weight, bias)) {
    record(out, "NativeBatchNormBackward0", [x, weight, bias], [x, weight], (g) =>
      closedFormBackward(g, x, weight, bias, dims, mean, invstd),
    );
  }
  return out;
}

/**
 * PyTorch's training-mode batch-norm backward in tensor ops: with `x̂ = (x - mean) invstd`,
 * `dx = (g - Σg/n - (x - mean) · Σ(x - mean)g · invstd² / n) · invstd · w`, `dw = Σ(x - mean)g ·
 * invstd`, `db = Σg`, the sums over the batch (and length) dims.
 */
function closedFormBackward(
  g: Tensor,
  x: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  dims: readonly number[],
  mean: Tensor,
  invstd: Tensor,
): (Tensor | null)[] {
  const c = x.shape[1]!;
  const n = x.numel() / c;
  const centered = sub(x, mean);
  const total = sum(g, dims, true);
  const dotp = sum(mul(centered, g), dims, true);
  let gx: Tensor | null = null;
  if (x.requiresGrad) {
    const proj = div(mul(mul(dotp, invstd), invstd), n);
    const scaled = mul(sub(sub(g, div(total, n)), mul(centered, proj)), invstd);
    gx = weight === null ? scaled : mul(scaled, reshape(weight, mean.shape));
  }
  return [
    gx,
    weight?.requiresGrad ? reshape(mul(dotp, invstd), [c]) : null,
    bias?.requiresGrad ? reshape(total, [c]) : null,
  ];
}
