import { noGrad } from "../autograd/gradMode.js";
import { needsGrad3, record } from "../autograd/record.js";
import { reductionLoops } from "../iteration/reductionLoops.js";
import { cascadeColumnSums } from "../kernels/cascadeSum.js";
import { denseFloat, type FloatStorage, roundAs } from "../kernels/dense.js";
import { varianceInto } from "../kernels/varianceLoops.js";
import { type F32Param, SIMD_MIN_ROWS } from "../kernels/wasm/simd.js";
import { simdBatchNormBackwardF32 } from "../kernels/wasm/simdBatchNorm.js";
import { simdRowsF32 } from "../kernels/wasm/simdRows.js";
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
 * PyTorch, with the closed-form backward. For contiguous `[N, C]` float input it runs fused loops
 * whose forward rounds exactly as the composite `x * alpha + beta` (alpha = weight /
 * sqrt(var + eps), beta = bias - mean * alpha) does, and whose backward has PyTorch's own
 * roundings; other input is computed by those composite ops.
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
  const fits = (p: Tensor | null) =>
    p === null || (p.dtype === x.dtype && p.shape.length === 1 && p.shape[0] === c);
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
      backward(single, g, x, weight, bias, means, invstds),
    );
  }
  return result;
}

/**
 * The forward loops: each channel's mean by `sum`'s column sums and its variance as `var` computes
 * it (the composite's `x.mean(0)` and `x.var(0)`, so PyTorch's arithmetic for those), then
 * `x * alpha + beta` into `out`.
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
  const epsR = roundAs(single, eps);
  const sums = statsScratch(single, c);
  cascadeColumnSums(xd, xo, n, c, sums);
  for (let j = 0; j < c; j++) means[j] = roundAs(single, sums[j]! / n);
  // the composite's x.var(0) (varianceInto, in float64): Welford per channel, or the two-pass
  // variance from the mean when there is one channel, as `var` decides from the same loops
  const loops = reductionLoops([n, c], [c, 1], [true, false]);
  varianceInto(xd, xo, loops, 0, false, () => means[0]!, sums);
  const rows = single && n * c >= SIMD_MIN_ROWS ? rowScratch(c) : null;
  for (let j = 0; j < c; j++) {
    const mu = means[j]!;
    const variance = sums[j]!;
    const invstd = roundAs(
      single,
      1 / roundAs(single, Math.sqrt(roundAs(single, variance + epsR))),
    );
    const alpha = weight === null ? invstd : roundAs(single, invstd * paramAt(weight, j));
    const shift = roundAs(single, mu * alpha);
    const beta = bias === null ? -shift : roundAs(single, paramAt(bias, j) - shift);
    invstds[j] = invstd;
    if (rows !== null) {
      rows.alpha[j] = alpha;
      rows.beta[j] = beta;
    } else {
      for (let i = 0, k = j; i < n; i++, k += c)
        out[k] = roundAs(single, xd[xo + k]! * alpha) + beta;
    }
  }
  if (rows === null) return;
  const o = out as Float32Array;
  if (
    !simdRowsF32("mul", n, c, xd as Float32Array, xo, rows.alpha, 0, false, o, 0) ||
    !simdRowsF32("add", n, c, o, 0, rows.beta, 0, false, o, 0)
  ) {
    for (let j = 0; j < c; j++) {
      const alpha = rows.alpha[j]!;
      const beta = rows.beta[j]!;
      for (let i = 0, k = j; i < n; i++, k += c) o[k] = Math.fround(xd[xo + k]! * alpha) + beta;
    }
  }
}

let rowsOf: { alpha: Float32Array; beta: Float32Array } | null = null;

/** Reused float32 rows of `c` channel values for the SIMD rows kernels. */
function rowScratch(c: number): { alpha: Float32Array; beta: Float32Array } {
  if (rowsOf === null || rowsOf.alpha.length < c) {
    const size = Math.max(c, 64);
    rowsOf = { alpha: new Float32Array(size), beta: new Float32Array(size) };
  }
  return rowsOf;
}

let sums32 = new Float32Array(64);
let sums64 = new Float64Array(64);

/** A reused buffer of at least `c` elements of the batch's dtype, grown when too short. */
function statsScratch(single: boolean, c: number): FloatStorage {
  if (single) {
    if (sums32.length < c) sums32 = new Float32Array(Math.max(c, 2 * sums32.length));
    return sums32;
  }
  if (sums64.length < c) sums64 = new Float64Array(Math.max(c, 2 * sums64.length));
  return sums64;
}

