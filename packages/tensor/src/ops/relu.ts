import { needsGrad, record } from "../autograd/record.js";
import { unaryForward } from "../iteration/unary.js";
import { denseFloat } from "../kernels/dense.js";
import { reluKernels } from "../kernels/generated/tables.js";
import { SIMD_MIN_ELEMENTS, simdReluBackwardF32 } from "../kernels/wasm/simd.js";
import { contiguousStrides, sameShape } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";
import { le } from "./le.js";
import { where } from "./where.js";

/**
 * `max(x, 0)`, elementwise (NaN stays NaN, -0 stays -0, as in PyTorch) (`torch.relu`).
 *
 * @example
 * ```ts
 * relu(tensor([-1, 2])).toArray(); // [0, 2]
 * ```
 */
export function relu(x: Tensor): Tensor {
  const out = unaryForward("relu", x, reluKernels, x.dtype);
  if (needsGrad(x)) record(out, "ReluBackward0", [x], [out], (g) => [reluBackward(g, out)]);
  return out;
}

/**
 * PyTorch's `threshold_backward(g, out, 0)`: 0 where `out <= 0`, else `g` (so a NaN output
 * passes its gradient on, as in PyTorch). One loop for contiguous float operands of one shape
 * and dtype, `where` and `le` otherwise.
 */
function reluBackward(g: Tensor, out: Tensor): Tensor {
  const dg = denseFloat(g);
  const dout = denseFloat(out);
  if (dg === null || dout === null || g.dtype !== out.dtype || !sameShape(g.shape, out.shape)) {
    return where(le(out, 0), 0, g);
  }
  const n = out.numel();
  const r = allocateUnfilled(out.dtype, n); // every element written below
  if (r instanceof Float32Array) {
    const o = dout.data as Float32Array;
    const gd = dg.data as Float32Array;
    // a loop's branch on a random sign mispredicts half the time: about 10 ns an element here
    if (n < SIMD_MIN_ELEMENTS || !simdReluBackwardF32(o, dout.offset, gd, dg.offset, r, n)) {
      passAboveF32(o, dout.offset, gd, dg.offset, r, n);
    }
  } else {
    passAboveF64(
      dout.data as Float64Array,
      dout.offset,
      dg.data as Float64Array,
      dg.offset,
      r as Float64Array,
      n,
    );
  }
  return new Tensor(r, out.shape, contiguousStrides(out.shape), 0, out.dtype);
}

/**
 * `r[k] = o[oo + k] <= 0 ? 0 : g[go + k]` for `k < n`, float32: one function per array type, so
 * that V8 keeps each loop monomorphic.
 */
function passAboveF32(
  o: Float32Array,
  oo: number,
  g: Float32Array,
  go: number,
  r: Float32Array,
  n: number,
): void {
  for (let k = 0; k < n; k++) r[k] = o[oo + k]! <= 0 ? 0 : g[go + k]!;
}

/** The same for float64. */
function passAboveF64(
  o: Float64Array,
  oo: number,
  g: Float64Array,
  go: number,
  r: Float64Array,
  n: number,
): void {
  for (let k = 0; k < n; k++) r[k] = o[oo + k]! <= 0 ? 0 : g[go + k]!;
}
