import { needsGrad2, record } from "../autograd/record.js";
import {
  type DenseFloat,
  denseFloat,
  type FloatStorage,
  roundAs,
  stridedSum,
} from "../kernels/dense.js";
import { sameShape } from "../shape/dims.js";
import { allocateFloat32, allocateFloat64 } from "../storage.js";
import { Tensor } from "../tensor.js";
import { mean } from "./mean.js";
import { mul } from "./mul.js";
import { sub } from "./sub.js";
import { sum } from "./sum.js";

/**
 * The mean (or sum) of squared differences `(input - target)²` (`torch.nn.functional.mse_loss`
 * with `reduction="mean"`, the default as in PyTorch, or `"sum"`). For contiguous float operands of one shape and dtype it is
 * one fused op (gradFn `MseLossBackward0`) that rounds exactly as the composite
 * `(input - target).pow(2).mean()` does, forward and backward, without intermediate tensors;
 * other operands (broadcasting, mixed dtypes, strided views) take that composite path.
 *
 * @example
 * ```ts
 * mseLoss(tensor([1, 2, 3]), tensor([1, 0, 0]), "mean").item(); // 4.333333492279053
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, reduction: "mean" | "sum" = "mean"): Tensor {
  const di = denseFloat(input);
  const dt = denseFloat(target);
  if (di === null || dt === null || input.dtype !== target.dtype) {
    return composite(input, target, reduction);
  }
  if (!sameShape(input.shape, target.shape)) return composite(input, target, reduction);
  const n = input.numel();
  const dtype = input.dtype as "float32" | "float64";
  const single = dtype === "float32";
  const total = sumOfSquares(single, di, dt, n);
  const value = reduction === "mean" ? roundAs(single, total / n) : total;
  const storage: FloatStorage = dtype === "float32" ? allocateFloat32(1) : allocateFloat64(1);
  storage[0] = value;
  const out = new Tensor(storage, [], [], 0, dtype);
  if (needsGrad2(input, target)) {
    record(out, "MseLossBackward0", [input, target], [input, target], (g) => {
      const g0 = (g.storage as FloatStorage)[g.storageOffset]!;
      const scale = reduction === "mean" ? roundAs(single, g0 / n) : g0;
      const gi = dtype === "float32" ? allocateFloat32(n) : allocateFloat64(n);
      scaledDifferences(single, di, dt, n, scale, gi);
      const gradInput = input.requiresGrad
        ? new Tensor(gi, input.shape, input.strides, 0, dtype)
        : null;
      let gradTarget: Tensor | null = null;
      if (target.requiresGrad) {
        const gt = dtype === "float32" ? allocateFloat32(n) : allocateFloat64(n);
        for (let k = 0; k < n; k++) gt[k] = -gi[k]!;
        gradTarget = new Tensor(gt, target.shape, target.strides, 0, dtype);
      }
      return [gradInput, gradTarget];
    });
  }
  return out;
}

/** `Σ (a - b)²` with each difference and square rounded, summed in float64, rounded once. */
function sumOfSquares(single: boolean, a: DenseFloat, b: DenseFloat, n: number): number {
  const ad = a.data;
  const bd = b.data;
  const squares = single ? allocateFloat32(n) : allocateFloat64(n);
  for (let k = 0; k < n; k++) {
    const d = roundAs(single, ad[a.offset + k]! - bd[b.offset + k]!);
    squares[k] = d * d;
  }
  return roundAs(single, stridedSum(squares, 0, n, 1));
}

/** `out = 2 * (scale * (a - b))`, rounded as the composite's backward rounds. */
function scaledDifferences(
  single: boolean,
  a: DenseFloat,
  b: DenseFloat,
  n: number,
  scale: number,
  out: FloatStorage,
): void {
  const ad = a.data;
  const bd = b.data;
  for (let k = 0; k < n; k++)
    out[k] = 2 * roundAs(single, scale * roundAs(single, ad[a.offset + k]! - bd[b.offset + k]!));
}

function composite(input: Tensor, target: Tensor, reduction: "mean" | "sum"): Tensor {
  const d = sub(input, target);
  const squares = mul(d, d);
  return reduction === "mean" ? mean(squares) : sum(squares);
}
