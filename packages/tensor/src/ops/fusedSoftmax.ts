import { laneDotF32, laneSumF32, softmaxRowsF32 } from "../kernels/softmaxRows.js";
import { simdSoftmaxF32 } from "../kernels/wasm/simdSoftmax.js";
import { fma32 } from "../random/fma.js";
import { contiguousStrides, sameShape, shapeSize } from "../shape/dims.js";
import { allocateUnfilled } from "../storage.js";
import { Tensor } from "../tensor.js";
import { exp } from "./exp.js";

/**
 * Float32 softmax (or, with `log`, log-softmax) along dim `d` of a contiguous tensor in one
 * fused pass over each row, as PyTorch's CPU kernel for the last dim does: the WebAssembly
 * kernels where they run, their TypeScript twin otherwise (the same bits). Applies when every
 * dim after `d` has size 1, so that the rows along `d` are contiguous; null (computing nothing)
 * otherwise, or for other dtypes. No autograd.
 */
export function fusedSoftmaxF32(input: Tensor, d: number, log: boolean): Tensor | null {
  const shape = input.shape;
  if (input.dtype !== "float32" || !input.contiguousLayout) return null;
  for (let i = d + 1; i < shape.length; i++) if (shape[i] !== 1) return null;
  const n = shapeSize(shape);
  const cols = shape[d]!;
  const rows = cols === 0 ? 0 : n / cols;
  const a = input.storage as Float32Array;
  const ai = input.storageOffset;
  const out = allocateUnfilled("float32", n) as Float32Array; // every element written below
  if (!simdSoftmaxF32(a, ai, out, 0, rows, cols, log)) {
    softmaxRowsF32(a, ai, out, 0, rows, cols, log);
  }
  return new Tensor(out, shape, contiguousStrides(shape), 0, "float32");
}

/** The row layout both backward passes need: rows × cols, or null (see the functions below). */
function backwardRows(g: Tensor, out: Tensor, d: number): { rows: number; cols: number } | null {
  const shape = out.shape;
  if (out.dtype !== "float32" || g.dtype !== "float32") return null;
  if (!out.contiguousLayout || !g.contiguousLayout || !sameShape(g.shape, shape)) return null;
  for (let i = d + 1; i < shape.length; i++) if (shape[i] !== 1) return null;
  const cols = shape[d]!;
  return { rows: cols === 0 ? 0 : shapeSize(shape) / cols, cols };
}

/**
 * The gradient of float32 log-softmax along dim `d` (`out` its result, `g` the upstream
 * gradient), as PyTorch 1.13's CPU kernel for the last dim computes it: each row's `Σ g` in
 * the order of its vectorized reduction ({@link laneSumF32}), then `g - exp(out) · Σ g` with
 * one rounding (the kernel's expression is contracted to a fused multiply-add), the exponential
 * by the exp op (SLEEF's, PyTorch's). Null, computing nothing, unless both are contiguous float32 of one
 * shape with only size-1 dims after `d`.
 */
export function fusedLogSoftmaxBackwardF32(g: Tensor, out: Tensor, d: number): Tensor | null {
  const layout = backwardRows(g, out, d);
  if (layout === null) return null;
  const { rows, cols } = layout;
  const e = exp(out).storage as Float32Array; // a new contiguous tensor from 0
  const gd = g.storage as Float32Array;
  const go = g.storageOffset;
  const r = allocateUnfilled("float32", rows * cols) as Float32Array; // written whole below
  for (let row = 0; row < rows; row++) {
    const at = row * cols;
    const s = laneSumF32(gd, go + at, cols);
    for (let j = at; j < at + cols; j++) r[j] = fma32(-e[j]!, s, gd[go + j]!);
  }
  return new Tensor(r, out.shape, contiguousStrides(out.shape), 0, "float32");
}

/**
 * The gradient of float32 softmax along dim `d` (`out` its result, `g` the upstream gradient),
 * as PyTorch 1.13's CPU kernel for the last dim computes it: each row's `Σ g·out` in its
 * vectorized reduction's order ({@link laneDotF32}), then `(g - Σ) · out`, each rounded.
 * Null, computing nothing, where {@link fusedLogSoftmaxBackwardF32} is.
 */
export function fusedSoftmaxBackwardF32(g: Tensor, out: Tensor, d: number): Tensor | null {
  const layout = backwardRows(g, out, d);
  if (layout === null) return null;
  const { rows, cols } = layout;
  const o = out.storage as Float32Array;
  const oo = out.storageOffset;
  const gd = g.storage as Float32Array;
  const go = g.storageOffset;
  const r = allocateUnfilled("float32", rows * cols) as Float32Array; // written whole below
  for (let row = 0; row < rows; row++) {
    const at = row * cols;
    const s = laneDotF32(gd, go + at, o, oo + at, cols);
    for (let j = at; j < at + cols; j++) r[j] = Math.fround(gd[go + j]! - s) * o[oo + j]!;
  }
  return new Tensor(r, out.shape, contiguousStrides(out.shape), 0, "float32");
}