/** A float32 parameter as its storage and offset when contiguous; null for none, undefined if strided. */
function denseParam(p: Tensor | null, c: number): F32Param | null | undefined {
  if (p === null) return null;
  return p.strides[0] === 1 || c === 1
    ? { data: p.storage as Float32Array, offset: p.storageOffset }
    : undefined;
}

function paramAt(p: Tensor, j: number): number {
  return (p.storage as FloatStorage)[p.storageOffset + j * p.strides[0]!]!;
}

/**
 * The closed-form gradients of x, weight and bias with PyTorch 1.13's CPU arithmetic (its
 * contiguous batch-norm backward kernel): the sums of `dy` and `(x - mean) * dy` accumulate in
 * float64, every other step rounds in the tensor's dtype, in PyTorch's order.
 */
function backward(
  single: boolean,
  g: Tensor,
  x: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  means: Float64Array,
  invstds: Float64Array,
): (Tensor | null)[] {
  const [n, c] = x.shape as [number, number];
  const make = (len: number): FloatStorage =>
    single ? allocateFloat32(len) : allocateFloat64(len);
  const xd = x.storage as FloatStorage;
  const xo = x.storageOffset;
  const gd = g.storage as FloatStorage;
  const [gr, gc] = g.strides as [number, number];
  const go = g.storageOffset;
  const gx = x.requiresGrad ? make(n * c) : null;
  const gw = weight?.requiresGrad ? make(c) : null;
  const gb = bias?.requiresGrad ? make(c) : null;
  if (single && simdBackward(x, g, n, c, weight, means, invstds, gx, gw, gb)) {
    return tensors(x, n, c, gx, gw, gb);
  }
  for (let j = 0; j < c; j++) {
    const mu = means[j]!;
    const invstd = invstds[j]!;
    let sum = 0;
    let dotp = 0;
    for (let i = 0, k = xo + j, q = go + j * gc; i < n; i++, k += c, q += gr) {
      const dy = gd[q]!;
      sum += dy;
      dotp += roundAs(single, roundAs(single, xd[k]! - mu) * dy);
    }
    if (gw !== null) gw[j] = dotp * invstd;
    if (gb !== null) gb[j] = sum;
    if (gx !== null) {
      const w = weight === null ? 1 : paramAt(weight, j);
      const scale = roundAs(single, roundAs(single, roundAs(single, dotp) * invstd) * invstd);
      const proj = roundAs(single, scale / n);
      const gradMean = roundAs(single, sum / n);
      for (let i = 0, k = j, q = go + j * gc; i < n; i++, k += c, q += gr) {
        const dx = roundAs(single, roundAs(single, xd[xo + k]! - mu) * proj);
        const centered = roundAs(single, roundAs(single, gd[q]! - gradMean) - dx);
        gx[k] = weight === null ? centered * invstd : roundAs(single, centered * invstd) * w;
      }
    }
  }
  return tensors(x, n, c, gx, gw, gb);
}

function tensors(
  x: Tensor,
  n: number,
  c: number,
  gx: FloatStorage | null,
  gw: FloatStorage | null,
  gb: FloatStorage | null,
): (Tensor | null)[] {
  return [
    gx === null ? null : new Tensor(gx, [n, c], [c, 1], 0, x.dtype),
    gw === null ? null : new Tensor(gw, [c], [1], 0, x.dtype),
    gb === null ? null : new Tensor(gb, [c], [1], 0, x.dtype),
  ];
}

/** `backward` for float32 by the WebAssembly kernel (the same bits), when it applies. */
function simdBackward(
  x: Tensor,
  g: Tensor,
  n: number,
  c: number,
  weight: Tensor | null,
  means: Float64Array,
  invstds: Float64Array,
  gx: FloatStorage | null,
  gw: FloatStorage | null,
  gb: FloatStorage | null,
): boolean {
  if (n * c < SIMD_MIN_ROWS || !g.contiguousLayout || g.dtype !== "float32") return false;
  const w = denseParam(weight, c);
  if (w === undefined) return false;
  return simdBatchNormBackwardF32(
    x.storage as Float32Array,
    x.storageOffset,
    g.storage as Float32Array,
    g.storageOffset,
    n,
    c,
    means,
    invstds,
    w,
    gx as Float32Array | null,
    (gw ?? new Float32Array(c)) as Float32Array,
    (gb ?? new Float32Array(c)) as Float32Array,
  );
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
