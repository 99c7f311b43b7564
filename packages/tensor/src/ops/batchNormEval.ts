import { noGrad } from "../autograd/gradMode.js";
import { needsGrad3, record } from "../autograd/record.js";
import { transform } from "../kernels/batchNormRows.js";
import { denseFloat, type FloatStorage, roundAs } from "../kernels/dense.js";
import { allocateFloat32, allocateFloat64 } from "../storage.js";
import { Tensor } from "../tensor.js";
import { add } from "./add.js";
import { channelParam, fitsChannels, rowsBackward } from "./batchNormTrain.js";
import { mul } from "./mul.js";
import { neg } from "./neg.js";
import { reciprocal } from "./reciprocal.js";
import { reshape } from "./reshape.js";
import { sqrt } from "./sqrt.js";
import { sub } from "./sub.js";
import { sum } from "./sum.js";

/**
 * Batch normalization with given statistics, as BatchNorm layers compute in eval mode
 * (`torch.nn.functional.batch_norm(x, runningMean, runningVar, weight, bias, training=False,
 * eps=eps)`): each channel `c` of `x` (`[N, C]` or `[N, C, L]`) becomes
 * `(x - runningMean_c) / sqrt(runningVar_c + eps) * weight_c + bias_c`. One autograd node,
 * `NativeBatchNormBackward0`, as in PyTorch: `g·w/σ` for `x`, `Σ g·(x - μ)/σ` for the weight and
 * `Σ g` for the bias. For dense `[N, C]` float input with parameters of its dtype it runs PyTorch
 * 1.13's own CPU loops (batchNormRows.ts), so its bits are PyTorch's: the forward's `1/σ` in the
 * dtype, `x·alpha + beta` fused; the backward's `1/σ` in float64. Other input is computed by
 * composite ops.
 *
 * @example
 * ```ts
 * batchNormEval(tensor([[3]]), tensor([1]), tensor([4]), null, null, 0).toArray(); // [[1]]
 * ```
 */
export function batchNormEval(
  x: Tensor,
  runningMean: Tensor,
  runningVar: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): Tensor {
  const dx = denseFloat(x);
  const c = x.shape[1] ?? 0;
  const fits = (p: Tensor | null) => fitsChannels(x, p);
  if (
    dx === null ||
    x.shape.length !== 2 ||
    !fits(weight) ||
    !fits(bias) ||
    !fits(runningMean) ||
    !fits(runningVar)
  ) {
    return composite(x, runningMean, runningVar, weight, bias, eps);
  }
  const n = x.shape[0]!;
  const single = x.dtype === "float32";
  const round = (v: number) => roundAs(single, v);
  const values = (t: Tensor) => {
    const at = channelParam(t, 0);
    return Float64Array.from({ length: c }, (_, j) => at(j));
  };
  const mean = values(runningMean);
  const variance = values(runningVar);
  // collect_linear_and_constant_terms: 1 / sqrt(var + eps) in the dtype
  const invstd = variance.map((v) => round(1 / round(Math.sqrt(round(v + round(eps))))));
  const out: FloatStorage = single ? allocateFloat32(n * c) : allocateFloat64(n * c);
  transform(
    single,
    dx.data,
    dx.offset,
    n,
    c,
    mean,
    invstd,
    channelParam(weight, 1),
    channelParam(bias, 0),
    out,
  );
  const result = new Tensor(out, [n, c], [c, 1], 0, x.dtype);
  if (needsGrad3(x, weight, bias)) {
    // the backward kernel's own 1 / sqrt(var + eps), in float64 and then rounded
    const backInvstd = variance.map((v) => round(1 / Math.sqrt(v + eps)));
    record(result, "NativeBatchNormBackward0", [x, weight, bias], [x, weight], (g) =>
      rowsBackward(false, g, x, weight, bias, mean, backInvstd),
    );
  }
  return result;
}

/** The same from tensor ops, for any rank, layout and dtype, as one `NativeBatchNormBackward0` node. */
function composite(
  x: Tensor,
  runningMean: Tensor,
  runningVar: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): Tensor {
  const c = x.shape[1] ?? 0;
  const paramShape = x.shape.length === 2 ? [c] : [c, 1];
  const dims = x.shape.length === 2 ? [0] : [0, 2];
  const { out, mean, invstd, alpha } = noGrad(() => {
    const mean = reshape(runningMean, paramShape);
    const invstd = reciprocal(sqrt(add(reshape(runningVar, paramShape), eps)));
    const alpha = weight === null ? invstd : mul(invstd, reshape(weight, paramShape));
    const shift = mul(mean, alpha);
    const beta = bias === null ? neg(shift) : sub(reshape(bias, paramShape), shift);
    return { out: add(mul(x, alpha), beta), mean, invstd, alpha };
  });
  if (needsGrad3(x, weight, bias)) {
    record(out, "NativeBatchNormBackward0", [x, weight, bias], [x, weight], (g) => [
      x.requiresGrad ? mul(g, alpha) : null,
      weight?.requiresGrad ? mul(sum(mul(sub(x, mean), g), dims), reshape(invstd, [c])) : null,
      bias?.requiresGrad ? sum(g, dims) : null,
    ]);
  }
  return out;
}
