import { noGrad } from "../autograd/gradMode.js";
import { needsGrad2, record } from "../autograd/record.js";
import { cascadeTotal } from "../kernels/cascadeSum.js";
import { type DenseFloat, denseFloat, type FloatStorage, roundAs } from "../kernels/dense.js";
import { broadcastShapes } from "../shape/broadcast.js";
import { sameShape, shapeSize } from "../shape/dims.js";
import { allocateFloat32, allocateFloat64, allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";
import { add } from "./add.js";
import { div } from "./div.js";
import { expand } from "./expand.js";
import { mean } from "./mean.js";
import { mul } from "./mul.js";
import { neg } from "./neg.js";
import { sub } from "./sub.js";
import { sum } from "./sum.js";

/**
 * The mean (or sum) of squared differences `(input - target)²` (`torch.nn.functional.mse_loss`
 * with `reduction="mean"`, the default as in PyTorch, or `"sum"`). Always one autograd node,
 * `MseLossBackward0`, as in PyTorch. For contiguous float operands of one shape and dtype it runs
 * fused loops that round exactly as the composite `(input - target).pow(2).mean()` does, forward
 * and backward, without intermediate tensors; other operands (broadcasting, mixed dtypes, strided
 * views) are computed by those composite ops.
 *
 * @example
 * ```ts
 * mseLoss(tensor([1, 2, 3]), tensor([1, 0, 0]), "mean").item(); // 4.333333492279053
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, reduction: "mean" | "sum" = "mean"): Tensor {
  const di = denseFloat(input);
  const dt = denseFloat(target);
  if (
    di === null ||
    dt === null ||
    input.dtype !== target.dtype ||
    !sameShape(input.shape, target.shape)
  ) {
    return composite(input, target, reduction);
  }
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
      const gi = allocateUnfilled(dtype, n) as FloatStorage; // scaledDifferences writes all n
      scaledDifferences(single, di, dt, n, scale, gi);
      const gradInput = input.requiresGrad
        ? new Tensor(gi, input.shape, input.strides, 0, dtype)
        : null;
      let gradTarget: Tensor | null = null;
      if (target.requiresGrad) {
        const gt = allocateUnfilled(dtype, n) as FloatStorage;
        for (let k = 0; k < n; k++) gt[k] = -gi[k]!;
        gradTarget = new Tensor(gt, target.shape, target.strides, 0, dtype);
      }
      return [gradInput, gradTarget];
    });
  }
  return out;
}

/** `Σ (a - b)²` with each difference and square rounded, summed as `sum` (PyTorch) sums. */
function sumOfSquares(single: boolean, a: DenseFloat, b: DenseFloat, n: number): number {
  const ad = a.data;
  const bd = b.data;
  const squares = allocateUnfilled(single ? "float32" : "float64", n) as FloatStorage;
  for (let k = 0; k < n; k++) {
    const d = roundAs(single, ad[a.offset + k]! - bd[b.offset + k]!);
    squares[k] = d * d;
  }
  return cascadeTotal(squares, 0, n);
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

/**
 * The loss by the composite ops on operands broadcast as `F.mse_loss` broadcasts them (each
 * expanded only when its shape changes), recorded as one `MseLossBackward0` node whose gradient is
 * the composite's: `2 (g' (a - b))` with `g'` the output gradient spread over the elements (over
 * their count for a mean).
 */
function composite(input: Tensor, target: Tensor, reduction: "mean" | "sum"): Tensor {
  const shape = broadcastShapes(input.shape, target.shape, "mse_loss");
  const a = sameShape(input.shape, shape) ? input : expand(input, shape);
  const b = sameShape(target.shape, shape) ? target : expand(target, shape);
  const out = noGrad(() => {
    const d = sub(a, b);
    const squares = mul(d, d);
    return reduction === "mean" ? mean(squares) : sum(squares);
  });
  if (needsGrad2(a, b)) {
    record(out, "MseLossBackward0", [a, b], [a, b], (g) => {
      const spread = expand(reduction === "mean" ? div(g, shapeSize(shape)) : g, shape);
      const half = mul(spread, sub(a, b));
      const grad = add(half, half);
      return [a.requiresGrad ? grad : null, b.requiresGrad ? neg(grad) : null];
    });
  }
  return out;
}
